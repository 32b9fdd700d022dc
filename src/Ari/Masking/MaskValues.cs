using System.Globalization;

namespace Ari.Masking;

/// <summary>
/// A mask image must be binary, as nilearn requires: its finite values are 0 and at most one other value
/// (0 and 1, or 0 and 255, ...). A mask of 0, 0.5 and 1 (a probability map, a resampled mask) is refused by
/// `ari glm` and `ari tdp` alike, naming the values found; threshold it first. Non-finite voxels are outside.
/// </summary>
internal static class MaskValues
{
    /// <summary>Refuses a mask image that is not binary.</summary>
    /// <param name="image">The mask image as read.</param>
    /// <param name="path">Its file, named in the error.</param>
    /// <param name="parameter">The parameter named in the error (e.g. mask).</param>
    /// <exception cref="AriException">More than one non-zero finite value; the message names the values found.</exception>
    public static void RequireBinary(Volume<double> image, string path, string parameter)
    {
        double? other = null;
        double? third = null;
        foreach (double v in image.Data)
        {
            if (v == 0 || !double.IsFinite(v)) continue;
            if (other is null) other = v;
            else if (v != other) { third = v; break; }
        }
        if (third is null) return;
        var values = image.Data.Where(double.IsFinite).Distinct().Order().Take(6).ToList();
        string shown = string.Join(", ", values.Take(5).Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + (values.Count > 5 ? ", ..." : "");
        throw AriException.For(parameter, $"{path}: not a binary mask (it holds the values {shown}); give a mask of 0 and one other value (threshold a probability map first)");
    }
}
