using Ari.Imaging;
using Ari.Masking;

namespace Ari.Thresholding;

/// <summary>
/// nilearn 0.10.3's threshold_img with a numeric threshold: non-finite values become 0, voxels outside the mask (when
/// one is given) 0, then values below the threshold (|v| below it when two-sided) 0, then connected sets of voxels of
/// one sign (faces, 6-connectivity) with fewer than <c>extent</c> voxels 0. Values at the threshold are kept.
/// <para>
/// <c>singlePrecision</c>: the map was stored as float32, and numpy compares a float32 array with a Python float in
/// float32 (value-based casting), so the threshold is rounded to float32 first. This decides, e.g., whether the voxel
/// that sets an FDR threshold (z_k - 1e-12) is kept: in float32 it is kept but is not above the threshold.
/// </para>
/// </summary>
public static class ThresholdedMap
{
    /// <summary>A thresholded copy of <paramref name="stat"/> (nilearn's threshold_img with a numeric threshold and cluster_threshold).</summary>
    /// <param name="stat">The statistic map; it is not modified.</param>
    /// <param name="threshold">Values below it (|v| below it when two-sided) become 0; values equal to it are kept.</param>
    /// <param name="extent">Minimum cluster size in voxels (faces connectivity, one sign at a time); 0 keeps every cluster.</param>
    /// <param name="twoSided">Threshold |v| and keep clusters of both signs.</param>
    /// <param name="mask">Voxels outside it become 0; null: no mask. Must be on <paramref name="stat"/>'s grid.</param>
    /// <param name="singlePrecision">The map was stored as float32: the threshold is rounded to float32 first, as numpy compares.</param>
    /// <exception cref="AriException">A negative extent, or a mask on another grid.</exception>
    public static Volume<double> Apply(Volume<double> stat, double threshold, int extent, bool twoSided, Mask? mask = null, bool singlePrecision = false)
    {
        threshold = Cutoff(threshold, singlePrecision);
        if (extent < 0) throw new AriException($"extent: must be zero or more, got {extent}");
        if (mask is not null && !mask.Grid.Matches(stat.Grid)) throw new AriException("mask: not on the statistic map's grid");
        var data = new double[stat.Data.Length];
        var source = stat.Data;
        Parallel.For(0, stat.Grid.Nz, k =>
        {
            int plane = stat.Grid.Nx * stat.Grid.Ny;
            for (int v = k * plane, end = v + plane; v < end; v++)
            {
                double x = source[v];
                if (!double.IsFinite(x) || (mask is not null && !mask.Contains(v))) continue;
                bool keep = twoSided ? !(Math.Abs(x) < threshold) : !(x < threshold);
                if (keep) data[v] = x;
            }
        });
        var result = new Volume<double>(stat.Grid, data);
        if (extent > 0) RemoveSmallClusters(result, extent);
        return result;
    }

    /// <summary>The threshold as numpy compares it with the map's values: rounded to float32 for a float32 map.</summary>
    public static double Cutoff(double threshold, bool singlePrecision) => singlePrecision ? (float)threshold : threshold;

    /// <summary>Sets to 0 every 6-connected set of positive (and, separately, negative) voxels smaller than <paramref name="extent"/>.</summary>
    public static void RemoveSmallClusters(Volume<double> map, int extent)
    {
        var data = map.Data;
        var labels = new int[data.Length];
        var foreground = new bool[data.Length];
        foreach (int sign in new[] { 1, -1 })
        {
            for (int v = 0; v < data.Length; v++) foreground[v] = sign * data[v] > 0;
            int count = ConnectedComponents.Label(map.Grid, foreground, labels, 6);
            if (count == 0) continue;
            var sizes = new int[count + 1];
            foreach (int l in labels) sizes[l]++;
            for (int v = 0; v < data.Length; v++)
                if (labels[v] > 0 && sizes[labels[v]] < extent) data[v] = 0;
        }
    }
}
