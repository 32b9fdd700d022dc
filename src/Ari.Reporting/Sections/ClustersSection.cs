using System.Globalization;
using System.Text;
using Ari.Inference;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting.Sections;

/// <summary>
/// The cluster table with its TDP column (sortable), which cluster at the next lower threshold holds each one, and a
/// click on a row moving the viewer to the cluster's peak.
/// </summary>
internal sealed class ClustersSection : ReportSection
{
    private static readonly (string Header, string Format, Func<Cluster, ClusterTable, double?> Value)[] Columns =
    [
        ("cluster", "0", (c, _) => c.Id),
        ("threshold", "0.###", (c, _) => c.Threshold),
        ("voxels", "N0", (c, _) => c.Size),
        ("mm³", "N0", (c, t) => t.SizeMm3(c)),
        ("TDP", "0.000", (c, _) => c.Tdp),
        ("true discoveries", "N0", (c, _) => c.TrueDiscoveries),
        ("peak z-score", "0.00", (c, _) => c.PeakStat),
        ("peak x (mm)", "0.#", (c, _) => c.PeakMm.X),
        ("peak y (mm)", "0.#", (c, _) => c.PeakMm.Y),
        ("peak z (mm)", "0.#", (c, _) => c.PeakMm.Z),
        ("centre x", "0.#", (c, _) => c.CentreOfMassMm.X),
        ("centre y", "0.#", (c, _) => c.CentreOfMassMm.Y),
        ("centre z", "0.#", (c, _) => c.CentreOfMassMm.Z),
    ];

    public override string Id => "clusters";
    public override string Title => "Clusters";
    public override bool Applies(ReportData data) => data.Glm is not null && data.Tdp is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var (glm, tdp) = (context.Data.Glm!, context.Data.Tdp!);
        var table = tdp.Clusters;
        var clusters = table.Clusters;
        var mask = glm.Mask;
        var parents = ClusterNesting.Parents(glm.Z, mask is null ? null : v => mask.Data[v] != 0, tdp.Summary.Connectivity ?? 6,
            clusters.Select(c => (c.Threshold, c.PeakVoxel.I, c.PeakVoxel.J, c.PeakVoxel.K)).ToList());
        html.Append("<section id=\"clusters\"><h2>Clusters</h2>");
        context.ClusterRows = clusters.Count;
        if (clusters.Count == 0)
        {
            html.Append("<p>No clusters above the thresholds.</p></section>\n");
            return;
        }
        html.Append("<p>One row per cluster and threshold. TDP is the lower bound, with confidence 1 - alpha, on the proportion of the cluster's voxels that are truly active. "
            + "'inside' names the cluster at the next lower threshold that contains it. Click a column to sort, a row to move the viewer to its peak.</p>");
        html.Append("<div class=\"scroll\"><table class=\"sortable\" id=\"cluster-table\"><thead><tr>");
        for (int n = 0; n < Columns.Length; n++)
        {
            html.Append("<th class=\"num\">").Append(Escape(Columns[n].Header)).Append("</th>");
            if (n == 1) html.Append("<th>inside</th>");
        }
        html.Append("</tr></thead><tbody>");
        for (int r = 0; r < clusters.Count; r++)
        {
            var cluster = clusters[r];
            var peak = cluster.PeakMm;
            html.Append(double.IsFinite(peak.X) && double.IsFinite(peak.Y) && double.IsFinite(peak.Z)
                ? $"<tr data-peak=\"{Number(peak.X, "R")},{Number(peak.Y, "R")},{Number(peak.Z, "R")}\">" : "<tr>");
            string inside = parents[r] is { } parent ? $"{parent.Id} ({(parent.Threshold >= 0 ? "z > " : "z < ")}{Number(parent.Threshold, "0.###")})" : "—";
            for (int n = 0; n < Columns.Length; n++)
            {
                var (_, format, value) = Columns[n];
                double? v = value(cluster, table);
                if (v is { } nan && double.IsNaN(nan)) v = null;
                html.Append("<td class=\"num\" data-value=\"").Append(v is { } d ? d.ToString("R", CultureInfo.InvariantCulture) : "NaN").Append("\">");
                if (n == 4 && v is { } p)
                    html.Append("<span class=\"bar\" style=\"width:").Append(Number(Math.Clamp(p, 0, 1) * 60, "0.#")).Append("px\"></span>");
                html.Append(v is null ? "n/a" : Number(v.Value, format)).Append("</td>");
                if (n == 1) html.Append("<td class=\"nested\">").Append(Escape(inside)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div></section>\n");
    }
}
