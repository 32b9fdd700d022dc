using System.Buffers;
using System.Globalization;
using Ari.Domain;
using Ari.Imaging;
using Ari.Masking;

namespace Ari.Inference;

/// <summary>
/// All-Resolution Inference on clusters of a statistic map: nilearn 0.10.3's cluster_level_inference by default,
/// correct where nilearn is not.
/// <list type="number">
/// <item>The family is every voxel of the mask (nilearn's background mask of the map by default), with
/// p = Phi(-z) (or 2 Phi(-|z|) two-sided, or given p-values); Hommel's h is computed once for it.</item>
/// <item>For each threshold, increasing, clusters are the connected components of z &gt; threshold inside the mask
/// (and of z &lt; -threshold two-sided); each gets the bound max over u &gt;= 1 of (1 - u + #{h p &lt;= u alpha}) and
/// TDP = bound / size.</item>
/// <item>A voxel takes the TDP of the cluster of the highest threshold containing it; 0 elsewhere.</item>
/// </list>
/// Where nilearn goes wrong Ari does not: h = 0 gives TDP 1 (nilearn: above 1), p = 0 (z beyond ~38, +inf) is a
/// discovery without pushing the bound past the size, -inf and NaN count as p = 1. Cost: O(m log m) for h (the sort
/// of the p-values below alpha), then linear in the voxels per threshold, whatever the number of clusters.
/// </summary>
public static class ClusterLevelInference
{
    public static ClusterLevelResult Compute(
        Volume<double> statImage,
        IReadOnlyList<double> thresholds,
        double alpha,
        Mask? mask = null,
        ClusterLevelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(statImage);
        ArgumentNullException.ThrowIfNull(thresholds);
        options ??= ClusterLevelOptions.Default;
        if (!(alpha > 0 && alpha < 1))
            throw new AriException($"alpha must be between 0 and 1 (exclusive), got {Text(alpha)}");
        if (options.Connectivity is not (6 or 18 or 26))
            throw new AriException($"connectivity must be 6, 18 or 26, got {options.Connectivity}");
        var grid = statImage.Grid;
        if (!Array.Exists(statImage.Data, double.IsFinite))
            throw new AriException("the statistic map has no finite value");
        CheckGrid(options.PValues, grid, "p-value map");
        CheckGrid(options.Regions, grid, "label map");
        mask ??= BackgroundMask.Compute(statImage);
        if (!mask.Grid.Matches(grid))
            throw new AriException($"the mask is on a {mask.Grid.ShapeText} grid that differs from the statistic map's {grid.ShapeText} grid");
        if (mask.IsEmpty)
            throw new AriException("the mask is empty");
        double[] levels = options.Regions is null ? CheckThresholds(thresholds, options.TwoSided) : [];

        StageTrace.Mark("tdp: checks, background mask");
        var z = mask.Extract<double>(statImage.Data);
        if (!Array.Exists(z, double.IsFinite))
            throw new AriException("the statistic map has no finite value inside the mask");
        if (options.CriticalVector is { } vector && vector.Alpha != alpha)
            throw AriException.For("alpha", $"{Text(alpha)} differs from the critical vector's alpha {Text(vector.Alpha)}");
        double[]? pInMask = options.PValues is { } p ? mask.Extract<double>(p.Data) : null;
        int[]? regionsInMask = options.Regions is { } regions ? RegionValues(regions, mask) : null;
        return Compute(z, new GridDomain(mask, options.Connectivity), levels, alpha, options, pInMask, regionsInMask);
    }

    /// <summary>
    /// The same inference on a statistic vector over a domain (the in-mask values of a map, in mask order): p-values
    /// (given, in domain order, or from z), the bounds on the critical vector (<see cref="ClusterLevelOptions.CriticalVector"/>,
    /// or Simes with Hommel's h), then the clusters of each threshold (connected on the domain's grid with its
    /// connectivity) or of each region label, and the TDP map.
    /// </summary>
    /// <param name="z">The statistic at each domain position (at least one finite value).</param>
    /// <param name="levels">Distinct thresholds, increasing, each finite and &gt;= 0 (ignored with regions).</param>
    /// <param name="pValues">Given p-values per position (NaN counts as 1), or null for Phi(-z).</param>
    /// <param name="regions">Region labels per position (0 = none), or null for threshold clusters.</param>
    internal static ClusterLevelResult Compute(double[] z, GridDomain domain, double[] levels, double alpha, ClusterLevelOptions options,
        double[]? pValues = null, int[]? regions = null)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(domain);
        if (z.Length != domain.Count)
            throw new ArgumentException($"{z.Length} statistics for a domain of {domain.Count} positions", nameof(z));
        var bounds = options.CriticalVector is { } cv
            ? TrueDiscoveryBounds.Create(pValues is not null ? VoxelPValues.FromMap(pValues) : VoxelPValues.FromZ(z, options.TwoSided), cv)
            : pValues is not null
            ? TrueDiscoveryBounds.Create(VoxelPValues.FromMap(pValues), alpha)
            : TrueDiscoveryBounds.FromZ(z, alpha, options.TwoSided);
        StageTrace.Mark("tdp: extract z, Hommel h, categories");

