using System.Text.Json;

namespace Ari.IO;

/// <summary>The optional values of Ari's JSON files (glm.json, summary.json, shard headers, run files): a value or JSON null.</summary>
public static class JsonWriting
{
    /// <summary>Writes <paramref name="name"/>: <paramref name="value"/>, or null when there is none.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value, or null.</param>
    public static void WriteStringOrNull(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    /// <summary>Writes <paramref name="name"/>: <paramref name="value"/>, or null when there is none.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value, or null.</param>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    /// <summary>Writes the object "seconds": one number per step, rounded to microseconds.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="seconds">The steps and their durations, in order.</param>
    public static void WriteSeconds(this Utf8JsonWriter json, IEnumerable<(string Step, double Seconds)> seconds)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(seconds);
        json.WriteStartObject("seconds");
        foreach (var (step, value) in seconds) json.WriteNumber(step, Math.Round(value, 6));
        json.WriteEndObject();
    }
}
