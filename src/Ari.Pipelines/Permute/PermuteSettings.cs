using System.Text.Json;

namespace Ari.Pipelines.Permute;

/// <summary>
/// What permute.json records of a run, typed: read by <see cref="PermuteFolder.Read"/> from the file
/// <see cref="PermuteFolder.Write"/> wrote (the "run" object is <see cref="PermuteRun"/>'s).
/// </summary>
/// <param name="Command">The command line that made the folder.</param>
/// <param name="Contrast">The contrast expression.</param>
/// <param name="Count">Permutations in the null distribution, the identity included.</param>
/// <param name="Kind">"sign flips" or "row permutations".</param>
/// <param name="Exhaustive">Whether every distinct assignment was enumerated.</param>
/// <param name="Seed">The seed of a random sequence (null for an exhaustive one or a --flips table).</param>
/// <param name="TwoSided">Whether the test is two-sided.</param>
/// <param name="ClusterThresholdT">The cluster-forming t threshold (null without cluster inference).</param>
/// <param name="ClusterThresholdP">Its p-value (null without cluster inference).</param>
/// <param name="Fingerprint">The run's SHA-256 (<see cref="PermuteRun.Fingerprint"/>).</param>
public sealed record PermuteSettings(string Command, string Contrast, int Count, string Kind, bool Exhaustive, ulong? Seed,
    bool TwoSided, double? ClusterThresholdT, double? ClusterThresholdP, string Fingerprint)
{
    /// <summary>Reads the settings from permute.json's root; a missing or mistyped key throws (the caller names the file).</summary>
    /// <param name="root">permute.json's root object.</param>
    internal static PermuteSettings From(JsonElement root)
    {
        var run = root.GetProperty("run");
        var permutations = run.GetProperty("permutations");
        var clusters = run.GetProperty("clusters");
        var seed = permutations.GetProperty("seed");
        return new PermuteSettings(
            root.GetProperty("command").GetString() ?? "",
            run.GetProperty("contrast").GetProperty("expression").GetString() ?? "",
            permutations.GetProperty("count").GetInt32(),
            permutations.GetProperty("kind").GetString() ?? "",
            permutations.GetProperty("exhaustive").GetBoolean(),
            seed.ValueKind == JsonValueKind.Number ? seed.GetUInt64() : null,
            run.GetProperty("two_sided").GetBoolean(),
            clusters.TryGetProperty("threshold_t", out var t) ? t.GetDouble() : null,
            clusters.TryGetProperty("threshold_p", out var p) ? p.GetDouble() : null,
            root.GetProperty("fingerprint").GetString() ?? "");
    }
}
