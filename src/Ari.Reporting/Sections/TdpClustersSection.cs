using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Ari.Pipelines.Clusters;

namespace Ari.Reporting.Sections;

/// <summary>
/// The TDP-clusters section of a report, from the folder `ari clusters` wrote: the settings, a table per gamma (and
/// per TDPChange step), and a viewer whose gamma slider recolours the clusters live in the browser from the embedded
/// cluster tree (cluster_tree.bin), with no server.
/// </summary>
internal sealed class TdpClustersSection : ReportSection
{
    public override string Id => "tdp-clusters";
    public override string Title => "TDP clusters";
    public override bool Applies(Ari.Reporting.Model.ReportData data) => data.ClustersDirectory is not null;
    public override void Write(StringBuilder html, ReportContext context) => html.Append(Html(context.Data.ClustersDirectory!));

    /// <summary>The section's HTML (with its data and script) for a report page.</summary>
    public static string Html(string clustersDirectory)
    {
        var folder = ClustersFolder.Read(clustersDirectory);
        var (table, tree, summary) = (folder.Table, folder.Tree, folder.Summary);
        var inv = CultureInfo.InvariantCulture;
        var html = new StringBuilder(1 << 20);
        html.Append("<section id=\"tdp-clusters\"><h2>TDP clusters</h2>\n");
        html.Append("<p>The largest clusters whose true discovery proportion is at least gamma (ARIbrain's TDPQuery): every bound, for every gamma and every cluster, holds together with probability 1 &minus; alpha.</p>\n<p>");
        string Number(double value) => value.ToString("#,0.####", inv);
        html.Append("alpha ").Append(Number(summary.Alpha)).Append(" &middot; ").Append(Number(summary.MaskVoxels)).Append(" voxels &middot; Hommel h ").Append(Number(summary.HommelH))
            .Append(" &middot; at least ").Append(Number(summary.TrueDiscoveries)).Append(" true discoveries in the mask &middot; connectivity ").Append(Number(summary.Connectivity))
            .Append(" &middot; ").Append(Number(summary.SupraThresholdClusters)).Append(" supra-threshold clusters, ").Append(Number(summary.Admissible)).Append(" admissible</p>\n");

        foreach (var group in table.Rows.GroupBy(r => (r.Gamma, r.Step)))
        {
            html.Append("<h3>TDP &ge; ").Append(group.Key.Gamma.ToString("R", inv));
            if (group.Key.Step > 0) html.Append(", after change ").Append(group.Key.Step.ToString(inv));
            html.Append("</h3>\n<table class=\"sortable\"><thead><tr><th>cluster</th><th>size</th><th>true discoveries &ge;</th><th>true nulls &le;</th><th>TDP &ge;</th><th>peak z</th><th>peak (mm)</th><th>centre (mm)</th></tr></thead><tbody>\n");
            foreach (var r in group)
            {
                html.Append("<tr><td>").Append(r.ClusterId?.ToString(inv) ?? "rest").Append("</td><td>").Append(r.Size.ToString("N0", inv))
                    .Append("</td><td>").Append(r.TrueDiscoveries.ToString("N0", inv)).Append("</td><td>").Append(r.TrueNullsUpper.ToString("N0", inv))
                    .Append("</td><td>").Append(r.Size == 0 ? "n/a" : r.Tdp.ToString("0.000", inv)).Append("</td><td>").Append(r.PeakStat.ToString("0.00", inv))
                    .Append("</td><td>").Append(Mm(r.PeakMm)).Append("</td><td>").Append(Mm(r.CentreOfMassMm)).Append("</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }

        html.Append("<h3>Clusters at any gamma</h3>\n<div class=\"tdp-controls\"><label>gamma <input type=\"range\" id=\"tdp-gamma\" min=\"0.01\" max=\"1\" step=\"0.01\" value=\"")
            .Append(table.Rows.Count > 0 ? Math.Round(table.Rows[0].Gamma, 2).ToString("0.00", inv) : "0.70")
            .Append("\"> <b id=\"tdp-gamma-value\"></b></label> <label>axial slice <input type=\"range\" id=\"tdp-slice\" min=\"0\" step=\"1\"> <span id=\"tdp-slice-value\"></span></label></div>\n")
            .Append("<p id=\"tdp-status\"></p><div class=\"tdp-view\"><canvas id=\"tdp-canvas\"></canvas><div id=\"tdp-list\"></div></div>\n")
            .Append("<style>.tdp-controls label{margin-right:2em}.tdp-controls input[type=range]{width:18em;vertical-align:middle}.tdp-view{display:flex;gap:1.5em;align-items:flex-start}")
            .Append("#tdp-canvas{width:min(60vw,").Append(Math.Max(tree.Nx, tree.Ny) * 6).Append("px);image-rendering:pixelated;background:#000}#tdp-list{display:flex;flex-direction:column;gap:.3em;font-size:.9em}")
            .Append(".tdp-chip i{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:middle}</style>\n");
        html.Append("<script type=\"application/json\" id=\"tdp-tree-meta\">")
            .Append(string.Create(inv, $"{{\"nx\":{tree.Nx},\"ny\":{tree.Ny},\"nz\":{tree.Nz}}}")).Append("</script>\n");
        Data(html, "tdp-tree-voxels", Bytes(tree.Voxels));
        Data(html, "tdp-tree-start", Bytes(tree.Nodes.Select(n => n.Start).ToArray()));
        Data(html, "tdp-tree-size", Bytes(tree.Nodes.Select(n => n.Size).ToArray()));
        Data(html, "tdp-tree-tdp", Bytes(tree.Nodes.Select(n => n.Tdp).ToArray()));
        Data(html, "tdp-tree-ancestor", Bytes(tree.Nodes.Select(n => n.AncestorTdp).ToArray()));
        Data(html, "tdp-tree-background", tree.Background);
        html.Append("<script>\n").Append(TdpClustersScript.Source).Append("\n</script>\n</section>\n");
        return html.ToString();
    }

    /// <summary>A page holding only this section (`ari report --clusters DIR` without --glm and --tdp).</summary>
    public static string Page(string clustersDirectory, string? command)
    {
        string section = Html(clustersDirectory);
        var html = new StringBuilder(section.Length + 8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Ari report: TDP clusters</title>\n<style>\n").Append(Ari.Reporting.Html.ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n")
            .Append("<header><h1>Ari report: TDP clusters</h1><p>").Append(WebUtility.HtmlEncode(clustersDirectory)).Append(" &middot; made by Ari ")
            .Append(WebUtility.HtmlEncode(AriVersion.Current)).Append("</p></header>\n<main>\n").Append(section);
        if (command is not null) html.Append("<p><small>").Append(WebUtility.HtmlEncode(command)).Append("</small></p>\n");
        html.Append("</main>\n<script>\n").Append(Ari.Reporting.Html.ReportScripts.SortableTables).Append("\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Whole millimetres, "x, y, z" (n/a for a cluster with no voxels).</summary>
    internal static string Mm(Point3 p) => double.IsNaN(p.X) ? "n/a" : p.ToWholeString();

    private static void Data(StringBuilder html, string id, byte[] bytes) =>
        html.Append("<script type=\"application/octet-stream\" id=\"").Append(id).Append("\">").Append(Convert.ToBase64String(bytes)).Append("</script>\n");

    private static byte[] Bytes<T>(T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
