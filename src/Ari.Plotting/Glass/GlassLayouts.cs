namespace Ari.Plotting.Glass;

/// <summary>
/// nilearn 0.10.3's plot_glass_brain display modes: the panels of each, in order, and the figure size per panel
/// (inches, the _default_figsize of its projector class; the width is multiplied by the number of panels).
/// </summary>
internal static class GlassLayouts
{
    /// <summary>Every display mode plot_glass_brain accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ortho", "x", "y", "z", "xz", "yx", "yz", "l", "r", "lr", "lzr", "lyr", "lzry", "lyrz"];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The panels, left to right (ortho is nilearn's "yxz": coronal, sagittal, axial).</summary>
    public static IReadOnlyList<GlassView> Views(string name)
    {
        if (!IsKnown(name)) throw AriException.For("layout", $"unknown glass-brain layout '{name}' (known: {string.Join(", ", Names)})");
        string letters = name == "ortho" ? "yxz" : name;
        return letters.Select(c => (GlassView)"xyzlr".IndexOf(c)).ToArray();
    }

    /// <summary>Figure size in inches without the colorbar (nilearn adds 0.7 in for it).</summary>
    public static (double Width, double Height) FigureSize(string name)
    {
        (double w, double h) perPanel = name switch
        {
            "x" or "l" => (2.6, 3.0),
            "r" => (2.6, 2.8),
            "y" => (2.2, 3.0),
            "z" or "yz" => (2.2, 3.4),
            _ => (2.2, 3.5),
        };
        return (perPanel.w * Views(name).Count, perPanel.h);
    }
}
