using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ari.Imaging;
using Ari.IO;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.DesignMatrices;
using Ari.Reporting.Html;
using Ari.Reporting.Inputs;
using Ari.Reporting.Viewer;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting;

/// <summary>
/// One self-contained HTML page of an analysis: model (design matrix, contrast, parameters), the z and TDP figures,
/// the cluster table with its TDP column (sortable), an interactive NiiVue viewer, and provenance (versions,
/// commands, inputs with sizes and SHA-256, timings). Everything is inline: CSS, scripts, figures and volumes.
/// </summary>
public static class AnalysisReport
{
    public static ReportResult Build(ReportRequest request)
    {
        var steps = new List<(string, double)>();
        var clock = Stopwatch.StartNew();
        void Step(string name) { steps.Add((name, clock.Elapsed.TotalSeconds)); clock.Restart(); }

        var glm = GlmFolder.Open(request.GlmDirectory);
        var tdpFolder = TdpFolder.Open(request.TdpDirectory);
        var z = glm.ReadZScore();
        var tdp = tdpFolder.ReadTdp();
        if (!z.Grid.Matches(tdp.Grid))
            throw new AriException($"{tdpFolder.TdpPath} ({tdp.Grid.ShapeText}) is not on the grid of {glm.ZScorePath} ({z.Grid.ShapeText}); were they made from the same analysis? (--tdp)");
        var (background, backgroundNote) = ChooseBackground(request.BackgroundPath, glm);
        Step("read");

        var thresholds = tdpFolder.Summary.Numbers("thresholds") is { Length: > 0 } t ? t : [3.090232306167813];
        double threshold = thresholds.Min();
        var (zFigure, tdpFigure) = ReportFigures.Draw(z, tdp, background, threshold);
        var (columns, maps, rows) = glm.DesignMatrix();
        string designSvg = DesignMatrixPlot.ToSvg(columns, rows);
        Step("figures");

        string? bundle = ViewerBundle.GzipBase64;
        string? templateData = bundle is null ? null : ViewerVolumes.Background(background.Image);
        string? zData = bundle is null ? null : ViewerVolumes.Map(z);
        string? tdpData = bundle is null ? null : ViewerVolumes.Map(tdp);
        Step("viewer");

        var inputs = FileFingerprint.Of(glm.Files.Concat(tdpFolder.Files).Concat(background.Source is { } s ? [s] : []).ToList());
        Step("fingerprints");

        var html = new StringBuilder(4 << 20);
        string contrast = glm.Summary.String("contrast", "expression") ?? "contrast";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Ari report: ").Append(Escape(contrast)).Append("</title>\n<style>\n").Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<header><h1>Ari report: ").Append(Escape(contrast)).Append("</h1><p>Second-level GLM and All-Resolution Inference on cluster true discovery proportions · made by Ari ")
            .Append(Escape(AriVersion.Current)).Append(" on ").Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</p></header>\n");
        html.Append("<nav><a href=\"#summary\">Summary</a><a href=\"#model\">Model</a><a href=\"#maps\">Maps</a><a href=\"#clusters\">Clusters</a><a href=\"#viewer\">Viewer</a><a href=\"#provenance\">Provenance</a></nav>\n<main>\n");

        AppendSummary(html, glm, tdpFolder, maps.Length);
        AppendModel(html, glm, tdpFolder, designSvg, columns, maps, rows);
        AppendMaps(html, zFigure, tdpFigure, backgroundNote);
        int clusterRows = AppendClusters(html, tdpFolder);
        AppendViewer(html, bundle, templateData, zData, tdpData, threshold, z, tdpFolder);
        if (request.ClustersDirectory is { } clustersDirectory) html.Append(Sections.TdpClustersSection.Html(clustersDirectory));
        Step("page");
        AppendProvenance(html, glm, tdpFolder, inputs, request.Command, steps);

