namespace Ari.Plotting.Glass;

/// <summary>What a glass-brain figure shows and how; the defaults are nilearn 0.10.3's plot_glass_brain defaults
/// except the colorbar, which Ari draws unless asked not to (as for stat maps).</summary>
public sealed record GlassBrainOptions
{
    /// <summary>nilearn's display_mode: ortho (coronal, sagittal, axial), x, y, z, xz, yx, yz, l, r, lr, lzr, lyr, lzry or lyrz.</summary>
    public string Layout { get; init; } = "ortho";

    /// <summary>Every layout <see cref="Layout"/> accepts.</summary>
    public static IReadOnlyList<string> Layouts => GlassLayouts.Names;

    /// <summary>Projections of |v| with the upper half of the colormap (nilearn's plot_abs=True); false keeps the sign
    /// of the value of largest magnitude along each line of sight and uses the whole, two-sided colormap.</summary>
    public bool PlotAbsolute { get; init; } = true;

    /// <summary>Values with |v| &lt;= threshold are not drawn; null for nilearn's 'auto' (the 80th percentile of |v| over
    /// the image, minus 1e-5).</summary>
    public double? Threshold { get; init; }

    /// <summary>Lower end of the colour range (ignored below 0 with <see cref="PlotAbsolute"/>, as nilearn warns).</summary>
    public double? Vmin { get; init; }

    /// <summary>Upper end of the colour range.</summary>
    public double? Vmax { get; init; }

    /// <summary>Colormap name, used as it is; null for nilearn's choice: cold_white_hot on white, cold_hot on black (their
    /// upper half with <see cref="PlotAbsolute"/>).</summary>
    public string? Colormap { get; init; }

    /// <summary>Symmetric colour range around 0: null decides as nilearn does.</summary>
    public bool? SymmetricColorbar { get; init; }

    /// <summary>Title drawn top left, or null.</summary>
    public string? Title { get; init; }

    /// <summary>Draw a colorbar on the right.</summary>
    public bool Colorbar { get; init; } = true;

    /// <summary>L/R labels on the coronal and axial projections.</summary>
    public bool Annotate { get; init; } = true;

    /// <summary>Black figure with white lines and text (nilearn's black_bg; default false).</summary>
    public bool BlackBackground { get; init; }

    /// <summary>Dots per inch: 100 gives nilearn's pixel sizes (660 x 350 for ortho without a colorbar).</summary>
    public double Dpi { get; init; } = 100;
}
