using System.Numerics;

namespace Ari.Imaging;

/// <summary>
/// nilearn's get_border_data and the median it takes of it: the background value that masks (compute_background_mask)
/// and figures (the black-or-white background rule) both start from.
/// </summary>
public static class ImageBorder
{
    /// <summary>
    /// The values in the first and last <paramref name="size"/> slabs along each axis, concatenated as nilearn's
    /// get_border_data does (so edge voxels appear more than once; the duplicates matter for the median).
    /// Only the slabs are visited.
    /// </summary>
    public static double[] Values<T>(ImageGrid grid, ReadOnlySpan<T> data, int size) where T : unmanaged, INumberBase<T>
    {
        var values = new List<double>();
        for (int axis = 0; axis < 3; axis++)
        {
            int n = axis == 0 ? grid.Nx : axis == 1 ? grid.Ny : grid.Nz;
            Slab(grid, data, axis, 0, size, values);
            Slab(grid, data, axis, n - size, n, values);
        }
        return values.ToArray();
    }

    /// <summary>numpy.median: the middle value, or the mean of the two middle values (0 for no value).</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return 0;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>The voxels with coordinate along <paramref name="axis"/> in [from, to), in scan order.</summary>
    private static void Slab<T>(ImageGrid g, ReadOnlySpan<T> data, int axis, int from, int to, List<double> values)
        where T : unmanaged, INumberBase<T>
    {
        int n = axis == 0 ? g.Nx : axis == 1 ? g.Ny : g.Nz;
        from = Math.Max(from, 0);
        to = Math.Min(to, n);
        int i0 = axis == 0 ? from : 0, i1 = axis == 0 ? to : g.Nx;
        int j0 = axis == 1 ? from : 0, j1 = axis == 1 ? to : g.Ny;
        int k0 = axis == 2 ? from : 0, k1 = axis == 2 ? to : g.Nz;
        for (int k = k0; k < k1; k++)
            for (int j = j0; j < j1; j++)
                for (int i = i0; i < i1; i++)
                    values.Add(double.CreateTruncating(data[g.Index(i, j, k)]));
    }
}
