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
    /// <summary>Width in voxels of the image border whose values decide the background (nilearn's border_size=2).</summary>
    public const int BorderSize = 2;

    /// <summary>The background mask of <paramref name="image"/> (typically the mean of the input maps), on its grid.</summary>
    /// <param name="image">The image; NaN voxels are never in the mask.</param>
    /// <returns>The voxels that are not background (possibly none).</returns>
    public static Mask Compute(Volume<double> image)
    {
        var border = ImageBorder.Values<double>(image.Grid, image.Data, BorderSize);
        var data = image.Data;
        var inside = new bool[data.Length];
        if (border.Any(double.IsNaN))
        {
            for (int i = 0; i < data.Length; i++) inside[i] = !double.IsNaN(data[i]);
        }
        else
        {
            double background = ImageBorder.Median(border);
            for (int i = 0; i < data.Length; i++) inside[i] = data[i] != background;
        }
        return Mask.FromOwnedFlags(image.Grid, inside);
    }
}
