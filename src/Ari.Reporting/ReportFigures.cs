using Ari.Plotting;
using Ari.Plotting.CutCoordinates;
using Ari.Plotting.Geometry;
using Ari.Plotting.Glass;
using Ari.Plotting.StatMaps;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting;

/// <summary>A figure of the report: PNG bytes and what it shows.</summary>
internal sealed record ReportFigure(string Title, string Caption, byte[] Png, int Width, int Height);

/// <summary>
/// The report's figures, drawn as nilearn's examples draw them: rows of axial cuts of the z map (thresholded at the
/// lowest cluster-forming threshold, cold_hot) and of the TDP map (inferno, 0 to 1) at the same cuts, placed where the
/// clusters are; glass brains of both; the permutation -log10 p maps.
/// </summary>
internal static class ReportFigures
{
    public const double Dpi = 150;

    /// <summary>Seven axial cuts where the clusters are (nilearn's find_cut_slices on the TDP map, else the z map).</summary>
    public static IReadOnlyList<double> Cuts(ReportData data)
    {
        if (data.Glm is null || data.Tdp is null) return [];
        var tdp = data.Tdp.Tdp;
        return CutSliceFinder.Find(tdp.Data.Any(v => v != 0 && double.IsFinite(v)) ? tdp : data.Glm.Z, WorldAxis.Z, 7);
    }

    public static (ReportFigure Z, ReportFigure Tdp) Maps(ReportData data, IReadOnlyList<double> cuts)
    {
        double threshold = data.ClusterThreshold;
        var zFigure = StatMapPlot.Plot(data.Glm!.Z, data.Background, new StatMapOptions
        {
            Display = DisplayMode.Z, CutCoordinates = cuts, Threshold = threshold, Dpi = Dpi,
            Title = $"z map, |z| > {Number(threshold, "0.###")}",
        });
        var tdpFigure = StatMapPlot.Plot(data.Tdp!.Tdp, data.Background, new StatMapOptions
        {
            Display = DisplayMode.Z, CutCoordinates = cuts, Threshold = 0, Vmax = 1, Colormap = "inferno", Dpi = Dpi,
            Title = "proportion of true discoveries",
        });
        string at = string.Join(", ", cuts.Select(c => Number(c, "0.#")));
        return (
            new ReportFigure("z map", $"Axial cuts at z = {at} mm; values with |z| at or below {Number(threshold, "0.###")} are not drawn.",
                zFigure.ToPng(), zFigure.Width, zFigure.Height),
            new ReportFigure("True discovery proportion", "Each cluster coloured by the lower bound on its proportion of true discoveries (All-Resolution Inference), same cuts.",
                tdpFigure.ToPng(), tdpFigure.Width, tdpFigure.Height));
    }

    /// <summary>Glass brains (nilearn's plot_glass_brain, lyrz) of the z map, signed, and of the TDP map.</summary>
    public static (ReportFigure Z, ReportFigure Tdp) GlassBrains(ReportData data)
    {
        double threshold = data.ClusterThreshold;
        var anatomy = data.Background.Kind == Ari.Plotting.Backgrounds.BackgroundKind.Silhouette ? null : data.Background;
        var z = GlassBrainPlot.Plot(data.Glm!.Z, anatomy, new GlassBrainOptions
        {
            Layout = "lyrz", PlotAbsolute = false, Threshold = threshold, Dpi = Dpi, Title = $"z map, |z| > {Number(threshold, "0.###")}",
        });
        var tdp = GlassBrainPlot.Plot(data.Tdp!.Tdp, anatomy, new GlassBrainOptions
        {
            Layout = "lyrz", Threshold = 0, Vmin = 0, Vmax = 1, Colormap = "inferno", Dpi = Dpi, Title = "proportion of true discoveries",
        });
        return (
            new ReportFigure("z map, glass brain", $"Maximum-intensity projections of the z map (the value of largest |z| along each line of sight, with its sign); |z| at or below {Number(threshold, "0.###")} is not drawn.",
                z.ToPng(), z.Width, z.Height),
            new ReportFigure("True discovery proportion, glass brain", "Maximum-intensity projections of the TDP map: the highest TDP along each line of sight.",
                tdp.ToPng(), tdp.Width, tdp.Height));
    }

    /// <summary>A permutation map (-log10 FWE p) as nilearn's examples show them: axial cuts, thresholded at p &lt; 0.05.</summary>
    public static ReportFigure PermutationMap(ReportData data, string name, Volume<double> map)
    {
        const double threshold = 1.3010299956639813; // -log10(0.05)
        bool any = map.Data.Any(v => double.IsFinite(v) && v > threshold);
        var cuts = CutSliceFinder.Find(map, WorldAxis.Z, 7);
        var figure = StatMapPlot.Plot(map, data.Background, new StatMapOptions
        {
            Display = DisplayMode.Z, CutCoordinates = cuts, Threshold = threshold, Dpi = Dpi, Colormap = "inferno", Vmin = 0,
            Title = $"{name}: -log10 p (FWE)",
        });
        string caption = any
            ? $"Family-wise error corrected -log10 p-values of {name[9..]}, drawn where p < 0.05 (-log10 p > 1.3); axial cuts at z = {string.Join(", ", cuts.Select(c => Number(c, "0.#")))} mm."
            : $"No voxel reaches p < 0.05 (FWE) for {name[9..]}.";
        return new ReportFigure(name, caption, figure.ToPng(), figure.Width, figure.Height);
    }
}
