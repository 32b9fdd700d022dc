using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Ari.Cli.Cli;

/// <summary>The values a numeric option accepts: [Min, Max], either end open; Unit is shown in errors.</summary>
internal readonly record struct NumberRange(double Min, double Max, bool MinOpen = false, bool MaxOpen = false, string Unit = "")
{
    public bool Contains(double v) => (MinOpen ? v > Min : v >= Min) && (MaxOpen ? v < Max : v <= Max);

    public string Describe() =>
        $"between {NumberText.Format(Min)}{(MinOpen ? " (exclusive)" : "")} and {NumberText.Format(Max)}{(MaxOpen ? " (exclusive)" : "")}{(Unit.Length > 0 ? " " + Unit : "")}";
}

/// <summary>
/// Numeric options, all parsed by <see cref="NumberText"/> (invariant, no group separators, finite) and checked
/// against a range at parse time: a bad value is a usage error (exit 2) naming the option. System.CommandLine's
/// own number parsing (culture-dependent, "1,5" read as 15) is never used: a test walks the command tree and
/// fails on any numeric option without this parser. New commands declare numbers with these factories.
/// </summary>
internal static class NumberOptions
{
    /// <summary>A real-valued option that may be left out (null).</summary>
    public static Option<double?> Real(string name, string description, NumberRange range, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            CustomParser = result => ParseReal(result, name, range),
        };

    /// <summary>A real-valued option with a default.</summary>
    public static Option<double> Real(string name, string description, double defaultValue, NumberRange range, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => result.Tokens.Count == 0 ? defaultValue : ParseReal(result, name, range) ?? defaultValue,
        };

    /// <summary>A whole-number option that may be left out (null).</summary>
    public static Option<int?> Whole(string name, string description, int min, int max, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            CustomParser = result => ParseWhole(result, name, min, max) is { } v ? (int)v : null,
        };

    /// <summary>A whole-number option with a default.</summary>
    public static Option<int> Whole(string name, string description, int defaultValue, int min, int max, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => result.Tokens.Count == 0 ? defaultValue : ParseWhole(result, name, min, max) is { } v ? (int)v : defaultValue,
        };

    /// <summary>A non-negative 64-bit option with a default (seeds).</summary>
    public static Option<ulong> Seed(string name, string description, ulong defaultValue, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0) return defaultValue;
                string text = result.Tokens[^1].Value.Trim();
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)) return v;
                result.AddError($"{name}: '{result.Tokens[^1].Value}' is not a whole number between 0 and {ulong.MaxValue}");
                return defaultValue;
            },
        };

    private static double? ParseReal(ArgumentResult result, string name, NumberRange range)
    {
        if (result.Tokens.Count == 0) { result.AddError($"{name}: a number is required"); return null; }
        string text = result.Tokens[^1].Value;
        if (!NumberText.TryParseReal(name, text, out double value, out string? error)) { result.AddError(error!); return null; }
        if (!range.Contains(value)) { result.AddError($"{name}: must be {range.Describe()}, got {text.Trim()}"); return null; }
        return value;
    }

    private static long? ParseWhole(ArgumentResult result, string name, int min, int max)
    {
        if (result.Tokens.Count == 0) { result.AddError($"{name}: a whole number is required"); return null; }
        if (!NumberText.TryParseWhole(name, result.Tokens[^1].Value, min, max, out long value, out string? error)) { result.AddError(error!); return null; }
        return value;
    }
}
