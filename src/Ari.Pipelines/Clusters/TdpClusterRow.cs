namespace Ari.Pipelines.Clusters;

/// <summary>
/// One row of tdp_clusters.tsv: a cluster (or the rest of the mask, <see cref="ClusterId"/> null) at one gamma and step.
/// </summary>
/// <param name="Step">0 for the query's clusters; k after the k-th TDPChange.</param>
/// <param name="ClusterId">1..n, largest first; null for the rest of the mask.</param>
/// <param name="TrueNullsUpper">Size - TrueDiscoveries: an upper bound of the inactive voxels.</param>
/// <param name="SizeMm3">The size in mm³ as nilearn reports cluster sizes: int(voxels x voxel volume).</param>
/// <param name="PeakStat">The largest statistic (largest |statistic| two-sided); the first in the cluster's order on ties.</param>
public sealed record TdpClusterRow(
    double Gamma,
    int Step,
    int? ClusterId,
    int Size,
    int TrueDiscoveries,
    int TrueNullsUpper,
    double Tdp,
    double PeakStat,
    Point3 PeakMm,
    (int I, int J, int K) PeakVoxel,
    Point3 CentreOfMassMm,
    long SizeMm3 = 0);
