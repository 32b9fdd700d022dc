using Ari.Inference;

namespace Ari.Tests.Inference;

/// <summary>The ARI bound for a set equals brute-force closed testing with Simes local tests (m &lt;= 12).</summary>
public class TrueDiscoveryBoundsTests
{
    [Theory]
    [InlineData(1, 4, 0.05)]
    [InlineData(2, 8, 0.05)]
    [InlineData(3, 10, 0.1)]
    [InlineData(4, 12, 0.05)]
    [InlineData(5, 12, 0.2)]
    public void EverySubsetMatchesClosedTesting(int seed, int m, double alpha)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 12; trial++)
        {
            double share = random.NextDouble(), strength = Math.Pow(10, -3 * random.NextDouble());
            var p = Enumerable.Range(0, m).Select(_ => random.NextDouble() < share ? random.NextDouble() * strength : random.NextDouble()).ToArray();
            AssertAllSubsetsMatch(p, alpha);
        }
    }

    public static TheoryData<string, double[], double> Adversarial() => new()
    {
        { "all zero", [0, 0, 0, 0, 0], 0.05 },
        { "all one", [1, 1, 1, 1], 0.05 },
        { "zeros among nulls (nilearn's u = 0 bug)", [0, 0, 0.4, 0.6, 0.9, 0.3], 0.05 },
        { "all below alpha (h = 0)", [0.001, 0.01, 0.02, 0.03, 0.04], 0.05 },
        { "one p", [0.01], 0.05 },
        { "dyadic ties on the line", [0.0625, 0.0625, 0.125, 0.125, 0.1875, 0.25, 0.5, 0.75], 0.25 },
        { "dyadic staircase", [0.03125, 0.0625, 0.09375, 0.125, 0.15625, 0.1875, 0.21875, 0.25, 0.28125, 1.0], 0.25 },
        { "strong signal, many nulls", [1e-10, 2e-10, 1e-8, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99], 0.05 },
    };

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void AdversarialFamiliesMatchClosedTesting(string name, double[] p, double alpha)
    {
        _ = name;
        AssertAllSubsetsMatch(p, alpha);
    }

    [Fact]
    public void HZeroMakesEveryHypothesisADiscovery()
    {
        var bounds = TrueDiscoveryBounds.Create([1e-5, 2e-3, 0.01, 0.04], 0.05);
        Assert.Equal(0, bounds.HommelValue);
        Assert.Equal(3, bounds.LowerBoundTrueDiscoveries([0, 2, 3]));
        Assert.Equal(1.0, bounds.LowerBoundTrueDiscoveryProportion([0, 1, 2, 3]));
    }

    [Fact]
    public void BoundsStayWithinTheSetSizeOnLargeFamilies()
    {
        var random = new Random(9);
        var p = Enumerable.Range(0, 50_000).Select(i => i < 5000 ? random.NextDouble() * 1e-7 : random.NextDouble()).ToArray();
        p[3] = 0; p[4] = 0; // p = 0 (z beyond ~38)
        var bounds = TrueDiscoveryBounds.Create(p, 0.05);
        Assert.Equal(bounds.TotalTrueDiscoveries, bounds.LowerBoundTrueDiscoveries(Enumerable.Range(0, p.Length).ToArray()));
        var signal = Enumerable.Range(0, 5000).ToArray();
        int d = bounds.LowerBoundTrueDiscoveries(signal);
        Assert.InRange(d, 4000, 5000);
        Assert.Equal(2, bounds.LowerBoundTrueDiscoveries([3, 4]));
        Assert.Equal(0, bounds.LowerBoundTrueDiscoveries(Enumerable.Range(10_000, 30_000).ToArray()));
        Assert.Equal(0, bounds.LowerBoundTrueDiscoveries([]));
    }

    [Theory]
    [InlineData(1, 0.05, 0.0, false)]
    [InlineData(2, 0.05, 0.3, false)]
    [InlineData(3, 0.05, 0.3, true)]
    [InlineData(4, 0.2, 0.9, false)]
    [InlineData(5, 0.01, 1.0, true)]  // every voxel strongly active: h = 0
    [InlineData(6, 0.5, 0.05, true)]
    public void FromZEqualsCreateOnAllPValues(int seed, double alpha, double share, bool twoSided)
    {
        var random = new Random(seed);
        var z = new double[20_000];
        for (int i = 0; i < z.Length; i++)
        {
            double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            z[i] = random.NextDouble() < share ? (share == 1.0 ? 8 : 4) * (twoSided && i % 2 == 0 ? -1 : 1) + noise : noise;
        }
        z[0] = double.NaN; z[1] = double.PositiveInfinity; z[2] = double.NegativeInfinity; z[3] = 40; z[4] = -40;
        if (share == 1.0) z[0] = z[2] = 9;

        var expected = TrueDiscoveryBounds.Create(VoxelPValues.FromZ(z, twoSided), alpha);
        var actual = TrueDiscoveryBounds.FromZ(z, alpha, twoSided);

        Assert.Equal(expected.HommelValue, actual.HommelValue);
        Assert.Equal(expected.Categories.ToArray(), actual.Categories.ToArray());
        if (share == 1.0) Assert.Equal(0, actual.HommelValue);
    }

    private static void AssertAllSubsetsMatch(double[] p, double alpha)
    {
        int m = p.Length;
        var bounds = TrueDiscoveryBounds.Create(p, alpha);
        var rejected = BruteForceClosedTesting.ClosedRejections(p, alpha);
        Assert.Equal(BruteForceClosedTesting.Hommel(p, alpha), bounds.HommelValue);
        Assert.Equal(BruteForceClosedTesting.TrueDiscoveries(rejected, (1 << m) - 1), bounds.TotalTrueDiscoveries);
        for (int subset = 1; subset < 1 << m; subset++)
        {
            var members = Enumerable.Range(0, m).Where(i => (subset >> i & 1) != 0).ToArray();
            int expected = BruteForceClosedTesting.TrueDiscoveries(rejected, subset);
            int actual = bounds.LowerBoundTrueDiscoveries(members);
            Assert.True(expected == actual, $"set {{{string.Join(",", members)}}} of p [{string.Join(", ", p)}]: closed testing {expected}, bound {actual}");
        }
    }
}
