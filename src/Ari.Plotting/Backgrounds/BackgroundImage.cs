using Ari.Imaging;
using Ari.Nifti;

namespace Ari.Plotting.Backgrounds;

/// <summary>An anatomical image to draw stat maps over, with how to draw it.</summary>
public sealed class BackgroundImage
{
    /// <param name="image">The anatomy.</param>
    /// <param name="kind">How nilearn would draw it.</param>
    /// <param name="source">Where it came from, for messages.</param>
    public BackgroundImage(Volume<float> image, BackgroundKind kind, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Image = image;
        Kind = kind;
        Source = source;
    }

    /// <summary>The anatomy.</summary>
    public Volume<float> Image { get; }
    /// <summary>How it is drawn.</summary>
    public BackgroundKind Kind { get; }

    /// <summary>Where the image came from (a path), for messages.</summary>
    public string? Source { get; }

    /// <summary>
    /// Reads a background image. An image on the MNI152 2009 template's grid (1 or 2 mm, the box nilearn's template
    /// spans) is drawn as nilearn draws its template; any other as an anatomy.
    /// </summary>
    public static BackgroundImage Load(string path)
    {
        var image = NiftiFile.ReadVolume<float>(path);
        var data = image.Data;
        NonFinite.ToZero<float>(data);
        return new BackgroundImage(image, IsMni152Grid(image.Grid) ? BackgroundKind.Template : BackgroundKind.Anatomy, path);
    }

    /// <summary>
    /// Reads a user's own anatomy (--bg): drawn as nilearn draws any image other than its default template, whatever its
    /// grid — the figure turns black (dim 0.8) when the image's border is darker than its mid-range, as nilearn's
    /// load_anat decides, and every voxel is drawn.
    /// </summary>
    public static BackgroundImage LoadAnatomy(string path)
    {
        var loaded = Load(path);
        return new BackgroundImage(loaded.Image, BackgroundKind.Anatomy, path);
    }

    /// <summary>The stat map's non-zero area as a background: used when no anatomical image is available.</summary>
    public static BackgroundImage SilhouetteOf(Volume<double> statMap)
    {
        var data = new float[statMap.Data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            double v = statMap.Data[i];
            data[i] = double.IsFinite(v) && v != 0 ? 1f : 0f;
        }
        return new BackgroundImage(new Volume<float>(statMap.Grid, data), BackgroundKind.Silhouette);
    }

    /// <summary>
    /// Whether a grid is the MNI152 2009 template's (nilearn's MNI152 background): axis-aligned, first voxel at
    /// (-98, -134, -72) mm, last voxel at (98, 98, 116) mm, isotropic voxels.
    /// </summary>
    public static bool IsMni152Grid(ImageGrid grid)
    {
        var a = grid.Affine;
        double s = a.M00;
        if (!(s > 0) || Math.Abs(a.M11 - s) > 1e-6 || Math.Abs(a.M22 - s) > 1e-6) return false;
        if (a.M01 != 0 || a.M02 != 0 || a.M10 != 0 || a.M12 != 0 || a.M20 != 0 || a.M21 != 0) return false;
        static bool Near(double x, double y) => Math.Abs(x - y) < 1e-3;
        return Near(a.M03, -98) && Near(a.M13, -134) && Near(a.M23, -72)
            && Near(a.M03 + s * (grid.Nx - 1), 98) && Near(a.M13 + s * (grid.Ny - 1), 98) && Near(a.M23 + s * (grid.Nz - 1), 116);
    }
}
