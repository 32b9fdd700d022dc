using System.Globalization;
using System.Text;
using static Ari.Reporting.Html.HtmlText;

namespace Ari.Reporting.Sections;

/// <summary>
/// A histogram of a permutation null distribution of maxima as an inline SVG: the bars, the 95th percentile (the 0.05
/// FWE critical value, dashed) and the observed maximum (red), with labelled axes.
/// </summary>
internal static class NullHistogram
{
    private const int Width = 460, Height = 230, Left = 52, Right = 34, Top = 26, Bottom = 40;

    /// <summary>The bins' counts for <paramref name="values"/> over [<paramref name="min"/>, <paramref name="max"/>] (the last bin closed).</summary>
    public static int[] Counts(IReadOnlyList<double> values, double min, double max, int bins)
    {
        var counts = new int[bins];
        double width = (max - min) / bins;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            int b = width > 0 ? (int)Math.Floor((v - min) / width) : 0;
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        return counts;
    }

    /// <summary>The (1 - alpha) quantile of the null maxima as the FWE critical value: the smallest value with at most alpha of the null above it.</summary>
    public static double Critical(IReadOnlyList<double> values, double alpha = 0.05)
    {
        var sorted = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        int index = Math.Clamp((int)Math.Ceiling((1 - alpha) * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index];
    }

    /// <param name="title">The statistic ("max t").</param>
    /// <param name="nulls">Every permutation's maximum, the observed one (the identity) included.</param>
    /// <param name="observed">The observed maximum.</param>
    public static string Svg(string title, IReadOnlyList<double> nulls, double observed)
    {
        var finite = nulls.Where(double.IsFinite).ToArray();
        double min = Math.Min(finite.DefaultIfEmpty(0).Min(), double.IsFinite(observed) ? observed : 0);
        double max = Math.Max(finite.DefaultIfEmpty(1).Max(), double.IsFinite(observed) ? observed : 1);
        if (max <= min) max = min + 1;
        int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(finite.Length)), 10, 60);
        var counts = Counts(finite, min, max, bins);
        int top = Math.Max(1, counts.Max());
        double critical = Critical(finite);
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double X(double v) => Left + (v - min) / (max - min) * plotW;
        double Y(double count) => Top + plotH - count / top * plotH;
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        var svg = new StringBuilder(8192);
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"histogram\" role=\"img\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\" font-family=\"sans-serif\" font-size=\"11\"><title>")
            .Append(Escape($"Null distribution of the {title} ({finite.Length:N0} permutations)")).Append("</title>");
        svg.Append("<text x=\"").Append(Left).Append("\" y=\"15\" font-size=\"13\" font-weight=\"bold\">").Append(Escape(title)).Append("</text>");
        for (int b = 0; b < bins; b++)
        {
            if (counts[b] == 0) continue;
            double x0 = X(min + b * (max - min) / bins), x1 = X(min + (b + 1) * (max - min) / bins);
            svg.Append("<rect x=\"").Append(F(x0)).Append("\" y=\"").Append(F(Y(counts[b]))).Append("\" width=\"").Append(F(Math.Max(0.5, x1 - x0 - 0.5)))
                .Append("\" height=\"").Append(F(Y(0) - Y(counts[b]))).Append("\" fill=\"#8da0cb\"/>");
        }
        // axes, ticks
        svg.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(F(Y(0))).Append("\" x2=\"").Append(Width - Right).Append("\" y2=\"").Append(F(Y(0))).Append("\" stroke=\"#333\"/>");
        svg.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(Left).Append("\" y2=\"").Append(F(Y(0))).Append("\" stroke=\"#333\"/>");
        foreach (double tick in Enumerable.Range(0, 5).Select(i => min + i * (max - min) / 4))
            svg.Append("<text x=\"").Append(F(X(tick))).Append("\" y=\"").Append(F(Y(0) + 14)).Append("\" text-anchor=\"middle\">").Append(Number(tick, Math.Abs(max) >= 1000 ? "N0" : "G3")).Append("</text>");
        svg.Append("<text x=\"").Append(Left - 6).Append("\" y=\"").Append(F(Y(top) + 4)).Append("\" text-anchor=\"end\">").Append(top).Append("</text>");
        svg.Append("<text x=\"").Append(Left - 6).Append("\" y=\"").Append(F(Y(0) + 4)).Append("\" text-anchor=\"end\">0</text>");
        svg.Append("<text x=\"").Append(F(Left + plotW / 2)).Append("\" y=\"").Append(Height - 6).Append("\" text-anchor=\"middle\">maximum over the brain, per permutation</text>");
        if (double.IsFinite(critical))
            svg.Append("<line class=\"critical\" x1=\"").Append(F(X(critical))).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(F(X(critical))).Append("\" y2=\"").Append(F(Y(0)))
                .Append("\" stroke=\"#555\" stroke-dasharray=\"4 3\"><title>").Append(Escape($"0.05 FWE critical value {Number(critical, "G4")}")).Append("</title></line>");
        if (double.IsFinite(observed))
            svg.Append("<line class=\"observed\" x1=\"").Append(F(X(observed))).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(F(X(observed))).Append("\" y2=\"").Append(F(Y(0)))
                .Append("\" stroke=\"#d62728\" stroke-width=\"2\"/><text x=\"").Append(F(Math.Min(X(observed) + 4, Width - Right - 2))).Append("\" y=\"").Append(Top + 10)
                .Append("\" fill=\"#d62728\" text-anchor=\"").Append(X(observed) > Left + 0.7 * plotW ? "end" : "start").Append("\">observed ").Append(Number(observed, "G4")).Append("</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
