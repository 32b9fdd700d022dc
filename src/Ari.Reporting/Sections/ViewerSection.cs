using System.Text;
using Ari.Plotting.StatMaps;
using Ari.Reporting.Html;
using Ari.Reporting.Model;
using Ari.Reporting.Viewer;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting.Sections;

/// <summary>
/// An interactive NiiVue viewer of the z and TDP maps over the template, coloured as the figures are (cold_hot for z
/// above the cluster-forming threshold, inferno for TDP), with a labelled readout; the bundle and volumes go after the
/// page's content.
/// </summary>
internal sealed class ViewerSection : ReportSection
{
    public override string Id => "viewer";
    public override string Title => "Viewer";
    public override bool Applies(ReportData data) => data.Glm is not null && data.Tdp is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var data = context.Data;
        html.Append("<section id=\"viewer\"><h2>Interactive viewer</h2>");
        string? bundle = ViewerBundle.GzipBase64;
        if (bundle is null)
        {
            html.Append("<p class=\"note\" id=\"viewer-status\">The interactive viewer is unavailable in this report: NiiVue (npm @niivue/niivue) could not be installed when Ari was built (npm missing or offline). The figures above show the same maps.</p></section>\n");
            return;
        }
        var (z, tdp) = (data.Glm!.Z, data.Tdp!.Tdp);
        double threshold = data.ClusterThreshold;
        var (zMin, zMax) = FiniteRange(z);
        double zFar = Math.Max(Math.Max(-zMin, zMax), threshold + 1e-3);
        var zOptions = new StatMapOptions { Threshold = threshold };
        var (tMin, tMax) = FiniteRange(tdp);
        var tdpOptions = new StatMapOptions { Threshold = 0, Vmax = 1, Colormap = "inferno" };
        string zPositive = ViewerColormaps.Json(ViewerColormaps.Table(zMin, zMax, zOptions, threshold, zFar));
        string zNegative = ViewerColormaps.Json(ViewerColormaps.Table(zMin, zMax, zOptions, -threshold, -zFar));
        string tdpTable = ViewerColormaps.Json(ViewerColormaps.Table(tMin, tMax, tdpOptions, 1e-6, 1));
        var peak = LargestClusterPeak(data.Tdp);

        html.Append("<div class=\"controls\"><label><input type=\"radio\" name=\"overlay\" value=\"z\" checked> z map (|z| &gt; ").Append(Number(threshold, "0.###"))
            .Append(")</label><label><input type=\"radio\" name=\"overlay\" value=\"tdp\"> TDP</label></div>");
        html.Append("<div id=\"viewer-box\"><canvas id=\"viewer-canvas\"></canvas></div><p id=\"viewer-readout\"></p><p id=\"viewer-status\">Loading the viewer…</p>");
        html.Append("<script type=\"application/json\" id=\"viewer-config\">{\"threshold\":").Append(Number(threshold, "R")).Append(",\"zMax\":").Append(Number(zFar, "R"))
            .Append(",\"peak\":").Append(peak is { } p ? $"[{Number(p.X, "R")},{Number(p.Y, "R")},{Number(p.Z, "R")}]" : "null")
            .Append(",\"colormaps\":{\"zPositive\":").Append(zPositive).Append(",\"zNegative\":").Append(zNegative).Append(",\"tdp\":").Append(tdpTable).Append("}}</script></section>\n");

        var trailer = context.Trailer;
        trailer.Append("<script type=\"application/octet-stream\" id=\"niivue-bundle\">").Append(bundle).Append("</script>\n");
        trailer.Append("<script type=\"application/octet-stream\" id=\"volume-template\">").Append(ViewerVolumes.Background(data.Background.Image)).Append("</script>\n");
        trailer.Append("<script type=\"application/octet-stream\" id=\"volume-z\">").Append(ViewerVolumes.Map(z)).Append("</script>\n");
        trailer.Append("<script type=\"application/octet-stream\" id=\"volume-tdp\">").Append(ViewerVolumes.Map(tdp)).Append("</script>\n");
        trailer.Append("<script>\n").Append(ReportScripts.Viewer).Append("\n</script>\n");
        context.ViewerIncluded = true;
    }

    private static (double Min, double Max) FiniteRange(Volume<double> map)
    {
        double min = 0, max = 0;
        foreach (double v in map.Data)
        {
            if (!double.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }

    private static Point3? LargestClusterPeak(TdpPart tdp)
    {
        var largest = tdp.Clusters.Clusters.Select((c, n) => (c, n)).OrderByDescending(x => x.c.Size).ThenBy(x => x.n).Select(x => x.c).FirstOrDefault();
        return largest is { PeakMm: var p } && double.IsFinite(p.X) ? p : null;
    }
}
