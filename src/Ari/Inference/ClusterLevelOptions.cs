using Ari.Imaging;

namespace Ari.Inference;

/// <summary>How <see cref="ClusterLevelInference"/> forms clusters and p-values. The defaults are nilearn's.</summary>
public sealed record ClusterLevelOptions
{
    /// <summary>nilearn's behaviour: connectivity 6, one-sided, p-values from z, thresholds (no regions), Simes with Hommel's h.</summary>
    public static ClusterLevelOptions Default { get; } = new();

    /// <summary>6 (faces; nilearn/scipy's default), 18 (faces and edges) or 26 (faces, edges and corners; FSL and ARIbrain).</summary>
    public int Connectivity { get; init; } = 6;

    /// <summary>
    /// Two-sided: p = 2 Phi(-|z|) and, at each threshold t, clusters of z &gt; t and clusters of z &lt; -t, each with its
    /// own bound. The TDP map is then signed: negative in clusters of negative z.
    /// </summary>
    public bool TwoSided { get; init; }

    /// <summary>
    /// p-values to use instead of those computed from the statistic (which then only forms clusters and peaks);
    /// same grid as the statistic, values in [0, 1]; NaN counts as p = 1.
    /// </summary>
    public Volume<double>? PValues { get; init; }

    /// <summary>
    /// An integer label map (atlas or regions of interest) on the statistic's grid: each non-zero label is a set
    /// of voxels whose bound is reported, and thresholds are not used.
    /// </summary>
    public Volume<double>? Regions { get; init; }

    /// <summary>
    /// A critical vector to use instead of Simes with Hommel's h (a permutation-calibrated template: calibrated Simes,
    /// pARI, Notip); its alpha must be the alpha of the call, and its p-value convention (one- or two-sided) that of
    /// <see cref="TwoSided"/>. Null: parametric ARI.
    /// </summary>
    public CriticalVector? CriticalVector { get; init; }
}
