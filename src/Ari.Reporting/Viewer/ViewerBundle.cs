using System.IO.Compression;

namespace Ari.Reporting.Viewer;

/// <summary>
/// NiiVue's browser bundle as embedded at build time (npm @niivue/niivue, dist/niivue.umd.js), gzip-compressed and
/// base64-encoded for the page; null when the build had no npm or network.
/// </summary>
internal static class ViewerBundle
{
    private const string ResourceName = "Ari.Reporting.Viewer.niivue.umd.js";

    private static readonly Lazy<string?> Packed = new(() =>
    {
        using var stream = typeof(ViewerBundle).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null) return null;
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
            stream.CopyTo(gzip);
        return Convert.ToBase64String(memory.GetBuffer(), 0, (int)memory.Length);
    });

    public static bool IsAvailable => typeof(ViewerBundle).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>The bundle, gzip then base64, or null when it was not built in.</summary>
    public static string? GzipBase64 => Packed.Value;
}
