using Ari.Domain;
using Ari.Imaging;

namespace Ari.Inference;

/// <summary>Which voxel is a cluster's peak.</summary>
internal enum PeakRule { Largest, Smallest, LargestMagnitude }

/// <summary>
/// Size, ARI bound, peak and centre of every labelled cluster in two passes over the mask's voxels, whatever the
/// number of clusters: the first accumulates sizes, coordinate sums and peaks; the second fills one histogram of
/// hypothesis categories per cluster (only categories up to the cluster's size matter, so all histograms fit
/// in one array as long as the labelled voxels), from which each bound is one sweep.
/// </summary>
internal static class ClusterMeasures
{
    /// <param name="domain">The hypotheses (mask voxels) and their grid.</param>
    /// <param name="labelInMask">Label (1..count, 0 = none) of each domain position.</param>
    /// <param name="ids">The reported id of label l at ids[l - 1]; null: the label itself.</param>
    public static (Cluster[] Clusters, double[] TdpOfLabel) Measure(
        GridDomain domain, int[] labelInMask, int count, double[] z, TrueDiscoveryBounds bounds,
        PeakRule rule, double? threshold, int[]? ids)
    {
        var grid = domain.Grid;
        var maskIndices = domain.VoxelIndices;
        var size = new int[count + 1];
        var sumI = new long[count + 1];
        var sumJ = new long[count + 1];
        var sumK = new long[count + 1];
        var peak = new double[count + 1];
        var peakAt = new int[count + 1];
        Array.Fill(peak, double.NaN);
        Array.Fill(peakAt, -1);
        int nx = grid.Nx, ny = grid.Ny;
        for (int n = 0; n < labelInMask.Length; n++)
        {
            int l = labelInMask[n];
            if (l == 0) continue;
            int v = maskIndices[n];
            int rest = v / nx;
            sumI[l] += v - rest * nx;
            int k = rest / ny;
            sumJ[l] += rest - k * ny;
            sumK[l] += k;
            size[l]++;
            double zv = z[n];
            if (peakAt[l] < 0 || IsBetter(zv, peak[l], rule)) { peak[l] = zv; peakAt[l] = v; }
        }

        // Histogram of categories 1..size for each cluster, cluster l at offset[l] (entry 0 unused).
        var offset = new long[count + 2];
        for (int l = 1; l <= count; l++) offset[l + 1] = offset[l] + size[l] + 1;
        var histogram = new int[offset[count + 1]];
        var category = bounds.Categories;
        for (int n = 0; n < labelInMask.Length; n++)
        {
            int l = labelInMask[n];
            if (l == 0) continue;
            int c = category[n];
            if (c <= size[l]) histogram[offset[l] + c]++;
        }

        var clusters = new Cluster[count];
        var tdpOfLabel = new double[count + 1];
        for (int l = 1; l <= count; l++)
        {
            int s = size[l];
            int discoveries = TrueDiscoveryBounds.BoundFromCategoryCounts(histogram.AsSpan((int)offset[l], s + 1));
            double tdp = s == 0 ? 0 : (double)discoveries / s;
            tdpOfLabel[l] = tdp;
            var peakVoxel = grid.Coordinates(peakAt[l]);
            var centre = new Point3((double)sumI[l] / s, (double)sumJ[l] / s, (double)sumK[l] / s);
            clusters[l - 1] = new Cluster(
                ids is null ? l : ids[l - 1], threshold, s, discoveries, tdp, peak[l], peakVoxel,
                grid.VoxelToWorld(peakVoxel.I, peakVoxel.J, peakVoxel.K), centre, grid.VoxelToWorld(centre.X, centre.Y, centre.Z));
        }
        return (clusters, tdpOfLabel);
    }

    private static bool IsBetter(double z, double best, PeakRule rule)
    {
        if (double.IsNaN(z)) return false;
        if (double.IsNaN(best)) return true;
        return rule switch
        {
            PeakRule.Largest => z > best,
            PeakRule.Smallest => z < best,
            _ => Math.Abs(z) > Math.Abs(best),
        };
    }
}
