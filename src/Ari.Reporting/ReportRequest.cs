namespace Ari.Reporting;

/// <summary>What to report on: the output folders of Ari's commands (any of them; --glm and --tdp go together).</summary>
/// <param name="GlmDirectory">The folder `ari glm --out` wrote, or null.</param>
/// <param name="TdpDirectory">The folder `ari tdp --out` wrote (with <paramref name="GlmDirectory"/>), or null.</param>
/// <param name="BackgroundPath">Anatomy to draw over; null for the analysis mask.</param>
/// <param name="Command">The command line that makes the report, for provenance.</param>
/// <param name="ClustersDirectory">The folder `ari clusters --out` wrote: adds the TDP-clusters section; null for none.</param>
/// <param name="OutputPath">Where the page will be written (download links are relative to its folder); null for absolute links.</param>
/// <param name="ThresholdDirectory">The folder `ari threshold --out` wrote: its thresholding and peak table; null for the report's default.</param>
/// <param name="PermuteDirectory">The folder `ari permute --out` wrote: FWE maps and null distributions; null for none.</param>
public sealed record ReportRequest(string? GlmDirectory, string? TdpDirectory, string? BackgroundPath = null, string? Command = null,
    string? ClustersDirectory = null, string? OutputPath = null, string? ThresholdDirectory = null, string? PermuteDirectory = null);

/// <summary>The finished page and a few facts about it.</summary>
/// <param name="Html">The self-contained HTML document.</param>
/// <param name="Clusters">Rows of the cluster table.</param>
/// <param name="ViewerIncluded">Whether the interactive viewer is in the page.</param>
/// <param name="BackgroundNote">Why the figures are not drawn over the template, when they are not.</param>
/// <param name="Seconds">Time per step of making the report.</param>
public sealed record ReportResult(string Html, int Clusters, bool ViewerIncluded, string? BackgroundNote, IReadOnlyList<(string Step, double Seconds)> Seconds)
{
    /// <summary>The ids of the page's sections, in order.</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];
}
