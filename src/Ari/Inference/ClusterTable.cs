using System.Globalization;
using System.Text;

namespace Ari.Inference;

/// <summary>
/// The clusters of a cluster-level inference, one row per cluster per threshold: thresholds in increasing
/// order, and within a threshold by cluster id (positive clusters first in two-sided mode); regions by label.
/// Written as clusters.tsv.
/// </summary>
/// <param name="clusters">The rows, in table order.</param>
/// <param name="voxelVolumeMm3">One voxel's volume (<see cref="VoxelVolume.Of"/>), for the size_mm3 column.</param>
public sealed class ClusterTable(IReadOnlyList<Cluster> clusters, double voxelVolumeMm3 = double.NaN)
{
    /// <summary>
    /// The clusters.tsv header: id, threshold, size in voxels and mm³, true-discovery lower bound, TDP, peak statistic,
    /// peak in mm (x, y, z) and as 0-based voxel indices (i, j, k), centre of mass in mm.
    /// </summary>
    public static readonly string[] Columns =
    [
        "cluster_id", "threshold", "size", "size_mm3", "true_discoveries", "tdp", "peak_stat",
        "peak_x", "peak_y", "peak_z", "peak_i", "peak_j", "peak_k", "com_x", "com_y", "com_z",
    ];

    /// <summary>The rows, in table order.</summary>
    public IReadOnlyList<Cluster> Clusters { get; } = clusters;

    /// <summary>The number of rows.</summary>
    public int Count => Clusters.Count;

    /// <summary>One voxel's volume in mm³ (NaN when unknown).</summary>
    public double VoxelVolumeMm3 { get; } = voxelVolumeMm3;

    /// <summary>A cluster's size in mm³ as nilearn reports it: int(voxels x voxel volume); null when the voxel volume is unknown.</summary>
    public long? SizeMm3(Cluster cluster) => double.IsFinite(VoxelVolumeMm3) ? (long)Math.Truncate(cluster.Size * VoxelVolumeMm3) : null;

    /// <summary>The clusters by decreasing size (ties: table order), for display.</summary>
    public IEnumerable<Cluster> LargestFirst() =>
        Clusters.Select((c, n) => (c, n)).OrderByDescending(x => x.c.Size).ThenBy(x => x.n).Select(x => x.c);

    /// <summary>Tab-separated, a header row, numbers in invariant culture with round-trip precision, "n/a" for no threshold.</summary>
    public void WriteTsv(Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(string.Join('\t', Columns));
        foreach (var c in Clusters)
        {
            writer.WriteLine(string.Join('\t',
                Number(c.Id), c.Threshold is { } t ? Number(t) : "n/a", Number(c.Size), SizeMm3(c) is { } mm3 ? mm3.ToString(CultureInfo.InvariantCulture) : "n/a", Number(c.TrueDiscoveries), Number(c.Tdp), Number(c.PeakStat),
                Number(c.PeakMm.X), Number(c.PeakMm.Y), Number(c.PeakMm.Z),
                Number(c.PeakVoxel.I), Number(c.PeakVoxel.J), Number(c.PeakVoxel.K),
                Number(c.CentreOfMassMm.X), Number(c.CentreOfMassMm.Y), Number(c.CentreOfMassMm.Z)));
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
