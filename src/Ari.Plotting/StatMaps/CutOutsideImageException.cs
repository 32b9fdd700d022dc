namespace Ari.Plotting.StatMaps;

/// <summary>A cut coordinate that misses the stat map or the background (front ends name their cut option).</summary>
public sealed class CutOutsideImageException(string message) : AriException(message);
