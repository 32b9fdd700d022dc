using Ari.Imaging;

namespace Ari.Plotting.CutCoordinates;

/// <summary>
/// nilearn 0.10.3's find_xyz_cut_coords: the centre of the largest connected cluster of voxels above the
/// activation threshold, refined to the part of it above the cluster's mean when that part has over 50 voxels.
/// </summary>
internal static class XyzCutFinder
{
    /// <param name="map">The stat map (non-finite values are read as 0).</param>
    /// <param name="activationThreshold">|value| above this is active; null for the 80th percentile of |non-zero values|.</param>
    /// <returns>World coordinates (mm) of the cut point.</returns>
    public static Point3 Find(Volume<double> map, double? activationThreshold)
    {
        var grid = map.Grid;
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        var data = new double[map.Data.Length];
        bool allZero = true;
        for (int v = 0; v < data.Length; v++)
        {
            double x = map.Data[v];
            data[v] = double.IsFinite(x) ? x : 0;
            if (data[v] != 0) allZero = false;
        }
        if (allZero)
            return FallbackCentre(grid);

        double threshold = activationThreshold ?? AbsPercentile80(data);
        const double eps = 2 * 2.220446049250313e-16; // twice float64's machine epsilon, as nilearn
        var active = new bool[data.Length];
        bool any = false;
        for (int v = 0; v < data.Length; v++)
            if (Math.Abs(data[v]) > threshold - eps) { active[v] = true; any = true; }
        if (!any)
        {
            var c = CentreOfMass(data, grid, null);
            return grid.VoxelToWorld(c.X, c.Y, c.Z);
        }

        var cluster = LargestComponent.Of(active, nx, ny, nz);
        var kept = new double[data.Length];
        double sum = 0;
        int count = 0;
        for (int v = 0; v < data.Length; v++)
            if (cluster[v]) { kept[v] = data[v]; sum += data[v]; count++; }
        // The second threshold is the cluster's mean, in absolute value; the part above it replaces the cluster
        // when it has more than 50 voxels (nilearn computes this inside the cluster's bounding box).
        double second = Math.Abs(sum / count);
        var above = new bool[data.Length];
        int aboveCount = 0;
        for (int v = 0; v < data.Length; v++)
            if (cluster[v] && Math.Abs(kept[v]) > second) { above[v] = true; aboveCount++; }
        if (aboveCount > 50)
        {
            var core = LargestComponentWithinBox(above, cluster, grid);
            for (int v = 0; v < data.Length; v++)
                if (!core[v]) kept[v] = 0;
        }
        var centre = CentreOfMass(kept, grid, null);
        return grid.VoxelToWorld(centre.X, centre.Y, centre.Z);
    }

    /// <summary>The 80th percentile of |values| over non-zero values, nilearn's fast_abs_percentile (element at int(0.8 n)).</summary>
    internal static double AbsPercentile80(ReadOnlySpan<double> data)
    {
        var values = new List<double>();
        foreach (double v in data)
            if (v != 0) values.Add(Math.Abs(v));
        if (values.Count == 0) return 0;
        values.Sort();
        return values[(int)(values.Count * 0.01 * 80)];
    }

    /// <summary>
    /// nilearn labels the second mask inside the first cluster's bounding box; components touching only through
    /// voxels outside the box cannot join there. Labelling the cropped box reproduces that.
    /// </summary>
    private static bool[] LargestComponentWithinBox(bool[] mask, bool[] box, ImageGrid grid)
    {
        int i0 = int.MaxValue, j0 = int.MaxValue, k0 = int.MaxValue, i1 = -1, j1 = -1, k1 = -1;
        for (int v = 0; v < box.Length; v++)
        {
            if (!box[v]) continue;
            var (i, j, k) = grid.Coordinates(v);
            i0 = Math.Min(i0, i); j0 = Math.Min(j0, j); k0 = Math.Min(k0, k);
            i1 = Math.Max(i1, i); j1 = Math.Max(j1, j); k1 = Math.Max(k1, k);
        }
        int bx = i1 - i0 + 1, by = j1 - j0 + 1, bz = k1 - k0 + 1;
        var cropped = new bool[bx * by * bz];
        for (int k = 0; k < bz; k++)
            for (int j = 0; j < by; j++)
                for (int i = 0; i < bx; i++)
                    cropped[i + bx * (j + by * k)] = mask[grid.Index(i + i0, j + j0, k + k0)];
        var largest = LargestComponent.Of(cropped, bx, by, bz);
        var result = new bool[mask.Length];
        for (int k = 0; k < bz; k++)
            for (int j = 0; j < by; j++)
                for (int i = 0; i < bx; i++)
                    result[grid.Index(i + i0, j + j0, k + k0)] = largest[i + bx * (j + by * k)];
        return result;
    }

    /// <summary>scipy.ndimage.center_of_mass of |values| in voxel coordinates.</summary>
    private static Point3 CentreOfMass(double[] values, ImageGrid grid, bool[]? within)
    {
        double total = 0, si = 0, sj = 0, sk = 0;
        for (int v = 0; v < values.Length; v++)
        {
            if (within is not null && !within[v]) continue;
            double w = Math.Abs(values[v]);
            if (w == 0) continue;
            var (i, j, k) = grid.Coordinates(v);
            total += w; si += w * i; sj += w * j; sk += w * k;
        }
        return total > 0 ? new Point3(si / total, sj / total, sk / total) : new Point3((grid.Nx - 1) / 2.0, (grid.Ny - 1) / 2.0, (grid.Nz - 1) / 2.0);
    }

    /// <summary>
    /// For an all-zero map: the world origin when the image covers it, else the image's centre. (nilearn returns the
    /// world position of voxel (0, 0, 0), a corner, which shows nothing useful.)
    /// </summary>
    private static Point3 FallbackCentre(ImageGrid grid)
    {
        var origin = grid.WorldToVoxel(new Point3(0, 0, 0));
        bool inside = origin.X >= -0.5 && origin.X <= grid.Nx - 0.5 && origin.Y >= -0.5 && origin.Y <= grid.Ny - 0.5
            && origin.Z >= -0.5 && origin.Z <= grid.Nz - 0.5;
        return inside ? new Point3(0, 0, 0) : grid.VoxelToWorld((grid.Nx - 1) / 2.0, (grid.Ny - 1) / 2.0, (grid.Nz - 1) / 2.0);
    }
}
