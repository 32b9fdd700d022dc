using System.Globalization;
using System.Text;
using Ari.Reporting.Model;
using static Ari.Reporting.Html.HtmlText;
using static Ari.Reporting.Sections.FigureHtml;

namespace Ari.Reporting.Sections;

/// <summary>
/// An `ari permute` folder (--permute): the settings, the family-wise error maps (-log10 p of max-T, cluster size, cluster
/// mass, TFCE, as nilearn's non_parametric_inference names them) as figures, and each null distribution of maxima as a
/// histogram with the observed maximum and the 0.05 critical value marked.
/// </summary>
internal sealed class PermuteSection : ReportSection
{
    public override string Id => "permutations";
    public override string Title => "Permutations";
    public override bool Applies(ReportData data) => data.Permute is not null;

    public override void Write(StringBuilder html, ReportContext context)
    {
        var permute = context.Data.Permute!;
        var settings = permute.Settings;
        var maxima = permute.Maxima;
        var inv = CultureInfo.InvariantCulture;
        html.Append("<section id=\"permutations\"><h2>Permutation inference</h2><table class=\"kv\">");
        Row(html, "folder", permute.Directory);
        Row(html, "command", settings.Command);
        Row(html, "contrast", settings.Contrast + (settings.TwoSided ? " (two-sided)" : ""));
        string sequence = settings.Exhaustive ? "exhaustive" : settings.Seed is { } seed ? $"random, seed {seed.ToString(inv)}" : "from a table";
        Row(html, "permutations", $"{settings.Count.ToString(inv)} {settings.Kind} ({sequence}; the identity included)");
        if (settings.ClusterThresholdT is { } t)
            Row(html, "cluster-forming threshold", $"t > {Number(t, "0.###")} (p < {Number(settings.ClusterThresholdP ?? double.NaN, "G6")})");
        html.Append("</table>");

        html.Append("<h3>Family-wise error maps</h3>");
        foreach (string map in permute.Maps.Where(m => m.StartsWith("logp_max_", StringComparison.Ordinal)))
            FigureHtml.Append(html, ReportFigures.PermutationMap(context.Data, map, permute.ReadMap(map)));

        html.Append("<h3>Null distributions of the maxima</h3><p>Each permutation's maximum over the brain; a voxel (or cluster) is significant at 0.05 family-wise when its statistic exceeds the dashed line, the 95th percentile. The red line is the observed maximum (the unpermuted data, counted in the null as nilearn does).</p><div class=\"row\">");
        foreach (var (title, values) in new (string, double[]?)[] { ("max t", maxima.MaxT), ("max cluster size", maxima.MaxSize), ("max cluster mass", maxima.MaxMass), ("max TFCE", maxima.MaxTfce) })
        {
            if (values is null || values.Length == 0) continue;
            double observed = maxima.First == 0 ? values[0] : double.NaN;
            html.Append("<figure>").Append(NullHistogram.Svg(title, values, observed)).Append("<figcaption>")
                .Append(Escape($"{values.Length.ToString("N0", CultureInfo.InvariantCulture)} permutations; observed {Number(observed, "G4")}, 0.05 critical value {Number(NullHistogram.Critical(values), "G4")}."))
                .Append("</figcaption></figure>");
        }
        html.Append("</div></section>\n");
    }
}
