using System.Globalization;
using Ari.Statistics;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Statistics;

/// <summary>F tails against 60-digit mpmath values (tests/reference-scripts/fisher_f_values.py).</summary>
public class FisherFTests
{
    [Fact]
    public void BothTailsAreAccurateInRelativeTerms()
    {
        double worst = 0;
        string where = "";
        foreach (var f in File.ReadLines(TestPaths.TestFile("Statistics", "fisher_f_values.tsv")).Skip(1)
                     .Select(line => line.Split('\t').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()))
        {
            var (lower, upper) = FisherF.Tails(f[2], f[0], f[1]);
            foreach (var (name, actual, expected) in new[] { ("sf", upper, f[3]), ("cdf", lower, f[4]) })
            {
                if (expected < 1e-300) { Assert.True(actual < 1e-290); continue; }
                // Allowance: 1e-13 relative (continued fractions with large parameters), growing as 4e-16 |ln p| far out.
                double error = Math.Abs(actual - expected) / expected / Math.Max(1e-13, 4e-16 * Math.Abs(Math.Log(expected)));
                if (error > worst) { worst = error; where = $"{name}(f={f[2]}, d1={f[0]}, d2={f[1]}) = {actual:R}, expected {expected:R}"; }
            }
        }
        Assert.True(worst <= 1, $"worst relative error {worst:F2} x the allowance at {where}");
    }

    [Fact]
    public void FOneNIsTheSquareOfT()
    {
        foreach (double t in new[] { 0.1, 1.0, 2.5, 9.0, 40.0 })
            Assert.True(Math.Abs(FisherF.Sf(t * t, 1, 12) - 2 * StudentT.Sf(t, 12)) <= 1e-14 * FisherF.Sf(t * t, 1, 12));
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal((0.0, 1.0), FisherF.Tails(0, 2, 5));
        Assert.Equal((1.0, 0.0), FisherF.Tails(double.PositiveInfinity, 2, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => FisherF.Sf(1, 0, 5));
    }
}
