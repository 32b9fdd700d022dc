namespace Ari.Plotting.Geometry;

/// <summary>A world (mm) axis: x (left to right), y (posterior to anterior), z (inferior to superior).</summary>
public enum WorldAxis
{
    X = 0,
    Y = 1,
    Z = 2,
}

public static class WorldAxisExtensions
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
