using System.Globalization;

namespace Ari.Plotting.Figures;

/// <summary>C printf conversions as matplotlib and nilearn apply them to labels ("%.2g" ticks, "%i" positions).</summary>
internal static class PrintfFormat
{
    /// <summary>"%.{precision}g": shortest of fixed or exponent notation, trailing zeros removed (C and Python rules).</summary>
    public static string G(double value, int precision = 2)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (precision < 1) precision = 1;
        if (value == 0) return double.IsNegative(value) ? "-0" : "0";
        // The exponent after rounding to `precision` significant digits decides the notation.
        string e = value.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int exponent = int.Parse(e.AsSpan(e.IndexOf('E') + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= precision)
        {
            string mantissa = TrimZeros(e[..e.IndexOf('E')]);
            return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }
        int decimals = precision - 1 - exponent;
        return TrimZeros(value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    /// <summary>"%i" applied to a float in Python: truncation toward zero.</summary>
    public static string I(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 9e18 ? ((long)value).ToString(CultureInfo.InvariantCulture) : G(value, 6);

    private static string TrimZeros(string s)
    {
        if (!s.Contains('.')) return s;
        s = s.TrimEnd('0');
        return s.EndsWith('.') ? s[..^1] : s;
    }
}
