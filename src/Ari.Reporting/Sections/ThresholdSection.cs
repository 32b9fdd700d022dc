using System.Globalization;
using System.Text;
using Ari.Reporting.Model;
using Ari.Thresholding;
using static Ari.Reporting.Html.HtmlText;
using static Ari.Reporting.Sections.FigureHtml;

namespace Ari.Reporting.Sections;

/// <summary>
/// How the map was thresholded, as nilearn's threshold_stats_img: height control, alpha, the threshold computed, the
/// cluster extent; from an `ari threshold` folder (--threshold), else the report's default (fpr p &lt; 0.001, one-sided).
/// </summary>
internal sealed class ThresholdSection : ReportSection
{
    public override string Id => "thresholding";
    public override string Title => "Thresholding";
    public override bool Applies(ReportData data) => data.Threshold is not null || data.Glm is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var t = context.Threshold!;
        html.Append("<section id=\"thresholding\"><h2>Thresholding</h2><table class=\"kv\">");
        Row(html, "from", t.Source);
        Row(html, "height control", t.Control switch
        {
            HeightControl.Fpr => "fpr (uncorrected)",
            HeightControl.Fdr => "fdr (Benjamini-Hochberg)",
            HeightControl.Bonferroni => "bonferroni",
            _ => "none (the threshold as given)",
        } + (t.TwoSided ? ", two-sided" : ", one-sided"));
        if (t.Control != HeightControl.None) Row(html, "alpha", Number(t.Alpha, "G6"));
        Row(html, "threshold", double.IsFinite(t.Threshold) ? (t.TwoSided ? "|z| > " : "z > ") + Number(t.Threshold, "0.####") : "none found (no voxel survives)");
        Row(html, "cluster extent", t.Extent > 0 ? $"clusters of more than {t.Extent.ToString(CultureInfo.InvariantCulture)} voxels" : "none");
        if (t.VoxelsAbove is { } above) Row(html, "voxels kept", Number(above, "N0"));
        Row(html, "clusters", t.Peaks.Count(p => !p.IsSubPeak).ToString(CultureInfo.InvariantCulture) + " (faces connectivity, peaks at least 8 mm apart; as nilearn's get_clusters_table)");
        if (t.Command is { } command) Row(html, "command", command);
        html.Append("</table>");
        if (context.Data.Threshold is null)
            html.Append("<p>Other height controls (fdr, bonferroni), cluster extents and two-sided maps: <code>ari threshold</code>, then <code>ari report --threshold DIR</code>.</p>");
        html.Append("</section>\n");
    }
}
