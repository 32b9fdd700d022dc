using Ari.Inference;

namespace Ari.Pipelines.Tdp;

/// <summary>summary.json of `ari tdp` (<see cref="TdpSummary"/>) from an inference in memory.</summary>
public static class ClusterLevelSummary
{
    /// <param name="seconds">Named step durations, e.g. read, ari, write, total.</param>
    public static void Write(Stream stream, ClusterLevelResult result, string ariVersion, string command,
        string statPath, string maskSource, string? pValuesPath, string? regionsPath, IEnumerable<(string Name, double Seconds)> seconds,
        string? templatePath = null) =>
        (TdpSummary.Of(result, command, statPath, maskSource, pValuesPath, regionsPath, seconds, templatePath) with { AriVersion = ariVersion }).Write(stream);
}
