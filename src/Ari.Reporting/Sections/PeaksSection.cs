using System.Globalization;
using System.Text;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting.Sections;

/// <summary>The peak table of the thresholded map (nilearn's get_clusters_table: clusters, sub-peaks 1a, 1b, ..., sizes in mm³).</summary>
internal sealed class PeaksSection : ReportSection
{
    private const int MaxRows = 200;

    public override string Id => "peaks";
    public override string Title => "Peaks";
    public override bool Applies(ReportData data) => data.Threshold is not null || data.Glm is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var peaks = context.Threshold!.Peaks;
        html.Append("<section id=\"peaks\"><h2>Peaks</h2>");
        if (peaks.Count == 0) { html.Append("<p>No voxel above the threshold.</p></section>\n"); return; }
        html.Append("<p>One row per cluster peak and sub-peak (at least 8 mm apart). Click a row to move the viewer to the peak.");
        if (peaks.Count > MaxRows) html.Append(" The first ").Append(MaxRows).Append(" of ").Append(peaks.Count.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows.");
        html.Append("</p><div class=\"scroll\"><table id=\"peak-table\"><thead><tr><th>cluster</th><th class=\"num\">x (mm)</th><th class=\"num\">y (mm)</th><th class=\"num\">z (mm)</th><th class=\"num\">peak stat</th><th class=\"num\">cluster size (mm³)</th></tr></thead><tbody>");
        foreach (var p in peaks.Take(MaxRows))
            html.Append("<tr data-peak=\"").Append(Number(p.Mm.X, "R")).Append(',').Append(Number(p.Mm.Y, "R")).Append(',').Append(Number(p.Mm.Z, "R")).Append("\"><td>")
                .Append(Escape(p.ClusterId)).Append("</td><td class=\"num\">").Append(Number(p.Mm.X, "0.#")).Append("</td><td class=\"num\">").Append(Number(p.Mm.Y, "0.#"))
                .Append("</td><td class=\"num\">").Append(Number(p.Mm.Z, "0.#")).Append("</td><td class=\"num\">").Append(Number(p.PeakStat, "0.00"))
                .Append("</td><td class=\"num\">").Append(p.ClusterSizeMm3 is { } mm3 ? mm3.ToString("N0", CultureInfo.InvariantCulture) : "").Append("</td></tr>");
        html.Append("</tbody></table></div></section>\n");
    }
}
