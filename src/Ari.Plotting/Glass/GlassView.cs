using Ari.Plotting.Geometry;

namespace Ari.Plotting.Glass;

/// <summary>One panel of a glass brain: a maximum-intensity projection along a world axis, or of one hemisphere.</summary>
internal enum GlassView
{
    /// <summary>Sagittal projection (along x), anterior to the right.</summary>
    X,

    /// <summary>Coronal projection (along y), left hemisphere on the left.</summary>
    Y,

    /// <summary>Axial projection (along z), left hemisphere on the left.</summary>
    Z,

    /// <summary>The left hemisphere (x below the image's x = 0 voxel) projected along x, seen from the left (anterior to the left).</summary>
    L,

    /// <summary>The right hemisphere (x at or above the image's x = 0 voxel) projected along x, anterior to the right.</summary>
    R,
}

internal static class GlassViews
{
    /// <summary>The world axis projected away.</summary>
    public static WorldAxis Along(this GlassView view) => view switch
    {
        GlassView.Y => WorldAxis.Y,
        GlassView.Z => WorldAxis.Z,
        _ => WorldAxis.X,
    };

    /// <summary>nilearn's direction letter.</summary>
    public static char Letter(this GlassView view) => "xyzlr"[(int)view];

    /// <summary>Whether the horizontal screen axis runs against its world axis (nilearn inverts the 'l' view).</summary>
    public static bool HorizontalInverted(this GlassView view) => view == GlassView.L;
}
