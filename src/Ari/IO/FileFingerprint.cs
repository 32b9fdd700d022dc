using System.Security.Cryptography;

namespace Ari.IO;

/// <summary>An input file as provenance records it: path, size in bytes and SHA-256.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="Bytes">The file's size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the content, 64 lowercase hexadecimal digits.</param>
public sealed record FileFingerprint(string Path, long Bytes, string Sha256)
{
    /// <summary>Hashes the file at <paramref name="path"/> (reading it once).</summary>
    /// <exception cref="AriException">The path is not a regular file, or it cannot be read.</exception>
    public static FileFingerprint Of(string path)
    {
        InputFile.EnsureRegular(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var hash = SHA256.HashData(stream);
            return new FileFingerprint(path, stream.Length, Convert.ToHexStringLower(hash));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AriException($"{path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>Fingerprints of many files, computed in parallel, in the given order.</summary>
    public static FileFingerprint[] Of(IReadOnlyList<string> paths)
    {
        var result = new FileFingerprint[paths.Count];
        Parallel.For(0, paths.Count, i => result[i] = Of(paths[i]));
        return result;
    }

    /// <summary>Writes the files as provenance's JSON array <paramref name="name"/>: {path, bytes, sha256} each.</summary>
    public static void WriteJsonArray(System.Text.Json.Utf8JsonWriter json, string name, IEnumerable<FileFingerprint> files)
    {
        json.WriteStartArray(name);
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.Path);
            json.WriteNumber("bytes", file.Bytes);
            json.WriteString("sha256", file.Sha256);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
