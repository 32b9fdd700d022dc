using Ari.Imaging;

namespace Ari.Reporting.Sections;

/// <summary>
/// Which cluster at the next lower threshold holds each cluster (clusters of z &gt; t are nested: every cluster at
/// 3.5 lies inside one cluster at 2.5): the label, at the lower threshold, of the cluster's peak voxel.
/// </summary>
internal static class ClusterNesting
{
    /// <param name="z">The z map.</param>
    /// <param name="inside">Voxels in the analysis mask (null: every voxel).</param>
    /// <param name="connectivity">The neighbourhood the clusters were formed with: 6, 18 or 26.</param>
    /// <param name="rows">Each cluster's threshold and peak voxel.</param>
    /// <returns>Per row, the parent's id and threshold, or null (lowest threshold, a region, or unknown).</returns>
    public static (int Id, double Threshold)?[] Parents(Volume<double> z, Func<int, bool>? inside, int connectivity,
        IReadOnlyList<(double? Threshold, int I, int J, int K)> rows)
    {
        var result = new (int, double)?[rows.Count];
        var thresholds = rows.Where(r => r.Threshold is not null).Select(r => r.Threshold!.Value).Distinct().ToArray();
        var labelsAt = new Dictionary<double, int[]>();
        int[] LabelsAt(double t)
        {
            if (labelsAt.TryGetValue(t, out var cached)) return cached;
            var fg = new bool[z.Data.Length];
            for (int v = 0; v < fg.Length; v++)
                fg[v] = (inside is null || inside(v)) && (t >= 0 ? z.Data[v] > t : z.Data[v] < t);
            var labels = new int[fg.Length];
            ConnectedComponents.Label(z.Grid, fg, labels, connectivity);
            return labelsAt[t] = labels;
        }
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Threshold is not { } t || !z.Grid.Contains(rows[r].I, rows[r].J, rows[r].K)) continue;
            // The next threshold closer to 0 on the same side.
            var lower = thresholds.Where(u => Math.Sign(u) == Math.Sign(t) && Math.Abs(u) < Math.Abs(t)).OrderByDescending(Math.Abs).ToArray();
            if (lower.Length == 0) continue;
            int label = LabelsAt(lower[0])[z.Grid.Index(rows[r].I, rows[r].J, rows[r].K)];
            if (label > 0) result[r] = (label, lower[0]);
        }
        return result;
    }
}
