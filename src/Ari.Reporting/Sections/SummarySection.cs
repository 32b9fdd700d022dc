using System.Globalization;
using System.Text;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting.Sections;

/// <summary>Cards with the analysis in numbers: maps, mask, clusters, the best TDP, true discoveries, alpha.</summary>
internal sealed class SummarySection : ReportSection
{
    public override string Id => "summary";
    public override string Title => "Summary";
    public override bool Applies(ReportData data) => data.Glm is not null && data.Tdp is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var (glm, tdp) = (context.Data.Glm!, context.Data.Tdp!);
        var clusters = tdp.Clusters.Clusters;
        double? best = clusters.Count == 0 ? null : clusters.Max(c => c.Tdp);
        html.Append("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
        Card(html, glm.Design.Maps.Count.ToString(CultureInfo.InvariantCulture), "maps in the model");
        Card(html, Number(glm.Summary.MaskVoxels, "N0"), "voxels in the mask");
        Card(html, clusters.Count.ToString(CultureInfo.InvariantCulture), "clusters (all thresholds)");
        Card(html, Number(best, "0.###"), "highest cluster TDP");
        Card(html, $"{Number(tdp.Summary.TrueDiscoveries, "N0")} / {Number(tdp.Summary.MaskVoxels, "N0")}", "true discoveries in the mask (lower bound)");
        Card(html, Number(tdp.Summary.Alpha, "0.###"), "alpha");
        html.Append("</div></section>\n");
    }

    private static void Card(StringBuilder html, string value, string label) =>
        html.Append("<div class=\"card\"><b>").Append(Escape(value)).Append("</b><span>").Append(Escape(label)).Append("</span></div>");
}
