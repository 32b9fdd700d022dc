using Ari.Imaging;
using Ari.Plotting;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.CutCoordinates;
using Ari.Plotting.Geometry;
using Ari.Plotting.StatMaps;

namespace Ari.Reporting;

/// <summary>A figure of the report: PNG bytes and what it shows.</summary>
public sealed record ReportFigure(string Title, string Caption, byte[] Png, int Width, int Height);

/// <summary>
/// The report's two stat-map figures, drawn as the nilearn example draws them: a row of axial cuts of the z map
/// (thresholded at the lowest cluster-forming threshold, cold_hot) and of the TDP map (inferno, 0 to 1), at the
/// same cuts, placed where the clusters are.
/// </summary>
public static class ReportFigures
{
    public static (ReportFigure Z, ReportFigure Tdp) Draw(Volume<double> z, Volume<double> tdp, BackgroundImage background, double threshold, double dpi = 150)
    {
        var cuts = CutSliceFinder.Find(tdp.Data.Any(v => v != 0 && double.IsFinite(v)) ? tdp : z, WorldAxis.Z, 7);
        var zFigure = StatMapPlot.Plot(z, background, new StatMapOptions
        {
            Display = DisplayMode.Z, CutCoordinates = cuts, Threshold = threshold, Dpi = dpi,
            Title = $"z map, |z| > {Html.HtmlText.Number(threshold, "0.###")}",
        });
        var tdpFigure = StatMapPlot.Plot(tdp, background, new StatMapOptions
        {
            Display = DisplayMode.Z, CutCoordinates = cuts, Threshold = 0, Vmax = 1, Colormap = "inferno", Dpi = dpi,
            Title = "proportion of true discoveries",
        });
        string at = string.Join(", ", cuts.Select(c => Html.HtmlText.Number(c, "0.#")));
        return (
            new ReportFigure("z map", $"Axial cuts at z = {at} mm; values with |z| at or below {Html.HtmlText.Number(threshold, "0.###")} are not drawn.",
                zFigure.ToPng(), zFigure.Width, zFigure.Height),
            new ReportFigure("True discovery proportion", "Each cluster coloured by the lower bound on its proportion of true discoveries (All-Resolution Inference), same cuts.",
                tdpFigure.ToPng(), tdpFigure.Width, tdpFigure.Height));
    }
}
