using Ari.IO;
using System.Globalization;
using System.Text.Json;

namespace Ari.Pipelines.Folders;

/// <summary>
/// Reading the files of an output folder for its schema type: JSON documents and tab-separated tables, with every
/// problem an <see cref="AriException"/> naming the file and the option that pointed at the folder.
/// </summary>
internal static class FolderFiles
{
    public static void RequireFolder(string directory, string option)
    {
        if (File.Exists(directory)) throw new AriException($"{directory}: is a file; {option} takes the folder a command wrote");
        if (!Directory.Exists(directory)) throw new AriException($"{directory}: no such folder ({option})");
    }

    public static void RequireFile(string path, string option)
    {
        if (!File.Exists(path)) throw new AriException($"{path}: no such file ({option})");
    }

    public static JsonDocument ReadJson(string path, string option)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw new AriException($"{path}: no such file ({option})"); }
        catch (DirectoryNotFoundException) { throw new AriException($"{path}: no such file ({option})"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new AriException($"{path}: cannot read: {e.Message} ({option})", e); }
        try
        {
            var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new AriException($"{path}: expected a JSON object ({option})");
            }
            return document;
        }
        catch (JsonException e) { throw new AriException($"{path}: not valid JSON: {e.Message} ({option})", e); }
    }

    public static JsonElement? Get(JsonElement root, params string[] names)
    {
        var current = root;
        foreach (string name in names)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next)) return null;
            current = next;
        }
        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public static string? String(JsonElement root, params string[] names) => Get(root, names) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public static double? Number(JsonElement root, params string[] names) => Get(root, names) is { ValueKind: JsonValueKind.Number } e ? e.GetDouble() : null;

    public static bool? Boolean(JsonElement root, params string[] names) => Get(root, names) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public static double[] Numbers(JsonElement root, params string[] names) => Get(root, names) is { ValueKind: JsonValueKind.Array } e
        ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToArray()
        : [];

    public static IReadOnlyList<(string Name, double Seconds)> Seconds(JsonElement root) => Get(root, "seconds") is { ValueKind: JsonValueKind.Object } e
        ? e.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Select(p => (p.Name, p.Value.GetDouble())).ToList()
        : [];

    /// <summary>A TSV with a header (Ari's one table reader, <see cref="DelimitedTable"/>); <paramref name="required"/> columns must be present.</summary>
    public static TsvRows ReadTsv(string path, string option, params string[] required)
    {
        AriException Fail(string message) => new($"{message} ({option})");
        var table = DelimitedTable.Read(path, Fail);
        if (table.Columns.Length == 0) throw Fail($"{path}: empty; a header row is needed");
        foreach (string name in required)
            if (table.IndexOf(name) < 0)
                throw Fail($"{path}: no '{name}' column (has {string.Join(", ", table.Columns)})");
        return new TsvRows(path, option, table.Columns, [.. table.Rows], table);
    }
}

/// <summary>The rows of a TSV file as read by <see cref="FolderFiles.ReadTsv"/>.</summary>
internal sealed record TsvRows(string Path, string Option, string[] Columns, List<string[]> Rows, DelimitedTable Table)
{
    public int Column(string name) => Array.IndexOf(Columns, name) is >= 0 and var i ? i
        : throw new AriException($"{Path}: no '{name}' column (has {string.Join(", ", Columns)}) ({Option})");

    /// <summary>A number cell ("n/a" and empty: NaN); anything else that is not a number is an error.</summary>
    public double Number(string[] row, int column) =>
        Table.Number(Rows.IndexOf(row), column, message => new AriException($"{message} ({Option})")) ?? double.NaN;
}
