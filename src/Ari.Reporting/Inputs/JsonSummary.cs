using System.Globalization;
using System.Text.Json;

namespace Ari.Reporting.Inputs;

/// <summary>A JSON file read without reflection; fields are looked up leniently (missing or mistyped ones read as null).</summary>
public sealed class JsonSummary
{
    private JsonSummary(string path, JsonElement root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }
    public JsonElement Root { get; }

    public static JsonSummary Read(string path, string option)
    {
        byte[] bytes;
        if (Ari.IO.InputFile.SpecialFileProblem(path) is { } special) throw new AriException($"{path}: {special} ({option})");
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw new AriException($"{path}: no such file ({option})"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new AriException($"{path}: cannot read: {e.Message} ({option})", e); }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new AriException($"{path}: expected a JSON object ({option})");
            return new JsonSummary(path, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new AriException($"{path}: not valid JSON: {e.Message} ({option})", e);
        }
    }

    /// <summary>The element at a path of property names, or null.</summary>
    public JsonElement? Get(params string[] names)
    {
        var current = Root;
        foreach (string name in names)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next)) return null;
            current = next;
        }
        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public string? String(params string[] names) => Get(names) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public double? Number(params string[] names) => Get(names) is { ValueKind: JsonValueKind.Number } e ? e.GetDouble() : null;

    public bool? Boolean(params string[] names) => Get(names) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public double[]? Numbers(params string[] names) => Get(names) is { ValueKind: JsonValueKind.Array } e
        ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToArray()
        : null;

    /// <summary>Name/number pairs of an object (e.g. "seconds"), in file order.</summary>
    public IReadOnlyList<(string Name, double Value)> NumberPairs(params string[] names) => Get(names) is { ValueKind: JsonValueKind.Object } e
        ? e.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Select(p => (p.Name, p.Value.GetDouble())).ToList()
        : [];

    /// <summary>Any value as short text ("—" when missing), for tables.</summary>
    public string Text(params string[] names) => Get(names) switch
    {
        null => "—",
        { ValueKind: JsonValueKind.String } e => e.GetString() ?? "—",
        { ValueKind: JsonValueKind.Number } e => e.GetDouble().ToString("G6", CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.True } => "yes",
        { ValueKind: JsonValueKind.False } => "no",
        { } e => e.GetRawText(),
    };
}
