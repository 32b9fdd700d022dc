namespace Ari.Statistics;

/// <summary>
/// The F distribution with (d1, d2) degrees of freedom, both tails accurate in relative terms:
/// P(F &gt; f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2), with x and 1 - x formed without cancellation.
/// </summary>
internal static class FisherF
{
    /// <summary>Survival function P(F &gt; f) (scipy.stats.f.sf).</summary>
    public static double Sf(double f, double d1, double d2) => Tails(f, d1, d2).Upper;

    /// <summary>Cumulative distribution P(F ≤ f) (scipy.stats.f.cdf).</summary>
    public static double Cdf(double f, double d1, double d2) => Tails(f, d1, d2).Lower;

    /// <summary>(P(F ≤ f), P(F &gt; f)), each accurate in relative terms.</summary>
    public static (double Lower, double Upper) Tails(double f, double d1, double d2)
    {
        if (!(d1 > 0) || !(d2 > 0))
            throw new ArgumentOutOfRangeException(nameof(d1), $"degrees of freedom must be positive, got ({d1}, {d2})");
        if (double.IsNaN(f)) return (double.NaN, double.NaN);
        if (f <= 0) return (0, 1);
        if (double.IsPositiveInfinity(f)) return (1, 0);
        double r = d1 * f / d2;                     // (d1 f / d2): the odds of the lower side
        double lnR = Math.Log(d1) + Math.Log(f) - Math.Log(d2);
        double x, y, lnX, lnY;                       // x = d2 / (d2 + d1 f), y = 1 - x
        if (r > 1e300)
        {
            lnX = -lnR; x = Math.Exp(lnX); y = 1; lnY = 0;
        }
        else
        {
            double log1pR = IncompleteBeta.Log1P(r);
            x = 1 / (1 + r);
            y = r / (1 + r);
            lnX = -log1pR;
            lnY = lnR - log1pR;
        }
        var (upper, lower) = IncompleteBeta.Evaluate(d2 / 2, d1 / 2, x, y, lnX, lnY);
        return (lower, upper);
    }
}
