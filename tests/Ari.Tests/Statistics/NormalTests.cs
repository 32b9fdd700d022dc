using System.Globalization;
using System.Text.Json;
using Ari.Statistics;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Statistics;

/// <summary>Normal tails and quantiles against 60-digit mpmath values (tests/reference-scripts/normal_values.py).</summary>
public class NormalTests
{
    private static readonly JsonElement Expected =
        TestPaths.Json("Statistics", "normal_values.json");

    private static double Parse(JsonElement e) => double.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    private static double RelativeError(double actual, double expected) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);

    [Fact]
    public void TailsAreAccurateDownToTheSmallestNormalDouble()
    {
        double worst = 0;
        foreach (var row in Expected.GetProperty("tails").EnumerateArray())
        {
            double x = row.GetProperty("x").GetDouble();
            foreach (var (name, actual) in new[] { ("sf", Normal.Sf(x)), ("cdf", Normal.Cdf(x)) })
            {
                double expected = Parse(row.GetProperty(name));
                if (expected < 2.2250738585072014e-308)
                {
                    Assert.True(actual < 1e-300, $"{name}({x}) = {actual}, expected ~{expected}");
                    continue;
                }
                double error = RelativeError(actual, expected);
                worst = Math.Max(worst, error);
                Assert.True(error < 2e-14, $"{name}({x}) = {actual:R}, expected {expected:R} (relative error {error:E2})");
            }
        }
        Assert.True(worst > 0, "the comparison compared nothing");
    }

    [Fact]
    public void QuantilesAreAccurateDownTo1e320()
    {
        foreach (var row in Expected.GetProperty("quantiles").EnumerateArray())
        {
            double p = row.GetProperty("p").GetDouble();
            double expected = Parse(row.GetProperty("isf"));
            double isf = Normal.Isf(p), ppf = Normal.Ppf(p);
            Assert.True(Math.Abs(isf - expected) <= 1e-14 * Math.Max(1, Math.Abs(expected)), $"isf({p:R}) = {isf:R}, expected {expected:R}");
            Assert.True(Math.Abs(ppf + expected) <= 1e-14 * Math.Max(1, Math.Abs(expected)), $"ppf({p:R}) = {ppf:R}, expected {-expected:R}");
        }
    }

    [Fact]
    public void EdgesAndRoundTrips()
    {
        Assert.Equal(double.PositiveInfinity, Normal.Isf(0));
        Assert.Equal(double.NegativeInfinity, Normal.Isf(1));
        Assert.Equal(double.NegativeInfinity, Normal.Ppf(0));
        Assert.True(double.IsNaN(Normal.Isf(-0.1)) && double.IsNaN(Normal.Ppf(1.5)) && double.IsNaN(Normal.Sf(double.NaN)));
        Assert.Equal(0.0, Normal.Sf(double.PositiveInfinity));
        Assert.Equal(1.0, Normal.Sf(double.NegativeInfinity));
        Assert.Equal(0.0, Normal.Sf(40));
        foreach (double z in new[] { -3.3, -0.5, 0.0, 0.7, 2.5, 6.0, 12.0, 30.0, 37.0 })
            Assert.True(Math.Abs(Normal.Isf(Normal.Sf(z)) - z) < 1e-12 * Math.Max(1, Math.Abs(z)), $"isf(sf({z}))");
    }

    [Fact]
    public void BatchSfEqualsScalarSf()
    {
        var x = Enumerable.Range(0, 100_000).Select(i => (i - 50_000) * 0.0008).ToArray();
        var p = Normal.Sf(x);
        for (int i = 0; i < x.Length; i += 997) Assert.Equal(Normal.Sf(x[i]), p[i]);
    }
}
