using System.Text.Json;
using Ari.IO;
using Ari.Inference;
using Ari.Pipelines.Folders;

namespace Ari.Pipelines.Clusters;

/// <summary>One query of `ari clusters`: a gamma, and the TDPChange step (0 for none) with its voxel and change.</summary>
/// <param name="Gamma">The TDP level.</param>
/// <param name="Step">0 for the query itself, k for the k-th TDPChange step.</param>
/// <param name="AtMm">The step's voxel, or null.</param>
/// <param name="Delta">The step's change of TDP, or null.</param>
/// <param name="Clusters">Clusters found.</param>
public sealed record ClustersQuery(double Gamma, int Step, Point3? AtMm, double? Delta, int Clusters);

/// <summary>
/// summary.json of `ari clusters`: provenance, the family (m, Hommel's h, discoveries), the cluster tree's size and the
/// queries. <see cref="Write"/> writes it and <see cref="Read"/> reads it back (one schema).
/// </summary>
public sealed record ClustersSummary(
    string AriVersion,
    string Command,
    string? Stat,
    string? PValues,
    string? Template,
    string PeakStat,
    string MaskSource,
    int MaskVoxels,
    double Alpha,
    int HommelH,
    int TrueDiscoveries,
    int Connectivity,
    bool TwoSided,
    int SupraThresholdClusters,
    int Admissible,
    int LocalMinima,
    IReadOnlyList<ClustersQuery> Queries,
    IReadOnlyList<(string Step, double Seconds)> Seconds)
{
    /// <summary>The file's name in the folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>The record of a run in memory.</summary>
    internal static ClustersSummary Of(ClustersRequest request, ClustersInputs inputs, AriClusterTree tree,
        IEnumerable<(double Gamma, int Step, int Clusters)> queries, IEnumerable<(string Name, double Seconds)> seconds) =>
        new(Ari.AriVersion.Current, request.Command, request.Stat, request.PValues, request.Template, inputs.StatSource, inputs.MaskSource,
            inputs.Domain.Count, request.Alpha, tree.Bounds.HommelValue, tree.Bounds.TotalTrueDiscoveries, request.Connectivity, request.TwoSided,
            tree.StcCount, tree.AdmissibleCount, tree.LocalMinima().Length,
            queries.Select(q => new ClustersQuery(q.Gamma, q.Step, q.Step > 0 ? request.Changes[q.Step - 1].AtMm : null,
                q.Step > 0 ? request.Changes[q.Step - 1].Delta : null, q.Clusters)).ToArray(),
            seconds.Select(s => (s.Name, Math.Round(s.Seconds, 6))).ToArray());

    /// <summary>Writes summary.json.</summary>
    public void Write(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("ari_version", AriVersion);
        json.WriteString("command", Command);
        json.WriteStringOrNull("stat", Stat);
        json.WriteStringOrNull("pvalues", PValues);
        json.WriteStringOrNull("template", Template);
        json.WriteString("peak_stat", PeakStat);
        json.WriteStartObject("mask");
        json.WriteString("source", MaskSource);
        json.WriteNumber("voxels", MaskVoxels);
        json.WriteEndObject();
        json.WriteNumber("alpha", Alpha);
        json.WriteNumber("m", MaskVoxels);
        json.WriteNumber("hommel_h", HommelH);
        json.WriteNumber("true_discoveries", TrueDiscoveries);
        json.WriteNumber("connectivity", Connectivity);
        json.WriteBoolean("two_sided", TwoSided);
        json.WriteNumber("n_stcs", SupraThresholdClusters);
        json.WriteNumber("n_admissible", Admissible);
        json.WriteNumber("n_local_minima", LocalMinima);
        json.WriteStartArray("gammas");
        foreach (var query in Queries.Where(q => q.Step == 0)) json.WriteNumberValue(query.Gamma);
        json.WriteEndArray();
        json.WriteStartArray("results");
        foreach (var query in Queries)
        {
            json.WriteStartObject();
            json.WriteNumber("gamma", query.Gamma);
            json.WriteNumber("step", query.Step);
            if (query.Step > 0)
            {
                var at = query.AtMm ?? new Point3(double.NaN, double.NaN, double.NaN);
                json.WriteStartArray("at_mm");
                json.WriteNumberValue(at.X); json.WriteNumberValue(at.Y); json.WriteNumberValue(at.Z);
                json.WriteEndArray();
                json.WriteNumber("delta", query.Delta ?? 0);
            }
            json.WriteNumber("n_clusters", query.Clusters);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteSeconds(Seconds);
        json.WriteEndObject();
    }

    /// <summary>Reads summary.json; errors name the file and <paramref name="option"/>.</summary>
    public static ClustersSummary Read(string path, string option)
    {
        using var document = FolderFiles.ReadJson(path, option);
        var root = document.RootElement;
        var queries = FolderFiles.Get(root, "results") is { ValueKind: JsonValueKind.Array } results
            ? results.EnumerateArray().Select(r =>
            {
                var at = FolderFiles.Numbers(r, "at_mm");
                return new ClustersQuery(FolderFiles.Number(r, "gamma") ?? double.NaN, (int)(FolderFiles.Number(r, "step") ?? 0),
                    at.Length == 3 ? new Point3(at[0], at[1], at[2]) : null, FolderFiles.Number(r, "delta"), (int)(FolderFiles.Number(r, "n_clusters") ?? 0));
            }).ToArray()
            : [];
        int Int(string name) => (int)(FolderFiles.Number(root, name) ?? 0);
        return new ClustersSummary(FolderFiles.String(root, "ari_version") ?? "", FolderFiles.String(root, "command") ?? "",
            FolderFiles.String(root, "stat"), FolderFiles.String(root, "pvalues"), FolderFiles.String(root, "template"),
            FolderFiles.String(root, "peak_stat") ?? "", FolderFiles.String(root, "mask", "source") ?? "", Int("m"),
            FolderFiles.Number(root, "alpha") ?? throw new AriException($"{path}: no valid 'alpha' ({option})"),
            Int("hommel_h"), Int("true_discoveries"), Int("connectivity"), FolderFiles.Boolean(root, "two_sided") ?? false,
            Int("n_stcs"), Int("n_admissible"), Int("n_local_minima"), queries, FolderFiles.Seconds(root));
    }

}

/// <summary>
/// The folder `ari clusters --out DIR` writes, read back: summary.json (<see cref="ClustersSummary"/>),
/// tdp_clusters.tsv (<see cref="TdpClustersTable"/>) and cluster_tree.bin (<see cref="ClusterTreeFile"/>).
/// </summary>
public sealed record ClustersFolder(string Directory, ClustersSummary Summary, TdpClustersTable Table, ClusterTreeFile Tree)
{
    /// <summary>Reads a folder `ari clusters` wrote; errors name the missing file and <paramref name="option"/>.</summary>
    public static ClustersFolder Read(string directory, string option = "--clusters")
    {
        string tablePath = Path.Combine(directory, TdpClustersTable.FileName);
        string treePath = Path.Combine(directory, ClusterTreeFile.FileName);
        string summaryPath = Path.Combine(directory, ClustersSummary.FileName);
        foreach (var path in new[] { tablePath, treePath, summaryPath })
            if (!File.Exists(path))
                throw new AriException($"{option}: {directory} has no {Path.GetFileName(path)}; give a folder `ari clusters --out` wrote");
        return new ClustersFolder(directory, ClustersSummary.Read(summaryPath, option), TdpClustersTable.Read(tablePath), ClusterTreeFile.Read(treePath));
    }
}
