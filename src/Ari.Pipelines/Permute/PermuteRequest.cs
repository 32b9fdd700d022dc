using Ari.Permutation;

namespace Ari.Pipelines.Permute;

/// <summary>What `ari permute` was asked to do.</summary>
/// <param name="Maps">Map paths (expanded); null or empty when the design table lists them.</param>
/// <param name="DesignPath">Design table; null for the one-sample test.</param>
/// <param name="Contrast">A single t contrast; null for the design's only column.</param>
/// <param name="SmoothingFwhm">FWHM in mm; null for none.</param>
/// <param name="MaskPath">Mask image; null for the background mask of the mean map.</param>
/// <param name="Permutations">Requested number of permutations, the identity included (--n-perm).</param>
/// <param name="Seed">Seed of the random assignments.</param>
/// <param name="TwoSided">Test |t| (nilearn's two_sided_test).</param>
/// <param name="ClusterThresholdP">Cluster-forming threshold as an uncorrected p-value (nilearn's threshold).</param>
/// <param name="ClusterThresholdZ">Cluster-forming threshold as a z value (converted to its p, then to t).</param>
/// <param name="Tfce">TFCE mode; null for none.</param>
/// <param name="FlipsPath">An explicit table of assignments instead of drawn ones.</param>
/// <param name="Shard">Compute only shard K of N (1-based) and write a shard folder.</param>
/// <param name="OutputDirectory">Output folder.</param>
/// <param name="Command">The command line, for provenance.</param>
public sealed record PermuteRequest(
    IReadOnlyList<string>? Maps,
    string? DesignPath,
    string? Contrast,
    double? SmoothingFwhm,
    string? MaskPath,
    int Permutations,
    ulong Seed,
    bool TwoSided,
    double? ClusterThresholdP,
    double? ClusterThresholdZ,
    TfceMode? Tfce,
    string? FlipsPath,
    (int Index, int Count)? Shard,
    string OutputDirectory,
    string Command);
