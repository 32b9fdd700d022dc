using Ari.Imaging;

namespace Ari.Inference;

/// <summary>
/// One cluster (or region) and what ARI says about it: at least <see cref="TrueDiscoveries"/> of its
/// <see cref="Size"/> voxels are truly active, simultaneously for all clusters at level alpha.
/// </summary>
/// <param name="Id">Cluster number at its threshold (scipy.ndimage.label's numbering; negative clusters follow the
/// positive ones), or the label value for a region.</param>
/// <param name="Threshold">The cluster-forming threshold: z &gt; t, or z &lt; t when negative (two-sided);
/// null for a region of a label map.</param>
/// <param name="Size">Voxels in the cluster (inside the mask).</param>
/// <param name="TrueDiscoveries">Lower bound of the truly active voxels (an integer in [0, Size]).</param>
/// <param name="Tdp">TrueDiscoveries / Size: lower bound of the true discovery proportion.</param>
/// <param name="PeakStat">The statistic at the peak: the largest z (the smallest for a negative cluster; the largest |z|
/// for a region in two-sided mode); the first such voxel in scan order on ties.</param>
/// <param name="PeakVoxel">The peak's voxel indices (i, j, k).</param>
/// <param name="PeakMm">The peak in millimetres (the grid's affine).</param>
/// <param name="CentreOfMassVoxel">The mean voxel index of the cluster's voxels (unweighted).</param>
/// <param name="CentreOfMassMm">The same in millimetres.</param>
public sealed record Cluster(
    int Id,
    double? Threshold,
    int Size,
    int TrueDiscoveries,
    double Tdp,
    double PeakStat,
    (int I, int J, int K) PeakVoxel,
    Point3 PeakMm,
    Point3 CentreOfMassVoxel,
    Point3 CentreOfMassMm);
