using System.Globalization;
using System.Text;
using System.Text.Json;
using Ari.IO;
using Ari.Nifti;
using Ari.Pipelines.Folders;
using Ari.Thresholding;

namespace Ari.Pipelines.Threshold;

/// <summary>The settings and outcome of `ari threshold`, as threshold.json holds them.</summary>
/// <param name="AriVersion">The Ari version that wrote the folder.</param>
/// <param name="Command">The command line.</param>
/// <param name="Stat">The statistic map's path, as given.</param>
/// <param name="MaskSource">The mask's path, or <see cref="BackgroundSource"/>.</param>
/// <param name="MaskVoxels">Voxels in the mask (given or background): the count fdr and bonferroni correct over.</param>
/// <param name="HeightControl">How the threshold was chosen.</param>
/// <param name="Alpha">The error rate asked for (before halving for two-sided).</param>
/// <param name="TwoSided">True when |z| was thresholded and negative clusters kept.</param>
/// <param name="ClusterExtent">Minimum cluster size in voxels (0: none).</param>
/// <param name="Threshold">The voxel-level threshold used (+infinity when FDR finds nothing; written as null).</param>
/// <param name="VoxelsAbove">Non-zero voxels of the thresholded map.</param>
/// <param name="Clusters">Clusters in the peak table (rows that are not sub-peaks).</param>
/// <param name="MinDistance">Minimum distance in mm between a cluster's peaks in the table.</param>
/// <param name="Seconds">Seconds per step ("read", "threshold" when written by the job).</param>
public sealed record ThresholdSummary(
    string AriVersion,
    string Command,
    string Stat,
    string MaskSource,
    int MaskVoxels,
    HeightControl HeightControl,
    double Alpha,
    bool TwoSided,
    int ClusterExtent,
    double Threshold,
    int VoxelsAbove,
    int Clusters,
    double MinDistance,
    IReadOnlyList<(string Step, double Seconds)> Seconds)
{
    /// <see cref="ThresholdSummary.MaskSource"/> when no mask was given: the background mask of the statistic map was used.
    public const string BackgroundSource = "background of the statistic map";
}

/// <summary>
/// What `ari threshold --out DIR` writes and how it is read back (one type for both): thresholded.nii.gz,
/// threshold.json and peaks.tsv (cluster_id, x, y, z in mm, peak_stat, cluster_size_mm3 — empty on sub-peak rows).
/// </summary>
/// <param name="Directory">The folder.</param>
/// <param name="Summary">threshold.json's contents.</param>
/// <param name="Peaks">peaks.tsv's rows, in <see cref="PeakTable.Compute"/>'s order (each cluster's peak, then its sub-peaks).</param>
public sealed record ThresholdFolder(string Directory, ThresholdSummary Summary, IReadOnlyList<Peak> Peaks)
{
    /// <summary>File name of the thresholded map (float64; 0 below the threshold and in removed clusters).</summary>
    public const string MapFile = "thresholded.nii.gz";
    /// <summary>File name of the JSON summary (<see cref="ThresholdSummary"/>).</summary>
    public const string SummaryFile = "threshold.json";
    /// <summary>File name of the peak table.</summary>
    public const string PeaksFile = "peaks.tsv";
    /// <summary>peaks.tsv's header: cluster_id, x, y, z (mm), peak_stat, cluster_size_mm3.</summary>
    public static readonly string[] PeakColumns = ["cluster_id", "x", "y", "z", "peak_stat", "cluster_size_mm3"];

    /// <summary>The thresholded map's full path in <see cref="Directory"/>.</summary>
    public string MapPath => Path.Combine(Directory, MapFile);
    /// <summary>The three files of the folder: threshold.json, peaks.tsv, thresholded.nii.gz.</summary>
    public IEnumerable<string> Files => [Path.Combine(Directory, SummaryFile), Path.Combine(Directory, PeaksFile), MapPath];

    /// <summary>Writes the three files into <paramref name="outputs"/> (committed by the caller).</summary>
    /// <param name="outputs">The job's output set.</param>
    /// <param name="thresholded">The thresholded map.</param>
    /// <param name="peaks">The peak table's rows.</param>
    /// <param name="summary">The settings and outcome for threshold.json.</param>
    public static void Write(OutputSet outputs, Volume<double> thresholded, IReadOnlyList<Peak> peaks, ThresholdSummary summary)
    {
        NiftiWriter.Write(outputs, MapFile, thresholded, new NiftiWriteOptions { Descrip = $"ari threshold: {summary.HeightControl.Name()} {summary.Alpha.ToString(CultureInfo.InvariantCulture)}" });
        outputs.WriteAllText(PeaksFile, PeaksTsv(peaks));
        outputs.Write(SummaryFile, stream => WriteJson(stream, summary));
    }

