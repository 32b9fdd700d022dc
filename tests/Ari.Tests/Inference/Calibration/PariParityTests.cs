using System.Globalization;
using Ari.Inference.Calibration;
using static Ari.Tests.Inference.Calibration.CalibrationFixture;

namespace Ari.Tests.Inference.Calibration;

/// <summary>
/// pARI's lambda (lambdaOpt), critical vector (criticalVector) and bounds (dI) on the same data and sign flips
/// (calibration_pari.tsv from tests/reference-scripts/calibration_pari.R): pARI puts the observed statistics first and
/// takes the (floor(alpha B) + 1)-th smallest pivotal statistic, K = m.
/// </summary>
public class PariParityTests
{
    private sealed record Row(string Case, string Data, string Family, double Alpha, string Alternative, string Quantity, string Key, double Value);

    private static readonly Row[] Rows = System.IO.File.ReadAllLines(File("calibration_pari.tsv")).Skip(1)
        .Select(l => l.Split('\t'))
        .Select(f => new Row(f[0], f[1], f[2], double.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5], f[6],
            double.Parse(f[7], CultureInfo.InvariantCulture)))
        .ToArray();

    public static TheoryData<string> Cases() => new(Rows.Select(r => r.Case).Distinct());

    [Theory]
    [MemberData(nameof(Cases))]
    public void LambdaCriticalVectorAndBoundsEqualPari(string name)
    {
        var rows = Rows.Where(r => r.Case == name).ToArray();
        var first = rows[0];
        var data = Data(first.Data);
        var sidedness = first.Alternative == "greater" ? Sidedness.OneSided : Sidedness.TwoSided;
        var family = first.Family == "beta" ? TemplateFamily.Beta : TemplateFamily.Simes;
        int m = data[0].Length;
        // pARI's table: the observed statistics, then flips 1..B-1 (row 0 of the table is the identity)
        var nullP = NullPValues(data, Flips("inference"), sidedness, m);

        var result = PariCalibration.Calibrate(nullP, family, first.Alpha, m);

        double tolerance = family == TemplateFamily.Beta ? 1e-10 : 1e-9;
        AssertClose(rows.Single(r => r.Quantity == "lambda").Value, result.Lambda, tolerance, "lambda");
        var cv = rows.Where(r => r.Quantity == "cv").ToArray();
        Assert.Equal(m, cv.Length);
        for (int k = 0; k < m; k++) AssertClose(cv[k].Value, result.Thresholds[k], tolerance, $"cv_{k + 1}");

        var p = ObservedP(data, sidedness);
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ToArray();
        foreach (var bound in rows.Where(r => r.Quantity == "bound"))
        {
            int[] members = bound.Key.StartsWith("top", StringComparison.Ordinal)
                ? order[..int.Parse(bound.Key[3..], CultureInfo.InvariantCulture)]
                : Range(bound.Key);
            Assert.Equal((int)bound.Value, TrueDiscoveries(p, members, result.Thresholds));
        }
    }

    [Fact]
    public void PariLambdaIsSanssouciScaleOverAlphaWithAnOrderStatistic()
    {
        var data = Data("signal");
        int m = data[0].Length;
        var nullP = NullPValues(data, Flips("inference"), Sidedness.TwoSided, m);
        var pari = PariCalibration.Calibrate(nullP, TemplateFamily.Simes, 0.05, m);
        var psi = CalibratedSimes.PivotalStatistics(nullP, m).Order().ToArray();
        // pARI: the 11th smallest of 200 (floor(0.05 * 200) + 1) on a scale 1/alpha larger; t_k equal after the factor alpha
        AssertClose(psi[10] / 0.05, pari.Lambda, 1e-12, "lambda");
        for (int k = 1; k <= m; k++) AssertClose(psi[10] * k / m, pari.Thresholds[k - 1], 1e-12, $"t_{k}");
    }

    private static int[] Range(string key)
    {
        var parts = key["range".Length..].Split('_').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return Enumerable.Range(parts[0], parts[1] - parts[0]).ToArray();
    }
}