        var jobs = regions is not null
            ? [RegionJob(regions, domain, z, bounds, options.TwoSided)]
            : ClusterJobs(domain, z, bounds, levels, options.TwoSided);
        StageTrace.Mark("tdp: clusters (label, measure)");
        var grid = domain.Grid;
        var tdp = new double[grid.VoxelCount];
        var table = new List<Cluster>();
        var indices = domain.VoxelIndices;
        foreach (var job in jobs)
        {
            table.AddRange(job.Clusters);
            var labels = job.LabelInMask;
            for (int n = 0; n < labels.Length; n++)
            {
                int l = labels[n];
                if (l != 0) tdp[indices[n]] = job.Sign * job.TdpOfLabel[l];
            }
        }
        return new ClusterLevelResult(new Volume<double>(grid, tdp), new ClusterTable(table, VoxelVolume.Of(grid)), domain.Mask, bounds,
            regions is not null ? [] : levels, options);
    }

    /// <summary>The clusters of one threshold and sign, their labels in mask order, and each label's TDP.</summary>
    private sealed record Job(Cluster[] Clusters, int[] LabelInMask, double[] TdpOfLabel, int Sign);

    private static Job[] ClusterJobs(GridDomain domain, double[] z, TrueDiscoveryBounds bounds, double[] levels, bool twoSided)
    {
        int signs = twoSided ? 2 : 1;
        var jobs = new Job[levels.Length * signs];
        // One job per core at a time: each labels the whole grid, so more at once would only hold more grids.
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, q =>
        {
            double t = levels[q / signs];
            int sign = q % signs == 0 ? 1 : -1;
            jobs[q] = ClusterJob(domain, z, bounds, t, sign);
        });
        if (twoSided)
            for (int q = 1; q < jobs.Length; q += 2)
            {
                // Negative clusters are numbered after the positive ones of the same threshold.
                int offset = jobs[q - 1].Clusters.Length;
                jobs[q] = jobs[q] with { Clusters = [.. jobs[q].Clusters.Select(c => c with { Id = c.Id + offset })] };
            }
        return jobs;
    }

    private static Job ClusterJob(GridDomain domain, double[] z, TrueDiscoveryBounds bounds, double threshold, int sign)
    {
        var grid = domain.Grid;
        int size = grid.VoxelCount;
        var foreground = ArrayPool<bool>.Shared.Rent(size);
        var labels = ArrayPool<int>.Shared.Rent(size);
        try
        {
            var fg = foreground.AsSpan(0, size);
            fg.Clear();
            var indices = domain.VoxelIndices;
            // z > t inside the mask (z < -t for negative clusters); NaN never passes.
            if (sign > 0)
            {
                for (int n = 0; n < indices.Length; n++) if (z[n] > threshold) fg[indices[n]] = true;
            }
            else
            {
                for (int n = 0; n < indices.Length; n++) if (z[n] < -threshold) fg[indices[n]] = true;
            }
            int count = ConnectedComponents.Label(grid, fg, labels.AsSpan(0, size), domain.Connectivity);
            var labelInMask = new int[indices.Length];
            for (int n = 0; n < indices.Length; n++) labelInMask[n] = labels[indices[n]];
            var (clusters, tdpOfLabel) = ClusterMeasures.Measure(domain, labelInMask, count, z, bounds,
                sign > 0 ? PeakRule.Largest : PeakRule.Smallest, sign * threshold, ids: null);
            return new Job(clusters, labelInMask, tdpOfLabel, sign);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(foreground);
            ArrayPool<int>.Shared.Return(labels);
        }
    }

    /// <summary>The label of each mask voxel in a label map, refused (naming the voxel) when not a whole number.</summary>
    private static int[] RegionValues(Volume<double> regions, Mask mask)
    {
        var indices = mask.Indices;
        var data = regions.Data;
        var values = new int[indices.Length];
        for (int n = 0; n < indices.Length; n++)
        {
            double v = data[indices[n]];
            if (!(Math.Abs(v) < int.MaxValue) || v != Math.Round(v))
            {
                var (i, j, k) = mask.Grid.Coordinates(indices[n]);
                throw new AriException($"the label map holds {Text(v)} at voxel ({i}, {j}, {k}); labels must be whole numbers (0 = no region)");
            }
            values[n] = (int)v;
        }
        return values;
    }

    private static Job RegionJob(int[] values, GridDomain domain, double[] z, TrueDiscoveryBounds bounds, bool twoSided)
    {
        var distinct = new HashSet<int>();
        foreach (int v in values) if (v != 0) distinct.Add(v);
        var ids = distinct.Order().ToArray();
        var compact = new Dictionary<int, int>(ids.Length);
        for (int r = 0; r < ids.Length; r++) compact[ids[r]] = r + 1;
        var labelInMask = new int[values.Length];
        for (int n = 0; n < values.Length; n++)
            if (values[n] != 0) labelInMask[n] = compact[values[n]];
        var (clusters, tdpOfLabel) = ClusterMeasures.Measure(domain, labelInMask, ids.Length, z, bounds,
            twoSided ? PeakRule.LargestMagnitude : PeakRule.Largest, threshold: null, ids);
        return new Job(clusters, labelInMask, tdpOfLabel, 1);
    }

    private static double[] CheckThresholds(IReadOnlyList<double> thresholds, bool twoSided)
    {
        if (thresholds.Count == 0)
            throw new AriException("give at least one cluster-forming threshold");
        foreach (double t in thresholds)
        {
            if (!double.IsFinite(t))
                throw new AriException($"threshold {Text(t)} is not a finite number");
            if (t < 0)
                throw new AriException(twoSided
                    ? $"threshold {Text(t)} is negative; two-sided clusters are z > t and z < -t for t >= 0"
                    : $"threshold {Text(t)} is negative; clusters are z > threshold (use two-sided mode for negative effects)");
        }
        return [.. thresholds.Distinct().Order()];
    }

    private static void CheckGrid(Volume<double>? volume, ImageGrid grid, string what)
    {
        if (volume is not null && !volume.Grid.Matches(grid))
            throw new AriException($"the {what} is on a {volume.Grid.ShapeText} grid that differs from the statistic map's {grid.ShapeText} grid");
    }

    private static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
