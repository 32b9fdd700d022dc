namespace Ari.Plotting.Geometry;

/// <summary>A world (mm) axis: x (left to right), y (posterior to anterior), z (inferior to superior).</summary>
public enum WorldAxis
{
    /// <summary>Left to right.</summary>
    X = 0,
    /// <summary>Posterior to anterior.</summary>
    Y = 1,
    /// <summary>Inferior to superior.</summary>
    Z = 2,
}

/// <summary>Letters and screen orientation of world axes.</summary>
internal static class WorldAxisExtensions
{
    public static char Letter(this WorldAxis axis) => "xyz"[(int)axis];

    /// <summary>The world axes a cut across <paramref name="cut"/> shows: horizontal then vertical on screen
    /// (nilearn's orientation: x left to right with the left hemisphere on the left, anterior to the right, superior up).</summary>
    public static (WorldAxis Horizontal, WorldAxis Vertical) ScreenAxes(this WorldAxis cut) => cut switch
    {
        WorldAxis.X => (WorldAxis.Y, WorldAxis.Z),
        WorldAxis.Y => (WorldAxis.X, WorldAxis.Z),
        _ => (WorldAxis.X, WorldAxis.Y),
    };
}
