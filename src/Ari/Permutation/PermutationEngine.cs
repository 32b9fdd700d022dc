using Ari.Glm;

namespace Ari.Permutation;

/// <summary>
/// Sees one permuted t map of a run (assignment <paramref name="index"/> of the sequence, mask order) while the
/// engine measures it, so other permutation methods (TDP calibration) share the engine's single pass. Called from
/// several threads at once for distinct assignments; the span is valid only during the call.
/// </summary>
public delegate void PermutedMapObserver(int index, ReadOnlySpan<double> t);

/// <summary>
/// The null maxima of a block of a permutation sequence: for each assignment its largest t (|t| two-sided),
/// cluster size and mass, and TFCE. t maps come in batches from <see cref="PermutedStatistics.Stream"/>; each
/// batch's maps are then measured in parallel, one map per thread, with per-thread scratch (no allocation per
/// permutation). The values of an assignment depend only on its index, not on the block or batch it is in.
/// </summary>
public static class PermutationEngine
{
    /// <param name="kernel">The residualised data and the t computation (<see cref="PermutedStatistics.CreateKernel"/>).</param>
    /// <param name="design">The split design; its <see cref="PermutationDesign.Kind"/> must match the sequence's.</param>
    /// <param name="sequence">The run's assignments (permutation 0 is the identity).</param>
    /// <param name="first">The first assignment of the block (0 to include the observed map).</param>
    /// <param name="count">The number of assignments in the block.</param>
    /// <param name="options">What to measure besides max t: sidedness, cluster-forming threshold, TFCE.</param>
    /// <param name="neighbours">The mask's face neighbours (clusters and TFCE).</param>
    /// <param name="progress">Called after each batch with the number of assignments done so far.</param>
    /// <param name="batchSize">Permuted maps per batch (null: <see cref="PermutedStatistics.DefaultBatchSize"/>).</param>
    /// <param name="observe">Also hands every permuted map to this observer (in parallel, any order), e.g. a TDP calibration.</param>
    /// <param name="cancel">Stops between batches.</param>
    /// <returns>The maxima of assignments [first, first + count), indexed from <paramref name="first"/>.</returns>
    public static NullMaxima Run(PermutationKernel kernel, PermutationDesign design, PermutationSequence sequence, int first, int count,
        PermutationOptions options, MaskNeighbours neighbours, Action<int>? progress = null, int? batchSize = null,
        PermutedMapObserver? observe = null, CancellationToken cancel = default)
    {
        var maxima = new NullMaxima(first, count, options.ClusterThreshold is not null, options.Tfce is not null);
        int v = kernel.VoxelCount;
        var clusterScratch = new System.Collections.Concurrent.ConcurrentBag<ClusterMeasures.Scratch>();
        var tfceScratch = new System.Collections.Concurrent.ConcurrentBag<Tfce.Scratch>();
        int done = 0;
        PermutedStatistics.Stream(kernel, design, sequence, first, count, (start, b, tSpan) =>
        {
            // The span cannot cross into the parallel loop: its memory is the stream's array, passed by offset.
            unsafe
            {
                fixed (double* pointer = tSpan)
                {
                    nint address = (nint)pointer;
                    Parallel.For(0, b, a =>
                    {
                        var t = new ReadOnlySpan<double>((double*)address + (long)a * v, v);
                        int slot = start + a - first;
                        maxima.MaxT[slot] = MaxT(t, options.TwoSided);
                        if (options.ClusterThreshold is { } threshold)
                        {
                            if (!clusterScratch.TryTake(out var cs)) cs = new ClusterMeasures.Scratch(v);
                            var (size, mass) = ClusterMeasures.Measure(t, threshold, options.TwoSided, neighbours, cs);
                            maxima.MaxSize![slot] = size;
                            maxima.MaxMass![slot] = mass;
                            clusterScratch.Add(cs);
                        }
                        if (options.Tfce is { } tfce)
                        {
                            if (!tfceScratch.TryTake(out var ts)) ts = new Tfce.Scratch(v);
                            maxima.MaxTfce![slot] = tfce.Compute(t, options.TwoSided, neighbours, ts);
                            tfceScratch.Add(ts);
                        }
                        observe?.Invoke(start + a, t);
                    });
                }
            }
            done += b;
            progress?.Invoke(done);
        }, batchSize, cancel);
        return maxima;
    }

    /// <summary>max t, or max |t| two-sided (nilearn's h0_max_t).</summary>
    public static double MaxT(ReadOnlySpan<double> t, bool twoSided)
    {
        double best = double.NegativeInfinity;
        if (twoSided) foreach (double x in t) { double a = Math.Abs(x); if (a > best) best = a; }
        else foreach (double x in t) if (x > best) best = x;
        return best;
    }
}
