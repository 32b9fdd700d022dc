namespace Ari.Reporting;

/// <summary>What to report on.</summary>
/// <param name="GlmDirectory">The folder `ari glm --out` wrote.</param>
/// <param name="TdpDirectory">The folder `ari tdp --out` wrote.</param>
/// <param name="BackgroundPath">Anatomy to draw over; null for the MNI template in Ari's data folder, else the mask.</param>
/// <param name="Command">The command line that makes the report, for provenance.</param>
/// <param name="ClustersDirectory">The folder `ari clusters --out` wrote: adds the TDP-clusters section; null for none.</param>
public sealed record ReportRequest(string GlmDirectory, string TdpDirectory, string? BackgroundPath = null, string? Command = null, string? ClustersDirectory = null);

/// <summary>The finished page and a few facts about it.</summary>
/// <param name="Html">The self-contained HTML document.</param>
/// <param name="Clusters">Rows of the cluster table.</param>
/// <param name="ViewerIncluded">Whether the interactive viewer is in the page.</param>
/// <param name="BackgroundNote">Why the figures are not drawn over the template, when they are not.</param>
/// <param name="Seconds">Time per step of making the report.</param>
public sealed record ReportResult(string Html, int Clusters, bool ViewerIncluded, string? BackgroundNote, IReadOnlyList<(string Step, double Seconds)> Seconds);
