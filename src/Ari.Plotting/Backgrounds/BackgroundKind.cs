namespace Ari.Plotting.Backgrounds;

/// <summary>How a background image is drawn.</summary>
public enum BackgroundKind
{
    /// <summary>
    /// The MNI152 template, drawn as nilearn draws its default background: only the head (voxels above zero,
    /// holes filled), dimmed grey from 0 to the maximum, on a white figure.
    /// </summary>
    Template,

    /// <summary>Any other anatomical image, drawn as nilearn draws a given bg_img: every voxel, dimmed, on a black
    /// figure when the image's border is dark.</summary>
    Anatomy,

    /// <summary>No anatomical image at hand: the stat map's own non-zero area drawn in light grey.</summary>
    Silhouette,
}
