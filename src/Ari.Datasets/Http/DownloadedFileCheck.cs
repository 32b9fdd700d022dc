using System.Text.Json;
using Ari.Nifti;

namespace Ari.Datasets.Http;

/// <summary>
/// What a downloaded file must be before it is moved into place, chosen by the destination's name:
/// .nii.gz a complete gzip stream holding a readable NIfTI image, .nii a readable NIfTI image, .json valid JSON.
/// A check throws an AriException whose message says what is wrong (without the temporary file's name).
/// </summary>
internal static class DownloadedFileCheck
{
    public static Action<string>? For(string destination)
    {
        string name = destination.ToLowerInvariant();
        if (name.EndsWith(".nii.gz")) return path => { RequireGzip(path); Nifti(path); };
        if (name.EndsWith(".nii")) return Nifti;
        if (name.EndsWith(".json")) return Json;
        return null;
    }

    public static void Nifti(string path)
    {
        try { NiftiFile.Validate(path); }
        catch (NiftiFormatException e) { throw new AriException($"not a valid NIfTI image: {e.Problem}", e); }
    }

    public static void Json(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var _ = JsonDocument.Parse(stream);
        }
        catch (JsonException e) { throw new AriException($"not valid JSON: {e.Message}", e); }
    }

    private static void RequireGzip(string path)
    {
        Span<byte> magic = stackalloc byte[2];
        int n;
        using (var file = File.OpenRead(path)) n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        if (n < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
            throw new AriException("not a gzip file (a .nii.gz must be gzip-compressed)");
    }
}
