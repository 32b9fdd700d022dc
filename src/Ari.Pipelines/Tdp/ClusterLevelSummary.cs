using System.Text.Json;

using Ari.Inference;

namespace Ari.Pipelines.Tdp;

/// <summary>
/// summary.json of `ari tdp`: provenance, the family (mask size, Hommel's h, discoveries in the whole mask) and
/// the settings, written with Utf8JsonWriter (NativeAOT-safe).
/// </summary>
public static class ClusterLevelSummary
{
    /// <param name="seconds">Named step durations, e.g. read, ari, write, total.</param>
    public static void Write(Stream stream, ClusterLevelResult result, string ariVersion, string command,
        string statPath, string maskSource, string? pValuesPath, string? regionsPath, IEnumerable<(string Name, double Seconds)> seconds,
        string? templatePath = null)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("ari_version", ariVersion);
        json.WriteString("command", command);
        json.WriteString("stat", statPath);
        json.WriteStartObject("mask");
        json.WriteString("source", maskSource);
        json.WriteNumber("voxels", result.Mask.Count);
        json.WriteEndObject();
        WriteStringOrNull(json, "pvalues", pValuesPath);
        WriteStringOrNull(json, "clusters_map", regionsPath);
        WriteStringOrNull(json, "template", templatePath);
        json.WriteNumber("alpha", result.Alpha);
        json.WriteNumber("n_voxels", result.Mask.Count);
        json.WriteNumber("hommel_h", result.HommelValue);
        json.WriteNumber("true_discoveries", result.TrueDiscoveries);
        json.WriteStartArray("thresholds");
        foreach (double t in result.Thresholds) json.WriteNumberValue(t);
        json.WriteEndArray();
        if (result.Options.Regions is null) json.WriteNumber("connectivity", result.Options.Connectivity);
        else json.WriteNull("connectivity");
        json.WriteBoolean("two_sided", result.Options.TwoSided);
        json.WriteNumber("n_clusters", result.Clusters.Count);
        json.WriteStartObject("seconds");
        foreach (var (name, s) in seconds) json.WriteNumber(name, Math.Round(s, 6));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