    /// <summary>peaks.tsv's text: <see cref="PeakColumns"/> then one tab-separated row per peak (numbers round-trip; cluster_size_mm3 empty on sub-peak rows).</summary>
    public static string PeaksTsv(IReadOnlyList<Peak> peaks)
    {
        var text = new StringBuilder();
        text.Append(string.Join('\t', PeakColumns)).Append('\n');
        foreach (var p in peaks)
            text.Append(p.ClusterId).Append('\t').Append(Number(p.Mm.X)).Append('\t').Append(Number(p.Mm.Y)).Append('\t').Append(Number(p.Mm.Z))
                .Append('\t').Append(Number(p.PeakStat)).Append('\t')
                .Append(p.ClusterSizeMm3 is { } s ? s.ToString(CultureInfo.InvariantCulture) : "").Append('\n');
        return text.ToString();
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteJson(Stream stream, ThresholdSummary s)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("ari_version", s.AriVersion);
        json.WriteString("command", s.Command);
        json.WriteString("stat", s.Stat);
        json.WriteStartObject("mask");
        json.WriteString("source", s.MaskSource);
        json.WriteNumber("voxels", s.MaskVoxels);
        json.WriteEndObject();
        json.WriteString("height_control", s.HeightControl.Name());
        json.WriteNumber("alpha", s.Alpha);
        json.WriteBoolean("two_sided", s.TwoSided);
        json.WriteNumber("cluster_extent", s.ClusterExtent);
        if (double.IsFinite(s.Threshold)) json.WriteNumber("threshold", s.Threshold);
        else json.WriteNull("threshold");
        json.WriteNumber("voxels_above", s.VoxelsAbove);
        json.WriteNumber("clusters", s.Clusters);
        json.WriteNumber("min_distance_mm", s.MinDistance);
        json.WriteSeconds(s.Seconds);
        json.WriteEndObject();
    }

    /// <summary>Reads a folder `ari threshold` wrote; errors name <paramref name="option"/> and the file.</summary>
    public static ThresholdFolder Read(string directory, string option = "--threshold-dir")
    {
        FolderFiles.RequireFolder(directory, option);
        using var document = FolderFiles.ReadJson(Path.Combine(directory, SummaryFile), option);
        var root = document.RootElement;
        var control = HeightControlNames.Parse(FolderFiles.String(root, "height_control") ?? "")
            ?? throw new AriException($"{Path.Combine(directory, SummaryFile)}: no valid 'height_control' ({option})");
        var seconds = FolderFiles.Seconds(root);
        var summary = new ThresholdSummary(
            FolderFiles.String(root, "ari_version") ?? "", FolderFiles.String(root, "command") ?? "", FolderFiles.String(root, "stat") ?? "",
            FolderFiles.String(root, "mask", "source") ?? "", (int)(FolderFiles.Number(root, "mask", "voxels") ?? 0),
            control, FolderFiles.Number(root, "alpha") ?? double.NaN, FolderFiles.Boolean(root, "two_sided") ?? false,
            (int)(FolderFiles.Number(root, "cluster_extent") ?? 0), FolderFiles.Number(root, "threshold") ?? double.PositiveInfinity,
            (int)(FolderFiles.Number(root, "voxels_above") ?? 0), (int)(FolderFiles.Number(root, "clusters") ?? 0),
            FolderFiles.Number(root, "min_distance_mm") ?? 8, seconds);
        var table = FolderFiles.ReadTsv(Path.Combine(directory, PeaksFile), option, PeakColumns);
        var peaks = new List<Peak>();
        int cluster = 0, sign = 1;
        double lastStat = 0;
        foreach (var row in table.Rows)
        {
            string id = row[0];
            double x = table.Number(row, 1), y = table.Number(row, 2), z = table.Number(row, 3), stat = table.Number(row, 4);
            long? mm3 = row[5].Length == 0 ? null : (long)table.Number(row, 5);
            if (mm3 is not null)
            {
                int number = int.Parse(id, CultureInfo.InvariantCulture);
                if (number <= cluster || (lastStat > 0 && stat < 0)) sign = stat < 0 ? -1 : 1;
                cluster = number;
            }
            lastStat = stat;
            peaks.Add(new Peak(id, cluster, sign, (-1, -1, -1), new Point3(x, y, z), stat, 0, mm3));
        }
        return new ThresholdFolder(directory, summary, peaks);
    }
}
