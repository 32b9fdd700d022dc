namespace Ari.Plotting.StatMaps;

/// <summary>What a stat-map figure shows and how; the defaults are nilearn 0.10.3's plot_stat_map defaults.</summary>
public sealed record StatMapOptions
{
    /// <summary>Which cuts: ortho (default), x, y, z or mosaic.</summary>
    public DisplayMode Display { get; init; } = DisplayMode.Ortho;

    /// <summary>
    /// Cut positions in mm: x, y, z for <see cref="DisplayMode.Ortho"/>; positions along the axis for x, y and z
    /// displays; null to place them automatically (not allowed for mosaic).
    /// </summary>
    public IReadOnlyList<double>? CutCoordinates { get; init; }

    /// <summary>Number of automatic cuts for x, y, z displays (per row for mosaic); null for 7.</summary>
    public int? CutCount { get; init; }

    /// <summary>Values with |v| &lt;= threshold are not drawn (and leave a gap in the colorbar); null draws every voxel.</summary>
    public double? Threshold { get; init; } = 1e-6;

    /// <summary>Lower end of the colour range; null for nilearn's choice.</summary>
    public double? Vmin { get; init; }
    /// <summary>Upper end of the colour range; null for nilearn's choice.</summary>
    public double? Vmax { get; init; }

    /// <summary>Colormap name (matplotlib's spelling; nilearn's cold_hot is the default).</summary>
    public string Colormap { get; init; } = "cold_hot";

    /// <summary>Symmetric colour range around 0: null decides (signed maps, or vmin = -vmax).</summary>
    public bool? SymmetricColorbar { get; init; }

    /// <summary>Title drawn top left, or null.</summary>
    public string? Title { get; init; }
    /// <summary>Draw a colorbar on the right.</summary>
    public bool Colorbar { get; init; } = true;

    /// <summary>L/R labels and the cut positions under the cuts.</summary>
    public bool Annotate { get; init; } = true;

    /// <summary>Cross hairs through the cut point in the ortho display.</summary>
    public bool DrawCross { get; init; } = true;

    /// <summary>Black figure with white text; null decides from the background as nilearn does.</summary>
    public bool? BlackBackground { get; init; }

    /// <summary>Background dimming as nilearn's dim (-2..2); null for nilearn's automatic value.</summary>
    public double? Dim { get; init; }

    /// <summary>How the stat map is resampled onto the background's grid: nearest (default) or linear.</summary>
    public bool LinearResampling { get; init; }

    /// <summary>Dots per inch: 100 gives nilearn's pixel sizes (e.g. 1610 x 320 for seven axial cuts).</summary>
    public double Dpi { get; init; } = 100;
}
