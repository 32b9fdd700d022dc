using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Ari.Glm;
using Ari.IO;
using Ari.Permutation;

namespace Ari.Pipelines.Permute;

/// <summary>
/// Everything that determines a permutation run's numbers: the inputs' SHA-256, the design, the contrast, the
/// scheme, the sequence (kind, number, seed or table hash), the measures. Written as the "run" object of
/// permute.json and shard.json; its SHA-256 (<see cref="Fingerprint"/>) tells whether shards belong together.
/// File paths are kept outside the run (array tasks may see the same files under other paths).
/// </summary>
public sealed class PermuteRun
{
    private PermuteRun(byte[] json)
    {
        Json = json;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(json));
    }

    /// <summary>The run object, UTF-8 JSON (canonical: always written by this class in one order).</summary>
    public byte[] Json { get; }
    /// <summary>The lowercase hex SHA-256 of <see cref="Json"/>: equal for the shards of one run.</summary>
    public string Fingerprint { get; }

    /// <summary>The run object as read back from a file (bytes as written, so the fingerprint is unchanged).</summary>
    /// <param name="json">The run object, UTF-8 JSON.</param>
    public static PermuteRun FromJson(byte[] json) => new(json);

    internal static PermuteRun Describe(IReadOnlyList<FileFingerprint> inputs, DesignMatrix design, string designSource, PermutationDesign split,
        Contrast contrast, double? fwhm, string maskSource, string? maskSha, int maskVoxels, PermutationSequence sequence, int requested, ulong seed,
        string? flipsSha, PermutationOptions options, double? thresholdP, ImageGrid grid, TdpTemplateRun? template = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("inputs_sha256");
            foreach (var input in inputs) json.WriteStringValue(input.Sha256);
            json.WriteEndArray();
            json.WriteStartObject("design");
            json.WriteString("source", designSource);
            json.WriteStartArray("columns");
            foreach (string c in design.Columns) json.WriteStringValue(c);
            json.WriteEndArray();
            json.WriteStartArray("rows");
            for (int r = 0; r < design.RowCount; r++)
            {
                json.WriteStartArray();
                for (int c = 0; c < design.ColumnCount; c++) json.WriteNumberValue(design[r, c]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("contrast");
            json.WriteString("expression", contrast.Expression);
            json.WriteStartArray("weights");
            for (int c = 0; c < contrast.ColumnCount; c++) json.WriteNumberValue(contrast[0, c]);
            json.WriteEndArray();
            json.WriteNumber("confound_columns", split.Confounds.Length);
            json.WriteNumber("dof", split.Dof);
            json.WriteEndObject();
            json.WriteNumberOrNull("smoothing_fwhm_mm", fwhm);
            json.WriteStartObject("mask");
            json.WriteString("source", maskSource);
            if (maskSha is not null) json.WriteString("sha256", maskSha);
            json.WriteNumber("voxels", maskVoxels);
            json.WriteEndObject();
            json.WriteStartObject("grid");
            GridJson.WriteShapeAndAffine(json, grid);
            json.WriteEndObject();
            json.WriteStartObject("permutations");
            json.WriteString("kind", split.Kind == PermutationKind.SignFlips ? "sign flips" : "row permutations");
            json.WriteString("scheme", split.Kind == PermutationKind.SignFlips
                ? (split.Confounds.Length == 0 ? "sign flips of the data (one-sample)" : "sign flips of the data residualised on the confounds (nilearn 0.10.3 permuted_ols: an intercept among the confounds)")
                : "rows of the residualised tested variate and of the confounds permuted jointly (nilearn 0.10.3 permuted_ols; Freedman-Lane with the inverse permutation)");
            json.WriteNumber("count", sequence.Count);
            json.WriteNumber("requested", requested);
            json.WriteString("source", sequence.Source);
            json.WriteBoolean("exhaustive", sequence.IsExhaustive);
            if (sequence.Source == "random") json.WriteNumber("seed", seed); else json.WriteNull("seed");
            if (flipsSha is not null) json.WriteString("table_sha256", flipsSha);
            json.WriteBoolean("identity_included", true);
            json.WriteEndObject();
            json.WriteBoolean("two_sided", options.TwoSided);
            json.WriteStartObject("clusters");
            if (options.ClusterThreshold is { } t)
            {
                json.WriteNumber("threshold_p", thresholdP!.Value);
                json.WriteNumber("threshold_t", t);
            }
            json.WriteNumber("connectivity", 6);
            json.WriteEndObject();
            json.WriteStartObject("tfce");
            if (options.Tfce is { } tfce)
            {
                json.WriteString("mode", tfce.Mode == TfceMode.Stepped ? "stepped" : "exact");
                json.WriteNumber("E", tfce.E);
                json.WriteNumber("H", tfce.H);
                if (tfce.Mode == TfceMode.Stepped) json.WriteNumber("steps", tfce.Steps);
            }
            json.WriteEndObject();
            // only runs that calibrate a template carry the key: other runs' fingerprints are unchanged
            if (template is not null)
            {
                json.WriteStartObject("tdp_template");
                json.WriteString("method", template.Method);
                json.WriteNumber("alpha", template.Alpha);
                json.WriteNumber("k_max", template.KMax);
                json.WriteStartArray("seeds");
                foreach (ulong seedValue in template.Seeds) json.WriteNumberValue(seedValue);
                json.WriteEndArray();
                if (template.TrainingCount is int bt)
                {
                    json.WriteStartObject("training");
                    json.WriteNumber("count", bt);
                    if (template.TrainFlipsSha is { } sha) json.WriteString("table_sha256", sha);
                    json.WriteEndObject();
                }
                else json.WriteNull("training");
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return new PermuteRun(buffer.ToArray());
    }

    /// <summary>The options and the sequence count back from the JSON (for combine).</summary>
    internal (PermutationOptions Options, int Count) ReadOptions()
    {
        using var doc = JsonDocument.Parse(Json);
        var root = doc.RootElement;
        bool twoSided = root.GetProperty("two_sided").GetBoolean();
        double? threshold = root.GetProperty("clusters").TryGetProperty("threshold_t", out var t) ? t.GetDouble() : null;
        Tfce? tfce = null;
        var tf = root.GetProperty("tfce");
        if (tf.TryGetProperty("mode", out var mode))
            tfce = new Tfce(mode.GetString() == "exact" ? TfceMode.Exact : TfceMode.Stepped, tf.GetProperty("E").GetDouble(), tf.GetProperty("H").GetDouble(),
                tf.TryGetProperty("steps", out var steps) ? steps.GetInt32() : 100);
        return (new PermutationOptions(twoSided, threshold, tfce), root.GetProperty("permutations").GetProperty("count").GetInt32());
    }

    /// <summary>The TDP template the run calibrates (null when none).</summary>
    internal TdpTemplateRun? ReadTemplate()
    {
        using var doc = JsonDocument.Parse(Json);
        if (!doc.RootElement.TryGetProperty("tdp_template", out var t)) return null;
        var training = t.GetProperty("training");
        return new TdpTemplateRun(t.GetProperty("method").GetString()!, t.GetProperty("alpha").GetDouble(), t.GetProperty("k_max").GetInt32(),
            t.GetProperty("seeds").EnumerateArray().Select(e => e.GetUInt64()).ToArray(),
            training.ValueKind == JsonValueKind.Object ? training.GetProperty("count").GetInt32() : null,
            training.ValueKind == JsonValueKind.Object && training.TryGetProperty("table_sha256", out var sha) ? sha.GetString() : null);
    }

    /// <summary>The top-level keys whose values differ from another run's (for error messages).</summary>
    internal IReadOnlyList<string> Differences(PermuteRun other)
    {
        using var a = JsonDocument.Parse(Json);
        using var b = JsonDocument.Parse(other.Json);
        var result = new List<string>();
        foreach (var property in a.RootElement.EnumerateObject())
        {
            if (!b.RootElement.TryGetProperty(property.Name, out var value)) { result.Add(property.Name); continue; }
            if (property.Value.GetRawText() == value.GetRawText()) continue;
            int before = result.Count;
            if (property.Value.ValueKind == JsonValueKind.Object && value.ValueKind == JsonValueKind.Object)
                foreach (var inner in property.Value.EnumerateObject())
                    if (!value.TryGetProperty(inner.Name, out var other2) || other2.GetRawText() != inner.Value.GetRawText())
                        result.Add(property.Name == "permutations" ? inner.Name : $"{property.Name}.{inner.Name}");
            if (result.Count == before) result.Add(property.Name == "inputs_sha256" ? "input maps" : property.Name);
        }
        return result.Distinct().ToList();
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The part of a run that a TDP template calibration adds (`--tdp-template`): enough for `combine` to calibrate.</summary>
internal sealed record TdpTemplateRun(string Method, double Alpha, int KMax, IReadOnlyList<ulong> Seeds, int? TrainingCount, string? TrainFlipsSha);
