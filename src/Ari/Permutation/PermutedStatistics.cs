using Ari.Glm;

namespace Ari.Permutation;

/// <summary>Receives one batch of permuted t maps: assignments [first, first + count) of the sequence, t row-major count x V (mask order).</summary>
public delegate void PermutedBatchHandler(int first, int count, ReadOnlySpan<double> t);

/// <summary>
/// Streams the permuted statistics of a run without ever holding n_perm maps: the engine under `ari permute`,
/// open to other permutation methods (permutation-based TDP: pARI, Notip).
/// <code>
/// var data = PermutationData.Load(paths, fwhm: 8);
/// var design = PermutationDesign.From(DesignMatrix.Intercept(paths.Count), contrast);
/// var kernel = PermutedStatistics.CreateKernel(data, design);
/// var sequence = PermutationSequence.Create(design, requested: 1000, seed: 0);
/// PermutedStatistics.Stream(kernel, design, sequence, 0, sequence.Count, (first, count, t) =&gt; { ... });
/// </code>
/// Each batch's t maps (nilearn's permuted_ols t, <see cref="PermutationKernel"/>; t of the identity is the
/// observed map) are computed on all cores as matrix products; the handler is called on the calling thread,
/// batch after batch in sequence order, and may itself use all cores. The span is only valid during the call.
/// z or p maps: <c>ZScore.FromT(t, kernel.Dof - 1)</c> per value. Memory: the data plus one batch
/// (<c>batchSize</c> x V doubles; default about 64 MB).
/// </summary>
public static class PermutedStatistics
{
    /// <summary>The kernel for a design: data residualised and scaled as nilearn's permuted_ols does.</summary>
    public static PermutationKernel CreateKernel(PermutationData data, PermutationDesign design) =>
        new(data, design.Tested, design.Confounds);

    /// <summary>A batch size that keeps one batch of t maps near 64 MB (at least 4, at most 256).</summary>
    public static int DefaultBatchSize(int voxels) => Math.Clamp(8_000_000 / Math.Max(1, voxels), 4, 256);

    /// <summary>Computes assignments [first, first + count) of <paramref name="sequence"/> batch by batch and hands each batch to <paramref name="handler"/>.</summary>
    public static void Stream(PermutationKernel kernel, PermutationDesign design, PermutationSequence sequence, int first, int count,
        PermutedBatchHandler handler, int? batchSize = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(handler);
        if (sequence.SubjectCount != kernel.SubjectCount)
            throw new ArgumentException($"the sequence has {sequence.SubjectCount} subjects, the data {kernel.SubjectCount}", nameof(sequence));
        if (sequence.Kind != design.Kind)
            throw new ArgumentException($"the design is tested by {design.Kind}, the sequence holds {sequence.Kind}", nameof(sequence));
        if (first < 0 || count < 0 || first + count > sequence.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"assignments [{first}, {first + count}) are outside the sequence of {sequence.Count}");
        int batch = batchSize ?? DefaultBatchSize(kernel.VoxelCount);
        int n = kernel.SubjectCount, per = kernel.RowsPerAssignment, v = kernel.VoxelCount;
        var t = new double[(long)batch * v];
        var weights = new double[batch * per * n];
        var assignment = new int[n];
        for (int start = first; start < first + count; start += batch)
        {
            cancel.ThrowIfCancellationRequested();
            int b = Math.Min(batch, first + count - start);
            for (int a = 0; a < b; a++)
            {
                sequence.Fill(start + a, assignment);
                Weights(kernel, sequence.Kind, assignment, weights.AsSpan(a * per * n, per * n));
            }
            kernel.ComputeT(weights, b, t);
            handler(start, b, t.AsSpan(0, b * v));
        }
    }

    /// <summary>The weight rows of one assignment: re-assigned x_r, then re-assigned confound columns.</summary>
    internal static void Weights(PermutationKernel kernel, PermutationKind kind, ReadOnlySpan<int> assignment, Span<double> rows)
    {
        int n = kernel.SubjectCount;
        var x = kernel.ResidualTested;
        var z = kernel.Confounds;
        for (int i = 0; i < n; i++)
        {
            if (kind == PermutationKind.SignFlips)
            {
                double s = assignment[i];
                rows[i] = s * x[i];
                for (int j = 0; j < z.Length; j++) rows[(1 + j) * n + i] = s * z[j][i];
            }
            else
            {
                int q = assignment[i];
                rows[i] = x[q];
                for (int j = 0; j < z.Length; j++) rows[(1 + j) * n + i] = z[j][q];
            }
        }
    }
}
