using System.Buffers;
using System.Globalization;
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

        var z = mask.Extract<double>(statImage.Data);
        if (!Array.Exists(z, double.IsFinite))
            throw new AriException("the statistic map has no finite value inside the mask");
        var bounds = options.PValues is { } given
            ? TrueDiscoveryBounds.Create(VoxelPValues.FromMap(mask.Extract<double>(given.Data)), alpha)
            : TrueDiscoveryBounds.FromZ(z, alpha, options.TwoSided);

        var jobs = options.Regions is { } regions
            ? [RegionJob(regions, mask, z, bounds, options.TwoSided)]
            : ClusterJobs(statImage, mask, z, bounds, levels, options);
        var tdp = new double[grid.VoxelCount];
        var table = new List<Cluster>();
        var indices = mask.Indices;
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
        return new ClusterLevelResult(new Volume<double>(grid, tdp), new ClusterTable(table), mask, bounds, levels, options);
    }

    /// <summary>The clusters of one threshold and sign, their labels in mask order, and each label's TDP.</summary>
    private sealed record Job(Cluster[] Clusters, int[] LabelInMask, double[] TdpOfLabel, int Sign);

    private static Job[] ClusterJobs(Volume<double> stat, Mask mask, double[] z, TrueDiscoveryBounds bounds, double[] levels, ClusterLevelOptions options)
    {
        int signs = options.TwoSided ? 2 : 1;
        var jobs = new Job[levels.Length * signs];
        Parallel.For(0, jobs.Length, q =>
        {
            double t = levels[q / signs];
            int sign = q % signs == 0 ? 1 : -1;
            jobs[q] = ClusterJob(stat, mask, z, bounds, t, sign, options.Connectivity);
        });
        if (options.TwoSided)
            for (int q = 1; q < jobs.Length; q += 2)
            {
                // Negative clusters are numbered after the positive ones of the same threshold.
                int offset = jobs[q - 1].Clusters.Length;
                jobs[q] = jobs[q] with { Clusters = [.. jobs[q].Clusters.Select(c => c with { Id = c.Id + offset })] };
            }
        return jobs;
    }

    private static Job ClusterJob(Volume<double> stat, Mask mask, double[] z, TrueDiscoveryBounds bounds, double threshold, int sign, int connectivity)
    {
        var grid = stat.Grid;
        int size = grid.VoxelCount;
        var foreground = ArrayPool<bool>.Shared.Rent(size);
        var labels = ArrayPool<int>.Shared.Rent(size);
        try
        {
            var fg = foreground.AsSpan(0, size);
            fg.Clear();
            var indices = mask.Indices;
            // z > t inside the mask (z < -t for negative clusters); NaN never passes.
            if (sign > 0)
            {
                for (int n = 0; n < indices.Length; n++) if (z[n] > threshold) fg[indices[n]] = true;
            }
            else
            {
                for (int n = 0; n < indices.Length; n++) if (z[n] < -threshold) fg[indices[n]] = true;
            }
            int count = ConnectedComponents.Label(grid, fg, labels.AsSpan(0, size), connectivity);
            var labelInMask = new int[indices.Length];
            for (int n = 0; n < indices.Length; n++) labelInMask[n] = labels[indices[n]];
            var (clusters, tdpOfLabel) = ClusterMeasures.Measure(grid, indices.AsSpan(), labelInMask, count, z, bounds,
                sign > 0 ? PeakRule.Largest : PeakRule.Smallest, sign * threshold, ids: null);
            return new Job(clusters, labelInMask, tdpOfLabel, sign);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(foreground);
            ArrayPool<int>.Shared.Return(labels);
        }
    }

    private static Job RegionJob(Volume<double> regions, Mask mask, double[] z, TrueDiscoveryBounds bounds, bool twoSided)
    {
        var indices = mask.Indices;
        var data = regions.Data;
        var values = new int[indices.Length];
        var distinct = new HashSet<int>();
        for (int n = 0; n < indices.Length; n++)
        {
            double v = data[indices[n]];
            if (!(Math.Abs(v) < int.MaxValue) || v != Math.Round(v))
            {
                var (i, j, k) = mask.Grid.Coordinates(indices[n]);
                throw new AriException($"the label map holds {Text(v)} at voxel ({i}, {j}, {k}); labels must be whole numbers (0 = no region)");
            }
            values[n] = (int)v;
            if (values[n] != 0) distinct.Add(values[n]);
        }
        var ids = distinct.Order().ToArray();
        var compact = new Dictionary<int, int>(ids.Length);
        for (int r = 0; r < ids.Length; r++) compact[ids[r]] = r + 1;
        var labelInMask = new int[indices.Length];
        for (int n = 0; n < indices.Length; n++)
            if (values[n] != 0) labelInMask[n] = compact[values[n]];
        var (clusters, tdpOfLabel) = ClusterMeasures.Measure(mask.Grid, indices.AsSpan(), labelInMask, ids.Length, z, bounds,
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
