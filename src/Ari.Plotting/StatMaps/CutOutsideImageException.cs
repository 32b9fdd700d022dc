namespace Ari.Plotting.StatMaps;

/// <summary>A cut coordinate that misses the stat map or the background (front ends name their cut option).</summary>
/// <summary>A requested cut lies outside the stat map or the background.</summary>
/// <param name="message">Which cut, and the image's extent along its axis.</param>
public sealed class CutOutsideImageException(string message) : AriException(message);
