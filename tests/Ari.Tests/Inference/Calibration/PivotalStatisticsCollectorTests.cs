using Ari.Inference.Calibration;
using static Ari.Tests.Inference.Calibration.CalibrationFixture;

namespace Ari.Tests.Inference.Calibration;

/// <summary>The streaming collector (sorted scores, p-values only where the minimum can change) gives the same doubles as the definition.</summary>
public class PivotalStatisticsCollectorTests
{
    [Theory]
    [InlineData("signal", 400, Sidedness.TwoSided)]
    [InlineData("signal", 37, Sidedness.OneSided)]
    [InlineData("noise", 400, Sidedness.OneSided)]
    [InlineData("noise", 1, Sidedness.TwoSided)]
    public void EqualsThePivotalStatisticsOfTheFullTable(string data, int kMax, Sidedness sidedness)
    {
        var x = Data(data);
        var flips = Flips("inference");
        int m = x[0].Length;
        var table = NullPValues(x, flips, sidedness, m);
        var collector = new PivotalStatisticsCollector(flips.Length, m, kMax, keptColumns: 25, new TStatisticPValues(x.Length - 1, sidedness), 0.05);
        Parallel.For(0, flips.Length, b => collector.Add(b, FlippedT(x, flips[b])));

        Assert.Equal(CalibratedSimes.PivotalStatistics(table, kMax), collector.SimesPivotal.ToArray());
        Assert.Equal(PariCalibration.PivotalStatistics(table, TemplateFamily.Simes, 0.05, kMax), collector.PariPivotal.ToArray());
        for (int b = 0; b < flips.Length; b++) Assert.Equal(table.Row(b)[..25].ToArray(), collector.Kept!.Row(b).ToArray());
        var simes = CalibratedSimes.FromPivotal(collector.SimesPivotal, 0.05, kMax, m);
        Assert.Equal(CalibratedSimes.Calibrate(table, 0.05, kMax), simes with { Thresholds = simes.Thresholds }, new TemplateComparer());
        var pari = PariCalibration.FromSimesPivotal(collector.PariPivotal, 0.05, kMax, m);
        Assert.Equal(PariCalibration.Calibrate(table, TemplateFamily.Simes, 0.05, kMax).Thresholds, pari.Thresholds);
    }

    [Fact]
    public void EvaluatesFewPValuesOnANullMap()
    {
        int m = 100_000, evaluated = 0;
        var random = new Random(5);
        var convention = new TStatisticPValues(100_000, Sidedness.TwoSided); // ~normal: uniform null p-values
        var negated = Enumerable.Range(0, m)
            .Select(_ => -convention.Score(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))
            .Order().ToArray();
        var term = (double p, int k) => { evaluated++; return p * m / k; };
        double min = PivotalStatisticsCollector.MinimumOverRanks(new RankedPValues(negated, convention), m, term);
        double brute = Enumerable.Range(1, m).Min(k => convention.FromScore(-negated[k - 1]) * m / k);
        Assert.Equal(brute, min);
        Assert.True(evaluated < 2_000, $"{evaluated} of {m} terms evaluated");
    }

    [Theory]
    [InlineData(Sidedness.OneSided, 50_000)]
    [InlineData(Sidedness.TwoSided, 50_000)]
    [InlineData(Sidedness.TwoSided, 1)]
    public void LazyRanksAreTheFullSortWithTiesInfinitiesAndNaN(Sidedness sidedness, int m)
    {
        var random = new Random(3);
        // rounded normals (many ties), a constant block, NaN (p = 1) and both infinities
        var t = Enumerable.Range(0, m).Select(_ => Math.Round(3 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()), 2)).ToArray();
        if (m > 100)
        {
            for (int i = 0; i < 500; i++) t[i] = 1.25;
            t[600] = double.NaN; t[601] = double.PositiveInfinity; t[602] = double.NegativeInfinity; t[603] = 40;
        }
        var convention = new TStatisticPValues(15, sidedness);
        var sorted = t.Select(x => -convention.Score(x)).Order().ToArray();
        var lazy = new LazyRankedScores();
        lazy.Load(t, convention);
        foreach (int r in Enumerable.Range(0, m).OrderBy(_ => random.Next()).Take(300).Append(0).Append(m - 1))
            Assert.Equal(sorted[r], lazy.At(r));
        for (int r = 0; r < m; r++) Assert.Equal(sorted[r], lazy.At(r));

        var collector = new PivotalStatisticsCollector(1, m, m, Math.Min(m, 100), convention, 0.05);
        collector.Add(0, t);
        double simes = Enumerable.Range(1, m).Min(k => convention.FromScore(-sorted[k - 1]) * m / k);
        double pari = Enumerable.Range(1, m).Min(k => ((double)m * convention.FromScore(-sorted[k - 1])) / ((double)k * 0.05));
        Assert.Equal(simes, collector.SimesPivotal[0]);
        Assert.Equal(pari, collector.PariPivotal[0]);
        Assert.Equal(sorted.Take(Math.Min(m, 100)).Select(s => convention.FromScore(-s)).ToArray(), collector.Kept!.Row(0).ToArray());
    }

    private sealed class TemplateComparer : IEqualityComparer<CalibratedTemplate>
    {
        public bool Equals(CalibratedTemplate? x, CalibratedTemplate? y) =>
            x!.Lambda == y!.Lambda && x.Thresholds.SequenceEqual(y.Thresholds) && x.KMax == y.KMax && x.Permutations == y.Permutations;

        public int GetHashCode(CalibratedTemplate obj) => 0;
    }
}
