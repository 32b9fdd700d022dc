using Ari.RandomNumbers;
using Ari.Datasets.Simulation;
using Ari.Statistics;

namespace Ari.Tests.Datasets;

public class NormalSamplerTests
{
    [Fact]
    public void PortableLog_is_within_one_ulp_of_the_platform_log()
    {
        var random = new Xoshiro256StarStar(11);
        var values = new List<double> { 1, 2, 0.5, Math.E, 1 + 1e-15, 1 - 1e-16, 1e-300, 5e-324, 1e300, double.MaxValue, double.Epsilon * 3, 0.7071067811865476, 1.4142135623730951 };
        for (int n = 0; n < 200_000; n++)
            values.Add(Math.Pow(2, 80 * random.NextDouble() - 40) * (1 + random.NextDouble()));
        for (int n = 0; n < 10_000; n++)
            values.Add(random.NextDouble() + 1e-300); // what the polar method takes the log of: (0, 1)
        foreach (double x in values)
        {
            double expected = Math.Log(x), got = NormalSampler.PortableLog(x);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(got - expected) <= ulp, $"ln({x:R}) = {got:R}, expected {expected:R}");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalSampler.PortableLog(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalSampler.PortableLog(-1));
    }

    [Fact]
    public void Deviates_follow_the_standard_normal()
    {
        var sampler = new NormalSampler(new Xoshiro256StarStar(2024));
        var x = new double[200_000];
        sampler.Fill(x);
        double mean = x.Average();
        double variance = x.Select(v => (v - mean) * (v - mean)).Sum() / (x.Length - 1);
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
        // Kolmogorov-Smirnov distance to the normal CDF (critical value at 1 %: 1.63 / sqrt(n) = 0.0036)
        Array.Sort(x);
        double d = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double f = Normal.Cdf(x[i]);
            d = Math.Max(d, Math.Max(f - (double)i / x.Length, (double)(i + 1) / x.Length - f));
        }
        Assert.True(d < 0.0036, $"KS distance {d}");
    }

    [Fact]
    public void A_seed_gives_the_same_deviates()
    {
        var a = new double[1000];
        var b = new double[1000];
        new NormalSampler(new Xoshiro256StarStar(5)).Fill(a);
        new NormalSampler(new Xoshiro256StarStar(5)).Fill(b);
        Assert.Equal(a, b);
        new NormalSampler(new Xoshiro256StarStar(6)).Fill(b);
        Assert.NotEqual(a, b);
    }
}
