using Ari.Imaging;
using Ari.Masking;

namespace Ari.Inference;

/// <summary>What <see cref="ClusterLevelInference.Compute(Volume{double}, IReadOnlyList{double}, double, Mask?, ClusterLevelOptions?)"/> returns.</summary>
/// <param name="Tdp">Each voxel's TDP lower bound: that of the cluster of the highest threshold containing it (or of its
/// region), 0 elsewhere; negative in clusters of negative z in two-sided mode. Always in [-1, 1], [0, 1] one-sided.</param>
/// <param name="Clusters">The cluster table.</param>
/// <param name="Mask">The voxels tested (the family of hypotheses).</param>
/// <param name="Bounds">The ARI object of the family, reusable for further sets of voxels (hypothesis n is the
/// mask's n-th voxel in <see cref="Mask.Indices"/>).</param>
/// <param name="Thresholds">The thresholds used, increasing and distinct (empty for regions).</param>
/// <param name="Options">The options used.</param>
public sealed record ClusterLevelResult(
    Volume<double> Tdp,
    ClusterTable Clusters,
    Mask Mask,
    TrueDiscoveryBounds Bounds,
    IReadOnlyList<double> Thresholds,
    ClusterLevelOptions Options)
{
    /// <summary>The error rate of the bounds: with probability at least 1 - alpha every reported bound holds simultaneously.</summary>
    public double Alpha => Bounds.Alpha;
    /// <summary>Hommel's h(alpha) for the family (ARIbrain's <c>hommel</c> value; the critical vector's analogue when one is given).</summary>
    public int HommelValue => Bounds.HommelValue;
    /// <summary>Lower bound of the true discoveries in the whole mask (m - h).</summary>
    public int TrueDiscoveries => Bounds.TotalTrueDiscoveries;
}
