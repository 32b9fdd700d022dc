using System.Text;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting.Sections;

/// <summary>A methods paragraph with citations, as nilearn's reports have: the model, the smoothing, the inference, its reference and alpha.</summary>
internal sealed class MethodsSection : ReportSection
{
    public override string Id => "methods";
    public override string Title => "Methods";
    public override bool Applies(ReportData data) => data.Glm is not null && data.Tdp is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var (glm, tdp) = (context.Data.Glm!, context.Data.Tdp!);
        var s = glm.Summary;
        var t = tdp.Summary;
        string smoothing = s.SmoothingFwhm is { } f ? $"smoothed with a Gaussian kernel of {Number(f, "0.##")} mm FWHM and " : "";
        string thresholds = t.Thresholds.Count > 0 ? string.Join(", ", t.Thresholds.Select(v => Number(v, "0.###"))) : "the given regions";
        html.Append("<section id=\"methods\"><h2>Methods</h2><p class=\"methods\">")
            .Append(Escape($"{glm.Design.Maps.Count} contrast maps were {smoothing}entered into a second-level general linear model (ordinary least squares; design: {s.DesignSource}; "
                + $"contrast {s.ContrastExpression}, {s.ContrastType}-test with {s.Dof} degrees of freedom) within a mask of {Number(s.MaskVoxels, "N0")} voxels, "
                + $"as nilearn's SecondLevelModel computes it (Abraham et al. 2014), with Ari {AriVersion.Current}. The resulting z map was thresholded at z > {thresholds} to form clusters "
                + $"({Number(t.Connectivity, "0")}-connectivity). For every cluster, All-Resolution Inference (Rosenblatt et al. 2018; Goeman & Solari 2011) gave a lower bound on the "
                + $"number and proportion of truly active voxels (true discovery proportion, TDP) by closed testing with Simes local tests (Hommel's h = {Number(t.HommelH, "N0")}); "
                + $"all bounds hold simultaneously with probability at least {Number(1 - t.Alpha, "0.###")} (alpha = {Number(t.Alpha, "0.###")}), "
                + "even though the clusters were chosen from the same data."))
            .Append("</p><ol class=\"methods\"><li>Rosenblatt JD, Finos L, Weeda WD, Solari A, Goeman JJ (2018). All-Resolution Inference for brain imaging. NeuroImage 181:786-796.</li>")
            .Append("<li>Goeman JJ, Solari A (2011). Multiple testing for exploratory research. Statistical Science 26(4):584-597.</li>")
            .Append("<li>Abraham A, Pedregosa F, Eickenberg M, et al. (2014). Machine learning for neuroimaging with scikit-learn. Frontiers in Neuroinformatics 8:14 (nilearn).</li></ol></section>\n");
    }
}
