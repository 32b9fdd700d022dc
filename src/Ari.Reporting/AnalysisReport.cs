using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ari.Pipelines.Glm;
using Ari.Pipelines.Tdp;
using Ari.Reporting.Html;
using Ari.Reporting.Model;
using Ari.Reporting.Sections;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting;

/// <summary>
/// One self-contained HTML page of an analysis: a list of sections (summary, model, maps, glass brain, clusters,
/// thresholding, peaks, viewer, TDP clusters, permutations, methods, downloads, provenance), each shown when the
/// results have something for it. Everything is inline: CSS, scripts, figures and volumes.
/// </summary>
public static class AnalysisReport
{
    /// <summary>The sections in page order.</summary>
    private static ReportSection[] Sections() =>
    [
        new SummarySection(), new ModelSection(), new MapsSection(), new GlassBrainSection(), new ClustersSection(), new ThresholdSection(),
        new PeaksSection(), new ViewerSection(), new TdpClustersSection(), new PermuteSection(), new MethodsSection(), new DownloadsSection(),
        new ProvenanceSection(),
    ];

    /// <summary>A report of output folders, read by their schema types.</summary>
    public static ReportResult Build(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var data = ReportInputs.FromFolders(request);
        return Render(data, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A report of results just computed (`ari example`): maps, tables and summaries from memory, nothing re-read from
    /// the folders the jobs wrote (they are linked to). <paramref name="request"/> gives the background, command and
    /// output path; its folders are not used.
    /// </summary>
    public static ReportResult Build(GlmResult glm, TdpResult tdp, ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(glm);
        ArgumentNullException.ThrowIfNull(tdp);
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var data = ReportInputs.FromMemory(glm, tdp, request);
        return Render(data, clock.Elapsed.TotalSeconds);
    }

    private static ReportResult Render(ReportData data, double readSeconds)
    {
        var context = new ReportContext(data);
        context.Steps.Add((data.FromMemory ? "gather" : "read", readSeconds));
        var sections = Sections().Where(s => s.Applies(data)).ToArray();
        var body = new StringBuilder(4 << 20);
        var clock = Stopwatch.StartNew();
        foreach (var section in sections.Where(s => s is not ProvenanceSection))
        {
            section.Write(body, context);
            context.Steps.Add((section.Id, clock.Elapsed.TotalSeconds));
            clock.Restart();
        }
        foreach (var section in sections.OfType<ProvenanceSection>()) section.Write(body, context);

        var html = new StringBuilder(body.Length + context.Trailer.Length + 16384);
        string title = data.Title;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Ari report: ").Append(Escape(title)).Append("</title>\n<style>\n").Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<header><h1>Ari report: ").Append(Escape(title)).Append("</h1><p>")
            .Append(data.Glm is not null ? "Second-level GLM and All-Resolution Inference on cluster true discovery proportions" : "Results of Ari")
            .Append(" · made by Ari ").Append(Escape(AriVersion.Current)).Append(" on ").Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</p></header>\n");
        html.Append("<nav>");
        foreach (var section in sections) html.Append("<a href=\"#").Append(section.Id).Append("\">").Append(Escape(section.Title)).Append("</a>");
        html.Append("</nav>\n<main>\n").Append(body);
        html.Append("</main>\n<footer>Made with Ari ").Append(Escape(AriVersion.Current))
            .Append(". Figures follow nilearn's plot_stat_map and plot_glass_brain; the viewer is NiiVue (BSD-2-Clause).</footer>\n");
        html.Append("<script>\n").Append(ReportScripts.SortableTables).Append("\n</script>\n").Append(context.Trailer);
        html.Append("</body>\n</html>\n");
        return new ReportResult(html.ToString(), context.ClusterRows, context.ViewerIncluded, data.BackgroundNote, context.Steps)
        {
            Sections = sections.Select(s => s.Id).ToArray(),
        };
    }
}
