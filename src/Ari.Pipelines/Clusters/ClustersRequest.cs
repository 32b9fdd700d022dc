namespace Ari.Pipelines.Clusters;

/// <summary>One TDPChange step: the cluster holding the voxel at <paramref name="AtMm"/> changes its TDP by <paramref name="Delta"/>.</summary>
public sealed record ClusterChange(Point3 AtMm, double Delta);

/// <summary>What `ari clusters` is asked to do.</summary>
/// <param name="Stat">A z map: p = Phi(-z) (or two-sided) when <paramref name="PValues"/> is null; else only the peaks' statistic.</param>
/// <param name="PValues">A p-value map (in [0, 1]; NaN counts as 1).</param>
/// <param name="Mask">A mask on the maps' grid; null for the background mask of the statistic map (or of the p-value map).</param>
/// <param name="Gammas">TDP levels in (0, 1].</param>
/// <param name="Alpha">The error rate of the ARI bounds, in (0, 1).</param>
/// <param name="Connectivity">6, 18 or 26 (ARIbrain uses 26).</param>
/// <param name="TwoSided">p = 2 Phi(-|z|); clusters of positive and of negative z.</param>
/// <param name="Changes">TDPChange steps (with a single gamma), applied in order.</param>
/// <param name="OutputDirectory">The output folder (written all-or-nothing).</param>
/// <param name="Command">The command line, recorded in summary.json.</param>
/// <param name="Template">A calibrated template (critical vector) file to use instead of Simes; null: parametric ARI.</param>
public sealed record ClustersRequest(
    string? Stat,
    string? PValues,
    string? Mask,
    IReadOnlyList<double> Gammas,
    double Alpha,
    int Connectivity,
    bool TwoSided,
    IReadOnlyList<ClusterChange> Changes,
    string OutputDirectory,
    string Command,
    string? Template = null);
