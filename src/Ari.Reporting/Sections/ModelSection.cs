using System.Text;
using Ari.Plotting.DesignMatrices;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;
using static Ari.Reporting.Sections.FigureHtml;

namespace Ari.Reporting.Sections;

/// <summary>The design matrix (picture and table), the contrast and the parameters of the fit and of the inference.</summary>
internal sealed class ModelSection : ReportSection
{
    public override string Id => "model";
    public override string Title => "Model";
    public override bool Applies(ReportData data) => data.Glm is not null && data.Tdp is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var (glm, tdp) = (context.Data.Glm!, context.Data.Tdp!);
        var s = glm.Summary;
        var design = glm.Design;
        string designSvg = DesignMatrixPlot.ToSvg([.. design.Columns], [.. design.Rows]);
        html.Append("<section id=\"model\"><h2>Model</h2><div class=\"row\">");
        html.Append("<div class=\"design\"><h3>Design matrix</h3>").Append(StripXmlDeclaration(designSvg)).Append("</div>");
        html.Append("<div><h3>Design table</h3><div class=\"scroll\"><table><thead><tr><th class=\"num\">#</th><th>map</th>");
        foreach (string c in design.Columns) html.Append("<th class=\"num\">").Append(Escape(c)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (int r = 0; r < design.Rows.Count; r++)
        {
            html.Append("<tr><td class=\"num\">").Append(r).Append("</td><td title=\"").Append(Escape(design.Maps[r])).Append("\">").Append(Escape(Path.GetFileName(design.Maps[r]))).Append("</td>");
            foreach (double v in design.Rows[r]) html.Append("<td class=\"num\">").Append(Number(v, "G6")).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div></div>");

        html.Append("<div><h3>Contrast and parameters</h3><table class=\"kv\">");
        Row(html, "contrast", s.ContrastExpression);
        Row(html, "statistic", s.ContrastType + "-test");
        Row(html, "contrast matrix", "[" + string.Join(",", s.ContrastMatrix.Select(r => "[" + string.Join(",", r.Select(v => Number(v, "R"))) + "]")) + "]");
        Row(html, "design", s.DesignSource);
        Row(html, "smoothing FWHM", s.SmoothingFwhm is { } f ? Number(f, "0.##") + " mm" : "none");
        Row(html, "degrees of freedom", Number(s.Dof, "0"));
        Row(html, "mask", $"{s.MaskSource} ({Number(s.MaskVoxels, "N0")} voxels)");
        var (x, y, z) = s.Grid.VoxelSizes;
        Row(html, "grid", $"{s.Grid.Nx} x {s.Grid.Ny} x {s.Grid.Nz} voxels of {Number(x, "0.##")} x {Number(y, "0.##")} x {Number(z, "0.##")} mm");
        Row(html, "cluster-forming thresholds", tdp.Summary.Thresholds.Count > 0 ? string.Join(", ", tdp.Summary.Thresholds.Select(v => Number(v, "0.###"))) : "—");
        Row(html, "alpha", Number(tdp.Summary.Alpha, "G6"));
        Row(html, "two-sided", tdp.Summary.TwoSided ? "yes" : "no");
        Row(html, "connectivity", tdp.Summary.Connectivity is { } connectivity ? Number(connectivity, "0") : "—");
        Row(html, "Hommel h", Number(tdp.Summary.HommelH, "N0"));
        foreach (string note in s.Notes) Row(html, "note", note);
        html.Append("</table></div></div></section>\n");
    }

    private static string StripXmlDeclaration(string svg)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
