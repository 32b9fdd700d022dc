using System.Text;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting.Sections;

/// <summary>The z and TDP figures (rows of axial cuts, as nilearn's example draws them).</summary>
internal sealed class MapsSection : ReportSection
{
    public override string Id => "maps";
    public override string Title => "Maps";
    public override bool Applies(ReportData data) => data.Glm is not null && data.Tdp is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var (z, tdp) = ReportFigures.Maps(context.Data, context.Cuts);
        html.Append("<section id=\"maps\"><h2>Maps</h2>");
        if (context.Data.BackgroundNote is { } note) html.Append("<p class=\"note\">").Append(Escape(note)).Append("</p>");
        FigureHtml.Append(html, z);
        FigureHtml.Append(html, tdp);
        html.Append("</section>\n");
    }
}
