using System.Text.Json;
using Ari.IO;
using Ari.Inference;
using Ari.Pipelines.Folders;

namespace Ari.Pipelines.Tdp;

/// <summary>
/// summary.json of `ari tdp`: provenance, the family (mask size, Hommel's h, discoveries in the whole mask) and the
/// settings. <see cref="Write"/> writes it (Utf8JsonWriter, NativeAOT-safe) and <see cref="Read"/> reads it back.
/// </summary>
/// <param name="AriVersion">The Ari that ran.</param>
/// <param name="Command">The command line.</param>
/// <param name="Stat">The z map's path.</param>
/// <param name="MaskSource">Where the mask came from.</param>
/// <param name="MaskVoxels">Voxels in the mask.</param>
/// <param name="PValues">The p-value map's path, or null.</param>
/// <param name="ClustersMap">The label map's path (regions instead of clusters), or null.</param>
/// <param name="Template">The template.tsv used, or null for parametric ARI.</param>
/// <param name="Alpha">The level.</param>
/// <param name="HommelH">Hommel's h.</param>
/// <param name="TrueDiscoveries">The lower bound on true discoveries in the whole mask.</param>
/// <param name="Thresholds">Cluster-forming thresholds (empty for regions).</param>
/// <param name="Connectivity">6, 18 or 26; null for regions.</param>
/// <param name="TwoSided">Two-sided p-values and negative clusters.</param>
/// <param name="Clusters">Rows of clusters.tsv.</param>
/// <param name="Seconds">Seconds per step.</param>
public sealed record TdpSummary(
    string AriVersion,
    string Command,
    string Stat,
    string MaskSource,
    int MaskVoxels,
    string? PValues,
    string? ClustersMap,
    string? Template,
    double Alpha,
    int HommelH,
    int TrueDiscoveries,
    IReadOnlyList<double> Thresholds,
    int? Connectivity,
    bool TwoSided,
    int Clusters,
    IReadOnlyList<(string Step, double Seconds)> Seconds)
{
    /// <summary>The file's name in the folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>The record of an inference in memory.</summary>
    public static TdpSummary Of(ClusterLevelResult result, string command, string statPath, string maskSource, string? pValuesPath,
        string? regionsPath, IEnumerable<(string Name, double Seconds)> seconds, string? templatePath = null) =>
        new(Ari.AriVersion.Current, command, statPath, maskSource, result.Mask.Count, pValuesPath, regionsPath, templatePath, result.Alpha,
            result.HommelValue, result.TrueDiscoveries, result.Thresholds.ToArray(),
            result.Options.Regions is null ? result.Options.Connectivity : null, result.Options.TwoSided, result.Clusters.Count,
            seconds.Select(s => (s.Name, Math.Round(s.Seconds, 6))).ToArray());

    /// <summary>Writes summary.json.</summary>
    public void Write(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("ari_version", AriVersion);
        json.WriteString("command", Command);
        json.WriteString("stat", Stat);
        json.WriteStartObject("mask");
        json.WriteString("source", MaskSource);
        json.WriteNumber("voxels", MaskVoxels);
        json.WriteEndObject();
        json.WriteStringOrNull("pvalues", PValues);
        json.WriteStringOrNull("clusters_map", ClustersMap);
        json.WriteStringOrNull("template", Template);
        json.WriteNumber("alpha", Alpha);
        json.WriteNumber("n_voxels", MaskVoxels);
        json.WriteNumber("hommel_h", HommelH);
        json.WriteNumber("true_discoveries", TrueDiscoveries);
        json.WriteStartArray("thresholds");
        foreach (double t in Thresholds) json.WriteNumberValue(t);
        json.WriteEndArray();
        json.WriteNumberOrNull("connectivity", Connectivity);
        json.WriteBoolean("two_sided", TwoSided);
        json.WriteNumber("n_clusters", Clusters);
        json.WriteSeconds(Seconds);
        json.WriteEndObject();
    }

    /// <summary>Reads summary.json; errors name the file and <paramref name="option"/>.</summary>
    public static TdpSummary Read(string path, string option)
    {
        using var document = FolderFiles.ReadJson(path, option);
        var root = document.RootElement;
        int voxels = (int)(FolderFiles.Number(root, "n_voxels") ?? FolderFiles.Number(root, "mask", "voxels") ?? 0);
        return new TdpSummary(
            FolderFiles.String(root, "ari_version") ?? "", FolderFiles.String(root, "command") ?? "", FolderFiles.String(root, "stat") ?? "",
            FolderFiles.String(root, "mask", "source") ?? "", voxels,
            FolderFiles.String(root, "pvalues"), FolderFiles.String(root, "clusters_map"), FolderFiles.String(root, "template"),
            FolderFiles.Number(root, "alpha") ?? throw new AriException($"{path}: no valid 'alpha' ({option})"),
            (int)(FolderFiles.Number(root, "hommel_h") ?? 0), (int)(FolderFiles.Number(root, "true_discoveries") ?? 0),
            FolderFiles.Numbers(root, "thresholds"), FolderFiles.Number(root, "connectivity") is { } c ? (int)c : null,
            FolderFiles.Boolean(root, "two_sided") ?? false, (int)(FolderFiles.Number(root, "n_clusters") ?? 0),
            FolderFiles.Seconds(root));
    }

}
