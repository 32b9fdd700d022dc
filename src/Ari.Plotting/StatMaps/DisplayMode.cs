namespace Ari.Plotting.StatMaps;

/// <summary>Which cuts a stat-map figure shows (nilearn's display_mode).</summary>
public enum DisplayMode
{
    /// <summary>Three orthogonal cuts through one point: coronal, sagittal, axial.</summary>
    Ortho,

    /// <summary>A row of sagittal cuts.</summary>
    X,

    /// <summary>A row of coronal cuts.</summary>
    Y,

    /// <summary>A row of axial cuts.</summary>
    Z,

    /// <summary>Rows of axial, sagittal and coronal cuts.</summary>
    Mosaic,
}

/// <summary>The names of <see cref="DisplayMode"/> on the command line (nilearn's display_mode spellings).</summary>
public static class DisplayModes
{
    /// <summary>Every name, in the enum's order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ortho", "x", "y", "z", "mosaic"];

    /// <summary>The mode of a name, or false.</summary>
    public static bool TryParse(string text, out DisplayMode mode)
    {
        switch (text)
        {
            case "ortho": mode = DisplayMode.Ortho; return true;
            case "x": mode = DisplayMode.X; return true;
            case "y": mode = DisplayMode.Y; return true;
            case "z": mode = DisplayMode.Z; return true;
            case "mosaic": mode = DisplayMode.Mosaic; return true;
            default: mode = DisplayMode.Ortho; return false;
        }
    }

    /// <summary>A mode's name.</summary>
    public static string Name(this DisplayMode mode) => Names[(int)mode];
}