        html.Append("</main>\n<footer>Made with Ari ").Append(Escape(AriVersion.Current))
            .Append(". Figures follow nilearn's plot_stat_map; the viewer is NiiVue (BSD-2-Clause).</footer>\n");
        html.Append("<script>\n").Append(ReportScripts.SortableTables).Append("\n</script>\n");
        if (bundle is not null)
        {
            html.Append("<script type=\"application/octet-stream\" id=\"niivue-bundle\">").Append(bundle).Append("</script>\n");
            html.Append("<script type=\"application/octet-stream\" id=\"volume-template\">").Append(templateData).Append("</script>\n");
            html.Append("<script type=\"application/octet-stream\" id=\"volume-z\">").Append(zData).Append("</script>\n");
            html.Append("<script type=\"application/octet-stream\" id=\"volume-tdp\">").Append(tdpData).Append("</script>\n");
            html.Append("<script>\n").Append(ReportScripts.Viewer).Append("\n</script>\n");
        }
        html.Append("</body>\n</html>\n");
        return new ReportResult(html.ToString(), clusterRows, bundle is not null, backgroundNote, steps);
    }

    private static (BackgroundImage Image, string? Note) ChooseBackground(string? path, GlmFolder glm)
    {
        if (path is not null)
        {
            try { return (BackgroundImage.Load(path), null); }
            catch (AriException e) { throw new AriException($"--bg: {e.Message}", e); }
        }
        const string note = "No MNI152 template was available: the maps are drawn over the analysis mask instead (give --bg FILE for an anatomy, or run 'ari fetch template').";
        var mask = glm.ReadMask() ?? glm.ReadZScore();
        return (BackgroundImage.SilhouetteOf(mask), note);
    }

    private static void AppendSummary(StringBuilder html, GlmFolder glm, TdpFolder tdp, int mapCount)
    {
        var table = tdp.Clusters;
        int tdpColumn = table.Column("tdp", TdpFolder.Option);
        double? best = Enumerable.Range(0, table.Rows.Count).Select(r => table.Number(r, tdpColumn, TdpFolder.Option)).Max();
        html.Append("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
        Card(html, mapCount.ToString(CultureInfo.InvariantCulture), "maps in the model");
        Card(html, Number(glm.Summary.Number("mask", "voxels") ?? tdp.Summary.Number("n_voxels"), "N0"), "voxels in the mask");
        Card(html, table.Rows.Count.ToString(CultureInfo.InvariantCulture), "clusters (all thresholds)");
        Card(html, Number(best, "0.###"), "highest cluster TDP");
        Card(html, $"{Number(tdp.Summary.Number("true_discoveries"), "N0")} / {Number(tdp.Summary.Number("n_voxels"), "N0")}", "true discoveries in the mask (lower bound)");
        Card(html, Number(tdp.Summary.Number("alpha"), "0.###"), "alpha");
        html.Append("</div></section>\n");
    }

    private static void Card(StringBuilder html, string value, string label) =>
        html.Append("<div class=\"card\"><b>").Append(Escape(value)).Append("</b><span>").Append(Escape(label)).Append("</span></div>");

    private static void AppendModel(StringBuilder html, GlmFolder glm, TdpFolder tdp, string designSvg, string[] columns, string[] maps, double[][] rows)
    {
        var s = glm.Summary;
        html.Append("<section id=\"model\"><h2>Model</h2><div class=\"row\">");
        html.Append("<div class=\"design\"><h3>Design matrix</h3>").Append(StripXmlDeclaration(designSvg)).Append("</div>");
        html.Append("<div><h3>Design table</h3><div class=\"scroll\"><table><thead><tr><th class=\"num\">#</th><th>map</th>");
        foreach (string c in columns) html.Append("<th class=\"num\">").Append(Escape(c)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (int r = 0; r < rows.Length; r++)
        {
            html.Append("<tr><td class=\"num\">").Append(r).Append("</td><td title=\"").Append(Escape(maps[r])).Append("\">").Append(Escape(Path.GetFileName(maps[r]))).Append("</td>");
            foreach (double v in rows[r]) html.Append("<td class=\"num\">").Append(Number(v, "G6")).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div></div>");

        html.Append("<div><h3>Contrast and parameters</h3><table class=\"kv\">");
        Row(html, "contrast", s.Text("contrast", "expression"));
        Row(html, "statistic", s.Text("contrast", "type") + "-test");
        Row(html, "contrast matrix", s.Get("contrast", "matrix") is { } m ? m.GetRawText().Replace(" ", "").Replace("\n", "") : "—");
        Row(html, "design", s.Text("design", "source"));
        Row(html, "smoothing FWHM", s.Number("smoothing_fwhm_mm") is { } f ? Number(f, "0.##") + " mm" : "none");
        Row(html, "degrees of freedom", s.Text("dof"));
        Row(html, "mask", $"{s.Text("mask", "source")} ({Number(s.Number("mask", "voxels"), "N0")} voxels)");
        Row(html, "grid", GridText(s));
        Row(html, "cluster-forming thresholds", tdp.Summary.Numbers("thresholds") is { } t ? string.Join(", ", t.Select(v => Number(v, "0.###"))) : "—");
        Row(html, "alpha", tdp.Summary.Text("alpha"));
        Row(html, "two-sided", tdp.Summary.Text("two_sided"));
        Row(html, "connectivity", tdp.Summary.Text("connectivity"));
        Row(html, "Hommel h", Number(tdp.Summary.Number("hommel_h"), "N0"));
        html.Append("</table></div></div></section>\n");
    }

    private static string GridText(JsonSummary s)
    {
        var shape = s.Numbers("grid", "shape");
        var affine = s.Numbers("grid", "affine");
        if (shape is not { Length: 3 }) return "—";
        string text = string.Join(" x ", shape.Select(v => Number(v, "0")));
        if (affine is { Length: >= 12 })
        {
            var a = Affine.FromRows(affine.AsSpan(0, affine.Length >= 16 ? 16 : 12));
            var (x, y, z) = a.VoxelSizes;
            text += $" voxels of {Number(x, "0.##")} x {Number(y, "0.##")} x {Number(z, "0.##")} mm";
        }
        return text;
    }

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th>").Append(Escape(key)).Append("</th><td>").Append(Escape(value)).Append("</td></tr>");

    private static void AppendMaps(StringBuilder html, ReportFigure z, ReportFigure tdp, string? note)
    {
        html.Append("<section id=\"maps\"><h2>Maps</h2>");
        if (note is not null) html.Append("<p class=\"note\">").Append(Escape(note)).Append("</p>");
        foreach (var figure in new[] { z, tdp })
            html.Append("<figure><img alt=\"").Append(Escape(figure.Title)).Append("\" width=\"").Append(figure.Width).Append("\" height=\"").Append(figure.Height)
                .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(figure.Png)).Append("\"><figcaption><b>")
                .Append(Escape(figure.Title)).Append(".</b> ").Append(Escape(figure.Caption)).Append("</figcaption></figure>");
        html.Append("</section>\n");
    }

    private static readonly (string Column, string Header, string Format)[] ClusterColumns =
    [
        ("cluster_id", "cluster", "0"), ("threshold", "threshold", "0.###"), ("size", "voxels", "N0"), ("tdp", "TDP", "0.000"),
        ("true_discoveries", "true discoveries", "N0"), ("peak_stat", "peak z", "0.00"),
        ("peak_x", "peak x", "0.#"), ("peak_y", "peak y", "0.#"), ("peak_z", "peak z (mm)", "0.#"),
        ("com_x", "centre x", "0.#"), ("com_y", "centre y", "0.#"), ("com_z", "centre z", "0.#"),
    ];

    private static int AppendClusters(StringBuilder html, TdpFolder tdp)
    {
        var table = tdp.Clusters;
        var present = ClusterColumns.Where(c => table.Columns.Contains(c.Column)).Select(c => (c.Column, c.Header, c.Format, Index: table.Column(c.Column, TdpFolder.Option))).ToArray();
        html.Append("<section id=\"clusters\"><h2>Clusters</h2>");
        if (table.Rows.Count == 0)
        {
            html.Append("<p>No clusters above the thresholds.</p></section>\n");
            return 0;
        }
        html.Append("<p>One row per cluster and threshold. TDP is the lower bound, with confidence 1 - alpha, on the proportion of the cluster's voxels that are truly active; click a column to sort.</p>");
        html.Append("<div class=\"scroll\"><table class=\"sortable\" id=\"cluster-table\"><thead><tr>");
        foreach (var c in present) html.Append("<th class=\"num\">").Append(Escape(c.Header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (int r = 0; r < table.Rows.Count; r++)
        {
            html.Append("<tr>");
            foreach (var c in present)
            {
                double? v = table.Number(r, c.Index, TdpFolder.Option);
                html.Append("<td class=\"num\" data-value=\"").Append(v is { } d ? d.ToString("R", CultureInfo.InvariantCulture) : "NaN").Append("\">");
                if (c.Column == "tdp" && v is { } p)
                    html.Append("<span class=\"bar\" style=\"width:").Append(Number(Math.Clamp(p, 0, 1) * 60, "0.#")).Append("px\"></span>");
                html.Append(v is null ? Escape(table.Rows[r][c.Index]) : Number(v.Value, c.Format)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div></section>\n");
        return table.Rows.Count;
    }

    private static void AppendViewer(StringBuilder html, string? bundle, string? template, string? zData, string? tdpData, double threshold, Volume<double> z, TdpFolder tdp)
    {
        html.Append("<section id=\"viewer\"><h2>Interactive viewer</h2>");
        if (bundle is null || template is null || zData is null || tdpData is null)
        {
            html.Append("<p class=\"note\" id=\"viewer-status\">The interactive viewer is unavailable in this report: NiiVue (npm @niivue/niivue) could not be installed when Ari was built (npm missing or offline). The figures above show the same maps.</p></section>\n");
            return;
        }
        double zMax = z.Data.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(threshold + 1).Max();
        var peak = LargestClusterPeak(tdp);
        html.Append("<div class=\"controls\"><label><input type=\"radio\" name=\"overlay\" value=\"z\" checked> z map (|z| &gt; ").Append(Number(threshold, "0.###"))
            .Append(")</label><label><input type=\"radio\" name=\"overlay\" value=\"tdp\"> TDP</label></div>");
        html.Append("<div id=\"viewer-box\"><canvas id=\"viewer-canvas\"></canvas></div><p id=\"viewer-status\">Loading the viewer…</p>");
        html.Append("<script type=\"application/json\" id=\"viewer-config\">{\"threshold\":").Append(Number(threshold, "R")).Append(",\"zMax\":").Append(Number(Math.Max(zMax, threshold + 1e-3), "R"))
            .Append(",\"peak\":").Append(peak is { } p ? $"[{Number(p.X, "R")},{Number(p.Y, "R")},{Number(p.Z, "R")}]" : "null").Append("}</script></section>\n");
    }

    private static Point3? LargestClusterPeak(TdpFolder tdp)
    {
        var t = tdp.Clusters;
        if (t.Rows.Count == 0 || !t.Columns.Contains("peak_x") || !t.Columns.Contains("peak_y") || !t.Columns.Contains("peak_z")) return null;
        int size = t.Column("size", TdpFolder.Option);
        int best = Enumerable.Range(0, t.Rows.Count).MaxBy(r => t.Number(r, size, TdpFolder.Option) ?? 0);
        double? x = t.Number(best, t.Column("peak_x", TdpFolder.Option), TdpFolder.Option);
        double? y = t.Number(best, t.Column("peak_y", TdpFolder.Option), TdpFolder.Option);
        double? zc = t.Number(best, t.Column("peak_z", TdpFolder.Option), TdpFolder.Option);
        return x is { } a && y is { } b && zc is { } c ? new Point3(a, b, c) : null;
    }

    private static void AppendProvenance(StringBuilder html, GlmFolder glm, TdpFolder tdp, FileFingerprint[] inputs, string? command, List<(string, double)> steps)
    {
        html.Append("<section id=\"provenance\"><h2>Provenance</h2><table class=\"kv\">");
        Row(html, "report made by", $"Ari {AriVersion.Current}");
        Row(html, "ari glm", $"{glm.Summary.Text("command")} (Ari {glm.Summary.Text("ari_version")})");
        Row(html, "ari tdp", $"{tdp.Summary.Text("command")} (Ari {tdp.Summary.Text("ari_version")})");
        if (command is not null) Row(html, "ari report", command);
        html.Append("</table>");

        if (glm.Summary.Get("inputs") is { ValueKind: System.Text.Json.JsonValueKind.Array } list)
        {
            html.Append("<h3>Analysis inputs (from glm.json)</h3><div class=\"scroll\"><table><thead><tr><th>file</th><th class=\"num\">size</th><th>SHA-256</th></tr></thead><tbody>");
            foreach (var item in list.EnumerateArray())
            {
                string path = item.TryGetProperty("path", out var p) ? p.GetString() ?? "" : "";
                long bytes = item.TryGetProperty("bytes", out var b) && b.TryGetInt64(out long n) ? n : -1;
                string hash = item.TryGetProperty("sha256", out var h) ? h.GetString() ?? "" : "";
                FileRow(html, path, bytes, hash);
            }
            html.Append("</tbody></table></div>");
        }
        html.Append("<h3>Files this report read</h3><table><thead><tr><th>file</th><th class=\"num\">size</th><th>SHA-256</th></tr></thead><tbody>");
        foreach (var f in inputs) FileRow(html, f.Path, f.Bytes, f.Sha256);
        html.Append("</tbody></table>");

        html.Append("<h3>Timings</h3><div class=\"row\">");
        Timings(html, "ari glm", glm.Summary.NumberPairs("seconds"));
        Timings(html, "ari tdp", tdp.Summary.NumberPairs("seconds"));
        Timings(html, "ari report", steps);
        html.Append("</div></section>\n");
    }

    private static void FileRow(StringBuilder html, string path, long bytes, string hash) =>
        html.Append("<tr><td class=\"mono\">").Append(Escape(path)).Append("</td><td class=\"num\">").Append(bytes >= 0 ? Bytes(bytes) : "—")
            .Append("</td><td class=\"hash\" title=\"").Append(Escape(hash)).Append("\">").Append(Escape(hash.Length > 16 ? hash[..16] + "…" : hash)).Append("</td></tr>");

    private static void Timings(StringBuilder html, string title, IReadOnlyList<(string Step, double Seconds)> steps)
    {
        html.Append("<table><thead><tr><th colspan=\"2\">").Append(Escape(title)).Append("</th></tr></thead><tbody>");
        if (steps.Count == 0) html.Append("<tr><td colspan=\"2\">not recorded</td></tr>");
        foreach (var (step, seconds) in steps)
            html.Append("<tr><td>").Append(Escape(step)).Append("</td><td class=\"num\">").Append(Seconds(seconds)).Append("</td></tr>");
        html.Append("</tbody></table>");
    }

    private static string StripXmlDeclaration(string svg)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
