using System.Text;
using Ari.Pipelines.Glm;
using Ari.Pipelines.Permute;
using Ari.Pipelines.Tdp;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting.Sections;

/// <summary>Links to the maps and tables the report shows, relative to the report's folder.</summary>
internal sealed class DownloadsSection : ReportSection
{
    public override string Id => "downloads";
    public override string Title => "Downloads";
    public override bool Applies(ReportData data) => Files(data).Any();

    public override void Write(StringBuilder html, ReportContext context)
    {
        string? from = context.Data.OutputPath is { } o ? Path.GetDirectoryName(Path.GetFullPath(o)) : null;
        html.Append("<section id=\"downloads\"><h2>Downloads</h2><p>The maps and tables this report shows (links relative to the report's folder):</p><ul>");
        foreach (string file in Files(context.Data).Distinct())
        {
            string href = from is null ? Path.GetFullPath(file) : Path.GetRelativePath(from, Path.GetFullPath(file));
            html.Append("<li><a href=\"").Append(Escape(href.Replace('\\', '/'))).Append("\">").Append(Escape(href)).Append("</a></li>");
        }
        html.Append("</ul></section>\n");
    }

    /// <summary>The result files: named by the folders' schemas, whether the results were read or are in memory.</summary>
    private static IEnumerable<string> Files(ReportData data)
    {
        if (data.Glm is { } glm)
        {
            yield return Path.Combine(glm.Directory, GlmSummary.FileName);
            foreach (var (name, file) in glm.Summary.Outputs)
                if (name is "z_score" or "mask" or "design" or "stat" or "p_value" or "effect_size" or "cohens_d")
                    yield return Path.Combine(glm.Directory, file);
        }
        if (data.Tdp is { } tdp)
        {
            yield return Path.Combine(tdp.Directory, TdpSummary.FileName);
            yield return Path.Combine(tdp.Directory, TdpFolder.ClustersFile);
            yield return Path.Combine(tdp.Directory, TdpFolder.TdpFile);
        }
        if (data.Threshold is { } threshold)
            foreach (string file in threshold.Files) yield return file;
        if (data.Permute is { } permute)
        {
            yield return Path.Combine(permute.Directory, PermuteFolder.SummaryFile);
            yield return Path.Combine(permute.Directory, NullMaximaTable.FileName);
            foreach (string map in permute.Maps) yield return Path.Combine(permute.Directory, PermuteFolder.ImageFile(map));
        }
    }
}
