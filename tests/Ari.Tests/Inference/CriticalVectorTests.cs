using Ari.Inference;

namespace Ari.Tests.Inference;

/// <summary>
/// The general critical-vector form TD(S) = max_k (1 - k + #{i in S : p_i &lt;= t_k}) against its definition by brute
/// force, and the Simes vector in threshold form against today's Simes bounds (identical categories and bounds).
/// </summary>
public class CriticalVectorTests
{
    /// <summary>The definition, evaluated literally.</summary>
    private static int Definition(double[] thresholds, IEnumerable<double> pOfSet)
    {
        var p = pOfSet.ToArray();
        int best = 0;
        for (int k = 1; k <= thresholds.Length; k++)
            best = Math.Max(best, 1 - k + p.Count(x => x <= thresholds[k - 1]));
        return best;
    }

    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 9)]
    [InlineData(3, 12)]
    public void ArbitraryThresholdsMatchTheDefinitionOnEverySubset(int seed, int m)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            int length = random.Next(1, m + 1);
            var t = Enumerable.Range(0, length).Select(_ => Math.Round(random.NextDouble() * 0.3, 2)).Order().ToArray();
            if (trial % 5 == 0) t[^1] = double.PositiveInfinity;
            // p-values on the same coarse grid, so ties with thresholds happen.
            var p = Enumerable.Range(0, m).Select(_ => Math.Round(random.NextDouble() * random.NextDouble() * 0.4, 2)).ToArray();
            var vector = new CriticalVector(t, 0.05);
            var bounds = TrueDiscoveryBounds.Create(p, vector);
            for (int set = 1; set < 1 << m; set++)
            {
                var members = Enumerable.Range(0, m).Where(i => (set >> i & 1) != 0).ToArray();
                int expected = Definition(t, members.Select(i => p[i]));
                Assert.Equal(expected, bounds.LowerBoundTrueDiscoveries(members));
                Assert.Equal(expected, vector.TrueDiscoveries(members.Select(i => p[i]).ToArray()));
            }
            Assert.Equal(m - Definition(t, p), bounds.HommelValue);
        }
    }

    [Theory]
    [InlineData(11, 8, 0.05)]
    [InlineData(12, 11, 0.1)]
    [InlineData(13, 12, 0.25)]
    public void SimesVectorIsClosedTesting(int seed, int m, double alpha)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 6; trial++)
        {
            var p = Enumerable.Range(0, m).Select(_ => random.NextDouble() < 0.5 ? random.NextDouble() * 0.01 : random.NextDouble()).ToArray();
            if (trial == 0) p[0] = 0;
            var vector = CriticalVector.Simes(p, alpha);
            var closed = BruteForceClosedTesting.ClosedRejections(p, alpha);
            for (int set = 1; set < 1 << m; set++)
            {
                var members = Enumerable.Range(0, m).Where(i => (set >> i & 1) != 0).Select(i => p[i]).ToArray();
                Assert.Equal(BruteForceClosedTesting.TrueDiscoveries(closed, set), vector.TrueDiscoveries(members));
            }
        }
    }

    public static TheoryData<string, double[], double> Families()
    {
        var random = new Random(5);
        var data = new TheoryData<string, double[], double>
        {
            { "all zero", [0, 0, 0, 0], 0.05 },
            { "h = 0", [0.001, 0.01, 0.02, 0.04], 0.05 },
            { "all one", [1, 1, 1], 0.05 },
            { "dyadic ties on the line", [0.0625, 0.0625, 0.125, 0.125, 0.1875, 0.25, 0.5, 0.75], 0.25 },
        };
        for (int f = 0; f < 4; f++)
        {
            int m = 200 + 900 * f;
            double alpha = new[] { 0.05, 0.1, 0.01, 0.2 }[f];
            data.Add($"random {m}", [.. Enumerable.Range(0, m).Select(i => i % 7 == 0 ? random.NextDouble() * 1e-4 : random.NextDouble())], alpha);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void SimesThresholdFormReproducesTheSimesBoundsExactly(string name, double[] p, double alpha)
    {
        _ = name;
        var simes = CriticalVector.Simes(p, alpha);
        var general = new CriticalVector(simes.Thresholds, alpha);
        Assert.Equal(p.Length, general.Length);
        int h = simes.Hommel!.Value;
        // Every p of the family, and the doubles right at and around each nominal threshold k alpha / h.
        var probes = new List<double>(p) { 0, 1, double.Epsilon };
        for (int k = 1; k <= p.Length && h > 0; k++)
        {
            double x = Math.Min(1, k * alpha / h);
            probes.AddRange([x, Math.BitIncrement(x), Math.BitDecrement(x), simes.Thresholds[k - 1], Math.BitIncrement(simes.Thresholds[k - 1])]);
        }
        foreach (double x in probes.Where(x => x is >= 0 and <= 1))
        {
            int expected = TrueDiscoveryBounds.Category(x, h, alpha, p.Length);
            Assert.Equal(expected > p.Length ? CriticalVector.Never : expected, general.Category(x));
            Assert.Equal(simes.Category(x), general.Category(x));
        }

        var today = TrueDiscoveryBounds.Create(p, alpha);
        var viaThresholds = TrueDiscoveryBounds.Create(p, general);
        Assert.Equal(today.HommelValue, viaThresholds.HommelValue);
        Assert.Equal(today.Categories.ToArray(), viaThresholds.Categories.ToArray());
        var random = new Random(p.Length);
        for (int trial = 0; trial < 200; trial++)
        {
            var set = Enumerable.Range(0, p.Length).Where(_ => random.NextDouble() < 0.3).ToArray();
            Assert.Equal(today.LowerBoundTrueDiscoveries(set), viaThresholds.LowerBoundTrueDiscoveries(set));
        }
    }

    [Fact]
    public void RejectsDecreasingOrNaNThresholds()
    {
        Assert.Throws<ArgumentException>(() => new CriticalVector([0.1, 0.05], 0.05));
        Assert.Throws<ArgumentException>(() => new CriticalVector([double.NaN], 0.05));
        Assert.Throws<ArgumentException>(() => new CriticalVector([], 0.05));
    }

    [Fact]
    public void APValueAboveEveryThresholdNeverCounts()
    {
        var vector = new CriticalVector([0.01, 0.02], 0.05);
        Assert.Equal(1, vector.Category(0.01));
        Assert.Equal(2, vector.Category(0.015));
        Assert.Equal(CriticalVector.Never, vector.Category(0.5));
        // Four p-values of category 2: 1 - 2 + 4 = 3 (k = 1 counts none of them).
        Assert.Equal(3, vector.TrueDiscoveries([0.015, 0.015, 0.015, 0.015]));
        Assert.Equal(4, vector.TrueDiscoveries([0, 0, 0, 0]));
    }
}
