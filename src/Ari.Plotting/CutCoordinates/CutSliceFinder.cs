using Ari.Imaging;
using Ari.Plotting.Geometry;

namespace Ari.Plotting.CutCoordinates;

/// <summary>
/// nilearn 0.10.3's find_cut_slices: cuts along one axis at the strongest slices of the lightly smoothed |map|,
/// each peak damping its neighbourhood (half the axis length divided by the number of cuts) before the next;
/// missing cuts (duplicates) are filled next to the existing ones where the map is strongest.
/// </summary>
public static class CutSliceFinder
{
    /// <returns>World coordinates (mm) along <paramref name="axis"/>, in the image's voxel order as nilearn returns them
    /// (decreasing x for the usual x-flipped images: 58, 24, -8, ...).</returns>
    public static double[] Find(Volume<double> map, WorldAxis axis, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "at least one cut is needed");
        var grid = map.Grid;
        var oriented = OrientedGrid.TryCreate(grid)
            ?? throw new AriException("automatic cuts need an image whose axes run along x, y and z (this one is oblique)");
        int voxelAxis = oriented.VoxelAxisOf(axis);
        int[] shape = [grid.Nx, grid.Ny, grid.Nz];
        int length = shape[voxelAxis];

        var abs = new double[map.Data.Length];
        for (int v = 0; v < abs.Length; v++)
        {
            double x = map.Data[v];
            abs[v] = double.IsFinite(x) ? Math.Abs(x) : 0;
        }
        List<int> cuts;
        if (count > length)
            cuts = Enumerable.Range(0, length).ToList();
        else
        {
            var smooth = FastSmooth(abs, grid);
            int spacing = Math.Max((int)(0.5 / count * length), 1);
            var picked = new List<int>();
            for (int n = 0; n < count; n++)
            {
                int peak = ArgMaxCOrder(smooth, grid);
                int along = voxelAxis switch { 0 => grid.Coordinates(peak).I, 1 => grid.Coordinates(peak).J, _ => grid.Coordinates(peak).K };
                ScaleSlab(smooth, grid, voxelAxis, Math.Max(0, along - spacing), Math.Min(length, along + spacing), 1e-3);
                picked.Add(along);
            }
            cuts = picked.Distinct().Order().ToList();
            while (cuts.Count < count)
            {
                int below = cuts[0] - 2, above = cuts[^1] + 2;
                var candidates = new List<int> { above };
                if (cuts.Count > 1)
                {
                    int widest = 0;
                    for (int i = 1; i < cuts.Count - 1; i++)
                        if (cuts[i + 1] - cuts[i] > cuts[widest + 1] - cuts[widest]) widest = i;
                    int middle = (int)(0.5 * (cuts[widest] + cuts[widest + 1]));
                    if (!cuts.Contains(middle)) candidates.Add(middle);
                }
                if (below >= 0) candidates.Add(below);
                int best = candidates[0];
                double bestWeight = -10;
                foreach (int candidate in candidates)
                {
                    double weight = candidate >= length ? 0 : SlabSum(abs, grid, voxelAxis, candidate);
                    if (weight > bestWeight) { best = candidate; bestWeight = weight; }
                }
                cuts.Add(best);
                cuts = cuts.Distinct().Order().ToList();
            }
        }
        var a = grid.Affine;
        int row = (int)axis;
        return cuts.Select(c => a[row, voxelAxis] * c + a[row, 3]).ToArray();
    }

    /// <summary>nilearn's smooth_array(fwhm="fast"): weights 0.2, 1, 0.2 along each axis, divided by 2.2 (edges lose mass).</summary>
    internal static double[] FastSmooth(double[] data, ImageGrid grid)
    {
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz, slice = nx * ny;
        var result = (double[])data.Clone();
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
            {
                int row = j * nx + k * slice;
                for (int i = 0; i < nx; i++)
                {
                    int v = row + i;
                    double s = 0;
                    if (i > 0) s += data[v - 1];
                    if (i < nx - 1) s += data[v + 1];
                    if (j > 0) s += data[v - nx];
                    if (j < ny - 1) s += data[v + nx];
                    if (k > 0) s += data[v - slice];
                    if (k < nz - 1) s += data[v + slice];
                    result[v] = (data[v] + 0.2 * s) / 2.2;
                }
            }
        return result;
    }

    /// <summary>numpy's argmax over a C-ordered [x, y, z] array: the first maximum with z varying fastest.</summary>
    private static int ArgMaxCOrder(double[] data, ImageGrid grid)
    {
        int best = 0;
        double max = double.NegativeInfinity;
        for (int i = 0; i < grid.Nx; i++)
            for (int j = 0; j < grid.Ny; j++)
                for (int k = 0; k < grid.Nz; k++)
                {
                    int v = grid.Index(i, j, k);
                    if (data[v] > max) { max = data[v]; best = v; }
                }
        return best;
    }

    private static void ScaleSlab(double[] data, ImageGrid grid, int voxelAxis, int start, int stop, double factor)
    {
        for (int v = 0; v < data.Length; v++)
        {
            var (i, j, k) = grid.Coordinates(v);
            int along = voxelAxis == 0 ? i : voxelAxis == 1 ? j : k;
            if (along >= start && along < stop) data[v] *= factor;
        }
    }

    private static double SlabSum(double[] data, ImageGrid grid, int voxelAxis, int index)
    {
        double sum = 0;
        for (int v = 0; v < data.Length; v++)
        {
            var (i, j, k) = grid.Coordinates(v);
            if ((voxelAxis == 0 ? i : voxelAxis == 1 ? j : k) == index) sum += data[v];
        }
        return sum;
    }
}
