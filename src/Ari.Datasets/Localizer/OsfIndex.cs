using System.Text.Json;

namespace Ari.Datasets.Localizer;

/// <summary>
/// The OSF project's file index (the JSON object at {OSF}/hwbm2/download): OSF paths such as
/// "/localizer/derivatives/spm_1st_level/sub-S01/sub-S01_task-localizer_acq-..._cmaps.nii.gz" mapped to
/// "/&lt;file id&gt;". Entries are checked as they are read: a key must be a plain OSF path (no "." or ".."
/// parts, no backslashes, drive letters or control characters) and a file id letters, digits, '-' or '_'.
/// Other entries are refused (listed in <see cref="Refused"/>) and never used. Local file names never come
/// from the index: they follow nilearn's layout.
/// </summary>
internal sealed class OsfIndex
{
    private readonly Dictionary<string, string> _fileIds;

    private OsfIndex(Dictionary<string, string> fileIds, List<string> refused)
    {
        _fileIds = fileIds;
        Refused = refused;
    }

    /// <summary>The largest index accepted (the real one is about 1 MB): an endless index fails at this size.</summary>
    public const long MaxBytes = 8L << 20;

    public int Count => _fileIds.Count;

    /// <summary>Entries refused, each as "key: reason".</summary>
    public IReadOnlyList<string> Refused { get; }

    /// <summary>The OSF file id of a path, or null when the index has no usable entry for it.</summary>
    public string? FileId(string osfPath) => _fileIds.GetValueOrDefault(osfPath);

    /// <summary>Where a file is downloaded from: {OSF}/download/&lt;file id&gt;/ (the trailing slash matters to OSF).</summary>
    public static Uri DownloadUrl(Uri osfBase, string fileId) => new(osfBase, $"download/{fileId}/");

    /// <summary>
    /// Reads an index file. <paramref name="source"/> (its URL) starts error messages; without it a message is a
    /// bare phrase ("not a valid OSF index: ..."), as a download check wants.
    /// </summary>
    public static OsfIndex Load(string path, string? source)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length > MaxBytes)
            throw Invalid(source, $"larger than {MaxBytes:N0} bytes ({stream.Length:N0})");
        return Parse(stream, source);
    }

    public static OsfIndex Parse(Stream json, string? source)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException e) { throw Invalid(source, $"not valid JSON ({e.Message})", e); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid(source, $"not a JSON object of paths to file ids (found a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()})");
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            var refused = new List<string>();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                string? problem = KeyProblem(entry.Name)
                    ?? (entry.Value.ValueKind != JsonValueKind.String ? "its value is not a string"
                        : FileIdProblem(entry.Value.GetString()!));
                if (problem is null) ids[entry.Name] = entry.Value.GetString()![1..];
                else refused.Add($"{Printable(entry.Name)}: {problem}");
            }
            return new OsfIndex(ids, refused);
        }
    }

    private static AriException Invalid(string? source, string problem, Exception? inner = null) =>
        new(source is null ? $"not a valid OSF index: {problem}" : $"{source}: the OSF index is {problem}", inner);

    private static string? KeyProblem(string key)
    {
        if (!key.StartsWith('/')) return "not an OSF path (must start with '/')";
        if (key.Any(char.IsControl)) return "contains control characters";
        if (key.Contains('\\') || key.Contains(':')) return "contains '\\' or ':'";
        foreach (string part in key[1..].Split('/'))
        {
            if (part.Length == 0) return "has an empty path part (absolute or '//' path)";
            if (part is "." or "..") return "has a '.' or '..' part";
        }
        return null;
    }

    private static string? FileIdProblem(string value)
    {
        if (value.Length < 2 || value[0] != '/') return "its file id does not look like \"/<id>\"";
        if (value.Length > 65 || !IsIdText(value.AsSpan(1))) return $"its file id '{Printable(value)}' has characters other than letters, digits, '-' and '_'";
        return null;
    }

    private static bool IsIdText(ReadOnlySpan<char> id)
    {
        foreach (char c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        return true;
    }

    private static string Printable(string s) =>
        new string(s.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());
}
