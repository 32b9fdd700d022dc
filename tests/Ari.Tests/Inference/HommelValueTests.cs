using Ari.Inference;

namespace Ari.Tests.Inference;

/// <summary>Hommel's h from the fast algorithm equals trying every j, on random and adversarial p-vectors.</summary>
public class HommelValueTests
{
    public static TheoryData<string, double[], double> Adversarial() => new()
    {
        { "one p below alpha", [0.01], 0.05 },
        { "one p above alpha", [0.5], 0.05 },
        { "one p equal to alpha", [0.25], 0.25 },
        { "all below alpha", [0.001, 0.002, 0.01, 0.03, 0.049], 0.05 },
        { "all above alpha", [0.06, 0.5, 0.9, 1.0, 0.2], 0.05 },
        { "all zero", [0, 0, 0, 0], 0.05 },
        { "all one", [1, 1, 1], 0.05 },
        { "zeros and ones", [0, 1, 0, 1, 1, 0, 1], 0.05 },
        { "one zero among nulls", [0, 0.3, 0.7, 0.9, 0.5], 0.05 },
        { "ties below alpha", [0.01, 0.01, 0.01, 0.01, 0.8, 0.8], 0.05 },
        { "ties above alpha", [0.2, 0.2, 0.2, 0.2, 0.2], 0.05 },
        { "largest equals alpha", [0.01, 0.02, 0.05], 0.05 },
        // Dyadic values make every product j p and k alpha exact, so these sit exactly on Simes lines.
        { "exactly on the line j=4", [0.0625, 0.125, 0.1875, 0.25], 0.25 },
        { "exactly on the line, shifted", [0.5, 0.0625, 0.125, 0.1875, 0.25, 0.75], 0.25 },
        { "dyadic ties", [0.125, 0.125, 0.125, 0.25, 0.25, 0.5, 0.5, 0.5], 0.25 },
        { "dyadic staircase", [0.03125, 0.0625, 0.09375, 0.125, 0.15625, 0.1875, 0.21875, 0.25, 0.28125], 0.25 },
        { "just above the line", [0.0625000000001, 0.1250000000001, 0.1875000000001, 0.25000000001], 0.25 },
    };

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void AdversarialVectorsMatchBruteForce(string name, double[] p, double alpha)
    {
        int expected = BruteForceClosedTesting.Hommel(p, alpha);
        Assert.True(expected == HommelValue.Compute(p, alpha), name);
        Assert.Equal(expected, HommelValue.ComputeSorted(p.OrderBy(x => x).ToArray(), alpha));
        Assert.Equal(expected, HommelValue.FromOrder(p, PValueOrder.Sort(p), alpha));
    }

    [Theory]
    [InlineData(1, 1, 0.05)]
    [InlineData(2, 5, 0.05)]
    [InlineData(3, 30, 0.05)]
    [InlineData(4, 200, 0.05)]
    [InlineData(5, 200, 0.2)]
    [InlineData(6, 500, 0.01)]
    public void RandomVectorsMatchBruteForce(int seed, int m, double alpha)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 200; trial++)
        {
            // A mixture of nulls (uniform) and signals (p shrunk towards 0) of random strength and share.
            double share = random.NextDouble(), strength = Math.Pow(10, -4 * random.NextDouble());
            var p = new double[m];
            for (int i = 0; i < m; i++)
                p[i] = random.NextDouble() < share ? random.NextDouble() * strength : random.NextDouble();
            if (trial % 7 == 0) for (int i = 0; i < m; i += 3) p[i] = Math.Round(p[i], 2); // ties
            int expected = BruteForceClosedTesting.Hommel(p, alpha);
            Assert.Equal(expected, HommelValue.Compute(p, alpha));
            Assert.Equal(expected, HommelValue.FromOrder(p, PValueOrder.Sort(p), alpha)); // the cluster tree's way
        }
    }

    [Fact]
    public void ExtremeSignalIsAllRejected()
    {
        var p = Enumerable.Range(1, 1000).Select(i => 1e-300 * i).ToArray();
        Assert.Equal(0, HommelValue.Compute(p, 0.05));
    }

    [Fact]
    public void PureNullIsNeverRejectedFully()
    {
        var p = Enumerable.Range(1, 1000).Select(i => (i - 0.5) / 1000).ToArray();
        Assert.Equal(BruteForceClosedTesting.Hommel(p, 0.05), HommelValue.Compute(p, 0.05));
        Assert.Equal(1000, HommelValue.Compute(p, 0.05));
    }

    [Fact]
    public void EmptyFamilyHasHZero() => Assert.Equal(0, HommelValue.Compute([], 0.05));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void RejectsAlphaOutsideTheOpenUnitInterval(double alpha) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HommelValue.Compute([0.1, 0.2], alpha));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1e-9)]
    [InlineData(1.5)]
    public void RejectsInvalidPValues(double bad) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HommelValue.Compute([0.1, bad], 0.05));
}
