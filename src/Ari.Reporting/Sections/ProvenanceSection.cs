using System.Text;
using Ari.IO;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;
using static Ari.Reporting.Sections.FigureHtml;

namespace Ari.Reporting.Sections;

/// <summary>Versions, commands, the analysis' inputs and the files the report read (sizes, SHA-256), and timings.</summary>
internal sealed class ProvenanceSection : ReportSection
{
    public override string Id => "provenance";
    public override string Title => "Provenance";
    public override bool Applies(ReportData data) => true;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var data = context.Data;
        html.Append("<section id=\"provenance\"><h2>Provenance</h2><table class=\"kv\">");
        Row(html, "report made by", $"Ari {AriVersion.Current}" + (data.FromMemory ? " (from the results in memory)" : ""));
        if (data.Glm is { } glm) Row(html, "ari glm", $"{glm.Summary.Command} (Ari {glm.Summary.AriVersion})");
        if (data.Tdp is { } tdp) Row(html, "ari tdp", $"{tdp.Summary.Command} (Ari {tdp.Summary.AriVersion})");
        if (data.Threshold is { } threshold) Row(html, "ari threshold", $"{threshold.Summary.Command} (Ari {threshold.Summary.AriVersion})");
        if (data.Command is not null) Row(html, "ari report", data.Command);
        html.Append("</table>");

        if (data.Glm is { Summary.Inputs.Count: > 0 } g)
        {
            html.Append("<h3>Analysis inputs (from glm.json)</h3><div class=\"scroll\"><table><thead><tr><th>file</th><th class=\"num\">size</th><th>SHA-256</th></tr></thead><tbody>");
            foreach (var f in g.Summary.Inputs) FileRow(html, f);
            html.Append("</tbody></table></div>");
        }
        html.Append("<h3>Files this report read</h3><table><thead><tr><th>file</th><th class=\"num\">size</th><th>SHA-256</th></tr></thead><tbody>");
        foreach (var f in data.FilesRead) FileRow(html, f);
        html.Append("</tbody></table>");

        html.Append("<h3>Timings</h3><div class=\"row\">");
        if (data.Glm is { } fit) Timings(html, "ari glm", fit.Summary.Seconds);
        if (data.Tdp is { } inference) Timings(html, "ari tdp", inference.Summary.Seconds);
        if (data.Threshold is { } t) Timings(html, "ari threshold", t.Summary.Seconds);
        Timings(html, "ari report", context.Steps);
        html.Append("</div></section>\n");
    }

    private static void FileRow(StringBuilder html, FileFingerprint f) =>
        html.Append("<tr><td class=\"mono\">").Append(Escape(f.Path)).Append("</td><td class=\"num\">").Append(f.Bytes >= 0 ? Bytes(f.Bytes) : "—")
            .Append("</td><td class=\"hash\" title=\"").Append(Escape(f.Sha256)).Append("\">").Append(Escape(f.Sha256.Length > 16 ? f.Sha256[..16] + "…" : f.Sha256)).Append("</td></tr>");

    private static void Timings(StringBuilder html, string title, IReadOnlyList<(string Step, double Seconds)> steps)
    {
        html.Append("<table><thead><tr><th colspan=\"2\">").Append(Escape(title)).Append("</th></tr></thead><tbody>");
        if (steps.Count == 0) html.Append("<tr><td colspan=\"2\">not recorded</td></tr>");
        foreach (var (step, seconds) in steps)
            html.Append("<tr><td>").Append(Escape(step)).Append("</td><td class=\"num\">").Append(Seconds(seconds)).Append("</td></tr>");
        html.Append("</tbody></table>");
    }
}
