using System.Globalization;
using System.Net;

namespace Ari.Reporting.Html;

/// <summary>Escaping and number formatting for the report's HTML.</summary>
internal static class HtmlText
{
    /// <summary>Text safe inside elements and double-quoted attributes.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Number(double value, string format = "G6") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    public static string Number(double? value, string format = "G6") => value is { } v ? Number(v, format) : "—";

    /// <summary>A byte count for people: 1.6 MB, 32 KB, 640 B.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => Number(bytes / (double)(1L << 30), "0.0") + " GB",
        >= 1L << 20 => Number(bytes / (double)(1L << 20), "0.0") + " MB",
        >= 1L << 10 => Number(bytes / (double)(1L << 10), "0") + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    /// <summary>Seconds for people: 0.012 s, 1.20 s.</summary>
    public static string Seconds(double seconds) => Number(seconds, seconds < 0.1 ? "0.000" : "0.00") + " s";
}
