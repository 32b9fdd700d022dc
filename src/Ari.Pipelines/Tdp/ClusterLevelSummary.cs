using Ari.Inference;

namespace Ari.Pipelines.Tdp;

/// <summary>summary.json of `ari tdp` (<see cref="TdpSummary"/>) from an inference in memory.</summary>
public static class ClusterLevelSummary
{
    /// <summary>Writes summary.json of <paramref name="result"/>.</summary>
    /// <param name="stream">Where the JSON goes.</param>
    /// <param name="result">The inference.</param>
    /// <param name="ariVersion">The version recorded.</param>
    /// <param name="command">The command line recorded.</param>
    /// <param name="statPath">The statistic map's path.</param>
    /// <param name="maskSource">The mask's path, or "background of the statistic map".</param>
    /// <param name="pValuesPath">The p-value map's path, or null.</param>
    /// <param name="regionsPath">The label map's path, or null.</param>
    /// <param name="seconds">Named step durations, e.g. read, ari, write, total.</param>
    /// <param name="templatePath">The calibrated template's path, or null for parametric ARI.</param>
    public static void Write(Stream stream, ClusterLevelResult result, string ariVersion, string command,
        string statPath, string maskSource, string? pValuesPath, string? regionsPath, IEnumerable<(string Name, double Seconds)> seconds,
        string? templatePath = null) =>
        (TdpSummary.Of(result, command, statPath, maskSource, pValuesPath, regionsPath, seconds, templatePath) with { AriVersion = ariVersion }).Write(stream);
}
