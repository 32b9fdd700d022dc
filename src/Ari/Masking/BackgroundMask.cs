using Ari.Imaging;

namespace Ari.Masking;

/// <summary>
/// nilearn 0.10.3's compute_background_mask with its defaults (border_size 2, no opening, no largest-component):
/// if any voxel of the 2-voxel border of the image is NaN, the mask is every non-NaN voxel; otherwise the background
/// is the median of the border values and the mask is every voxel that differs from it.
/// (nilearn's documentation speaks of the border's most frequent value; its code takes the median, which is what Ari does.)
/// </summary>
public static class BackgroundMask
{
    public const int BorderSize = 2;

    public static Mask Compute(Volume<double> image)
    {
        var border = BorderValues(image, BorderSize);
        var data = image.Data;
        var inside = new bool[data.Length];
        if (border.Any(double.IsNaN))
        {
            for (int i = 0; i < data.Length; i++) inside[i] = !double.IsNaN(data[i]);
        }
        else
        {
            double background = Median(border);
            for (int i = 0; i < data.Length; i++) inside[i] = data[i] != background;
        }
        return Mask.FromFlags(image.Grid, inside);
    }

    /// <summary>
    /// The values in the first and last <paramref name="size"/> slabs along each axis, concatenated as nilearn's
    /// get_border_data does (so edge voxels appear more than once; the duplicates matter for the median).
    /// </summary>
    public static double[] BorderValues(Volume<double> image, int size)
    {
        var g = image.Grid;
        var values = new List<double>();
        // The voxels with coordinate along `axis` in [from, to): only the slab is visited.
        void Slab(int axis, int from, int to)
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
                        values.Add(image.Data[g.Index(i, j, k)]);
        }
        for (int axis = 0; axis < 3; axis++)
        {
            int n = axis == 0 ? g.Nx : axis == 1 ? g.Ny : g.Nz;
            Slab(axis, 0, size);
            Slab(axis, n - size, n);
        }
        return values.ToArray();
    }

    /// <summary>numpy.median: the middle value, or the mean of the two middle values.</summary>
    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
