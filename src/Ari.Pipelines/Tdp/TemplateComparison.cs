using System.Globalization;
using System.Text;
using Ari.Inference;
using Ari.IO;

namespace Ari.Pipelines.Tdp;

/// <summary>One cluster's bounds by parametric ARI and by a calibrated template.</summary>
public sealed record TemplateComparisonRow(int ClusterId, double? Threshold, int Size, double PeakStat,
    int AriTrueDiscoveries, double AriTdp, int TemplateTrueDiscoveries, double TemplateTdp);

/// <summary>
/// comparison.tsv of `ari tdp --compare-template`: per cluster (same clusters, same order as clusters.tsv), the
/// true-discovery bound and TDP of parametric ARI next to those of the template's critical vector.
/// </summary>
public sealed record TemplateComparison(IReadOnlyList<TemplateComparisonRow> Rows)
{
    /// <summary>The file's name in the output folder of `ari tdp --compare-template`.</summary>
    public const string FileName = "comparison.tsv";

    /// <summary>The header: cluster id, threshold, size, peak statistic, then the bound and TDP of ARI and of the template.</summary>
    public static readonly string[] Columns =
        ["cluster_id", "threshold", "size", "peak_stat", "ari_true_discoveries", "ari_tdp", "template_true_discoveries", "template_tdp"];

    /// <summary>Pairs the clusters of two results computed on the same map and options (only the critical vector differs).</summary>
    public static TemplateComparison Of(ClusterLevelResult parametric, ClusterLevelResult template)
    {
        var a = parametric.Clusters.Clusters;
        var b = template.Clusters.Clusters;
        if (a.Count != b.Count) throw new InvalidOperationException("the two results have different clusters");
        var rows = new List<TemplateComparisonRow>(a.Count);
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Id != b[i].Id || a[i].Size != b[i].Size || a[i].Threshold != b[i].Threshold)
                throw new InvalidOperationException("the two results have different clusters");
            rows.Add(new TemplateComparisonRow(a[i].Id, a[i].Threshold, a[i].Size, a[i].PeakStat,
                a[i].TrueDiscoveries, a[i].Tdp, b[i].TrueDiscoveries, b[i].Tdp));
        }
        return new TemplateComparison(rows);
    }

    /// <summary>Tab-separated with a header row, invariant culture, "n/a" for no threshold (regions).</summary>
    public void WriteTsv(Stream stream)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine(string.Join('\t', Columns));
        foreach (var r in Rows)
            w.WriteLine(string.Join('\t', N(r.ClusterId), r.Threshold is { } t ? N(t) : "n/a", N(r.Size), N(r.PeakStat),
                N(r.AriTrueDiscoveries), N(r.AriTdp), N(r.TemplateTrueDiscoveries), N(r.TemplateTdp)));
    }

    /// <summary>Reads comparison.tsv back (the report and tests use this, not column names of their own).</summary>
    public static TemplateComparison Read(string path)
    {
        static AriException Fail(string message) => AriException.For("comparison", message);
        var table = DelimitedTable.Read(path, Fail);
        if (!table.Columns.SequenceEqual(Columns))
            throw Fail($"{path}: not a {FileName} (header differs)");
        var rows = new List<TemplateComparisonRow>();
        foreach (var f in table.Rows)
        {
            rows.Add(new TemplateComparisonRow(int.Parse(f[0], CultureInfo.InvariantCulture),
                f[1] == "n/a" ? null : double.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture), int.Parse(f[6], CultureInfo.InvariantCulture),
                double.Parse(f[7], CultureInfo.InvariantCulture)));
        }
        return new TemplateComparison(rows);
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);
}
