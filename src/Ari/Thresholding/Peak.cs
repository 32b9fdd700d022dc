namespace Ari.Thresholding;

/// <summary>
/// One row of a peak table (nilearn's get_clusters_table): a cluster's peak, or one of its sub-peaks.
/// </summary>
/// <param name="ClusterId">"1", "2", ... for a cluster's peak; "1a", "1b", "1c" for its sub-peaks. In two-sided mode the
/// negative clusters are numbered from 1 again after the positive ones (as nilearn does).</param>
/// <param name="Cluster">The cluster number (1-based, within its sign).</param>
/// <param name="Sign">+1 for a cluster of high values, -1 for one of low values (two-sided).</param>
/// <param name="Voxel">The voxel (i, j, k).</param>
/// <param name="Mm">Its position in millimetres.</param>
/// <param name="PeakStat">The statistic there (negative for a negative cluster).</param>
/// <param name="ClusterVoxels">The cluster's size in voxels (on every row of the cluster).</param>
/// <param name="ClusterSizeMm3">The cluster's volume, int(voxels x voxel volume) as nilearn; null on sub-peak rows.</param>
public sealed record Peak(
    string ClusterId,
    int Cluster,
    int Sign,
    (int I, int J, int K) Voxel,
    Point3 Mm,
    double PeakStat,
    int ClusterVoxels,
    long? ClusterSizeMm3)
{
    /// <summary>True on a sub-peak row ("1a", "1b", ...), which has no cluster size.</summary>
    public bool IsSubPeak => ClusterSizeMm3 is null;
}
