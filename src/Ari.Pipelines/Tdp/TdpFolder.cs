using Ari.Inference;
using Ari.Nifti;
using Ari.Pipelines.Folders;

namespace Ari.Pipelines.Tdp;

/// <summary>
/// The folder `ari tdp --out DIR` writes, read back: summary.json (<see cref="TdpSummary"/>), clusters.tsv (the rows of
/// <see cref="ClusterTable"/>, which writes it) and the path of tdp.nii.gz. <see cref="TdpJob"/> writes it.
/// </summary>
/// <param name="Directory">The folder.</param>
/// <param name="Summary">summary.json.</param>
/// <param name="Clusters">clusters.tsv's rows (centres of mass in voxels are not stored: NaN).</param>
/// <param name="TdpPath">The TDP map.</param>
public sealed record TdpFolder(string Directory, TdpSummary Summary, IReadOnlyList<Cluster> Clusters, string TdpPath)
{
    /// <summary>The cluster table's file name.</summary>
    public const string ClustersFile = "clusters.tsv";

    /// <summary>The TDP map's file name.</summary>
    public const string TdpFile = "tdp.nii.gz";

    /// <summary>The files this reader uses (for provenance).</summary>
    public IEnumerable<string> Files => [Path.Combine(Directory, TdpSummary.FileName), Path.Combine(Directory, ClustersFile), TdpPath];

    /// <summary>Reads a folder `ari tdp` wrote; errors name the file and <paramref name="option"/>.</summary>
    public static TdpFolder Read(string directory, string option = "--tdp")
    {
        FolderFiles.RequireFolder(directory, option);
        var summary = TdpSummary.Read(Path.Combine(directory, TdpSummary.FileName), option);
        var table = FolderFiles.ReadTsv(Path.Combine(directory, ClustersFile), option, "cluster_id", "size", "tdp");
        int Col(string name) => Array.IndexOf(table.Columns, name);
        int id = Col("cluster_id"), threshold = Col("threshold"), size = Col("size"), td = Col("true_discoveries"), tdp = Col("tdp"), peak = Col("peak_stat");
        int[] mm = [Col("peak_x"), Col("peak_y"), Col("peak_z")], voxel = [Col("peak_i"), Col("peak_j"), Col("peak_k")], com = [Col("com_x"), Col("com_y"), Col("com_z")];
        double Cell(string[] row, int column) => column < 0 ? double.NaN : table.Number(row, column);
        var clusters = table.Rows.Select(row =>
        {
            double t = Cell(row, threshold);
            return new Cluster((int)Cell(row, id), double.IsNaN(t) ? null : t, (int)Cell(row, size), (int)Math.Max(0, NaNTo(Cell(row, td), 0)), Cell(row, tdp),
                Cell(row, peak), ((int)NaNTo(Cell(row, voxel[0]), -1), (int)NaNTo(Cell(row, voxel[1]), -1), (int)NaNTo(Cell(row, voxel[2]), -1)),
                new Point3(Cell(row, mm[0]), Cell(row, mm[1]), Cell(row, mm[2])), new Point3(double.NaN, double.NaN, double.NaN),
                new Point3(Cell(row, com[0]), Cell(row, com[1]), Cell(row, com[2])));
        }).ToArray();
        string tdpPath = Path.Combine(directory, TdpFile);
        FolderFiles.RequireFile(tdpPath, option);
        return new TdpFolder(directory, summary, clusters, tdpPath);
    }

    /// <summary>The clusters as a table on <paramref name="grid"/> (for its mm³ column).</summary>
    public ClusterTable Table(ImageGrid grid) => new(Clusters, VoxelVolume.Of(grid));

    /// <summary>The TDP map.</summary>
    public Volume<double> ReadTdp()
    {
        try { return NiftiFile.Read(TdpPath); }
        catch (AriException e) { throw new AriException($"{e.Message} (--tdp)", e); }
    }

    private static double NaNTo(double value, double fallback) => double.IsNaN(value) ? fallback : value;
}
