using System.Globalization;

namespace Ari.Cli.Cli;

/// <summary>
/// The one way Ari reads a number from the command line: invariant culture (a decimal point, never a comma),
/// an optional sign and exponent, no group separators, finite. "1,5" is refused (it is not 15, nor 1.5);
/// so are "1 000", "1_000", "0x10", "inf" and "nan". Every numeric option goes through here
/// (<see cref="NumberOptions"/>), and so do number lists (--threshold 2.5,3.5, --cut-coords).
/// </summary>
internal static class NumberText
{
    private const NumberStyles RealStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite |
                                           NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
    private const NumberStyles WholeStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;

    /// <summary>A finite real number, or the reason it is not one (naming the option).</summary>
    public static bool TryParseReal(string option, string text, out double value, out string? error)
    {
        value = 0;
        error = null;
        string t = text.Trim();
        if (t.Length == 0) { error = $"{option}: a number is required, got an empty value"; return false; }
        if (t.Contains(','))
        {
            error = $"{option}: '{text}' is not a number: write decimals with a point (e.g. {t.Replace(',', '.')}) and no thousands separators";
            return false;
        }
        if (!double.TryParse(t, RealStyle, CultureInfo.InvariantCulture, out value))
        {
            error = $"{option}: '{text}' is not a number";
            return false;
        }
        if (!double.IsFinite(value))
        {
            error = $"{option}: '{text}' is not a finite number";
            return false;
        }
        return true;
    }

    /// <summary>A whole number in [min, max], or the reason it is not one (naming the option).</summary>
    public static bool TryParseWhole(string option, string text, long min, long max, out long value, out string? error)
    {
        value = 0;
        error = null;
        string t = text.Trim();
        if (t.Length == 0) { error = $"{option}: a whole number is required, got an empty value"; return false; }
        if (!long.TryParse(t, WholeStyle, CultureInfo.InvariantCulture, out value))
        {
            bool digits = t.TrimStart('-', '+').Length > 0 && t.TrimStart('-', '+').All(char.IsAsciiDigit);
            error = digits
                ? $"{option}: must be between {min} and {max}, got {t}"
                : $"{option}: '{text}' is not a whole number{(t.Contains(',') ? " (no thousands separators)" : "")}";
            return false;
        }
        if (value < min || value > max)
        {
            error = $"{option}: must be between {min} and {max}, got {value}";
            return false;
        }
        return true;
    }

    /// <summary>A finite real number; a <see cref="UsageException"/> naming the option otherwise.</summary>
    public static double ParseReal(string option, string text) =>
        TryParseReal(option, text, out double value, out string? error) ? value : throw new UsageException(error!);

    /// <summary>
    /// A comma-separated list of at most <paramref name="maxCount"/> finite numbers, e.g. "2.5,3.5,4.5" or
    /// "-24,-9,-18" (here the comma separates values; decimals take a point).
    /// </summary>
    public static double[] ParseList(string option, string text, int maxCount = 1000)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > maxCount)
            throw new UsageException($"{option}: at most {maxCount} values, got {parts.Length}");
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
                throw new UsageException($"{option}: an empty value in '{text}' (expected a comma-separated list such as 2.5,3.5)");
            if (!TryParseReal(option, parts[i], out values[i], out _))
                throw new UsageException($"{option}: '{parts[i]}' is not a number (expected a comma-separated list such as 2.5,3.5; decimals take a point)");
        }
        return values;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
