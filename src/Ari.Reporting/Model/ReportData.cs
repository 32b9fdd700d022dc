using Ari.Glm;
using Ari.Inference;
using Ari.IO;
using Ari.Pipelines.Glm;
using Ari.Pipelines.Permute;
using Ari.Pipelines.Tdp;
using Ari.Pipelines.Threshold;
using Ari.Plotting.Backgrounds;

namespace Ari.Reporting.Model;

/// <summary>A second-level fit as the report shows it (from glm.json and design.tsv, or from memory).</summary>
/// <param name="Directory">The folder the fit was written to (for download links).</param>
internal sealed record GlmPart(GlmSummary Summary, DesignRows Design, Volume<double> Z, Volume<double>? Mask, string Directory);

/// <summary>A cluster-level inference as the report shows it (from summary.json and clusters.tsv, or from memory).</summary>
internal sealed record TdpPart(TdpSummary Summary, ClusterTable Clusters, Volume<double> Tdp, string Directory);

/// <summary>Everything a report shows, gathered once: by <see cref="ReportInputs"/> from output folders or from results in memory.</summary>
/// <param name="Glm">The fit, or null (a page of other folders only).</param>
/// <param name="Tdp">The inference (with <paramref name="Glm"/>), or null.</param>
/// <param name="Threshold">An `ari threshold` folder, or null.</param>
/// <param name="Permute">An `ari permute` folder, or null.</param>
/// <param name="ClustersDirectory">An `ari clusters` folder, or null.</param>
/// <param name="Background">What the figures are drawn over.</param>
/// <param name="BackgroundNote">Why that is not the MNI template, when it is not.</param>
/// <param name="Command">The report's command line, or null.</param>
/// <param name="OutputPath">Where the page goes (links are relative to its folder), or null.</param>
/// <param name="FilesRead">The files the report read, with sizes and SHA-256 (none when built from memory).</param>
/// <param name="FromMemory">Whether the results came from memory rather than from their folders.</param>
internal sealed record ReportData(
    GlmPart? Glm,
    TdpPart? Tdp,
    ThresholdFolder? Threshold,
    PermuteFolder? Permute,
    string? ClustersDirectory,
    BackgroundImage Background,
    string? BackgroundNote,
    string? Command,
    string? OutputPath,
    IReadOnlyList<FileFingerprint> FilesRead,
    bool FromMemory)
{
    /// <summary>The z threshold the figures and viewer use: the lowest cluster-forming threshold (z &gt; 3.09, p &lt; 0.001, without one).</summary>
    public double ClusterThreshold => Tdp?.Summary.Thresholds is { Count: > 0 } t ? t.Min() : 3.090232306167813;

    /// <summary>The page's title.</summary>
    public string Title => Glm?.Summary.ContrastExpression
        ?? (Permute is not null ? "permutation inference" : Threshold is not null ? "thresholding" : ClustersDirectory is not null ? "TDP clusters" : "analysis");
}
