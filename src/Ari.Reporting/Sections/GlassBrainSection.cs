using System.Text;
using Ari.Reporting.Model;

namespace Ari.Reporting.Sections;

/// <summary>Glass brains of the z and TDP maps (nilearn's plot_glass_brain, left / coronal / right / axial projections).</summary>
internal sealed class GlassBrainSection : ReportSection
{
    public override string Id => "glass-brain";
    public override string Title => "Glass brain";
    public override bool Applies(ReportData data) => data.Glm is not null && data.Tdp is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var (z, tdp) = ReportFigures.GlassBrains(context.Data);
        html.Append("<section id=\"glass-brain\"><h2>Glass brain</h2><p>Every supra-threshold voxel at once: each view shows, along each line of sight through the brain, the most extreme value (the left and right views one hemisphere each). The brain outline is the MNI template's brain mask projected the same way.</p>");
        FigureHtml.Append(html, z);
        FigureHtml.Append(html, tdp);
        html.Append("</section>\n");
    }
}
