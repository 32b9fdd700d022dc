namespace Ari.Statistics;

/// <summary>
/// The Beta(a, b) distribution's CDF and quantile, accurate in relative terms for the tiny probabilities of the
/// first order statistics of many uniforms (qbeta(lambda; k, m + 1 - k) with m in the hundreds of thousands), where
/// general-purpose inverses lose digits.
/// </summary>
internal static class BetaDistribution
{
    /// <summary>P(X &lt;= x) (R's pbeta).</summary>
    public static double Cdf(double x, double a, double b)
    {
        if (!(x > 0)) return 0;
        if (x >= 1) return 1;
        return IncompleteBeta.Evaluate(a, b, x, 1 - x, Math.Log(x), IncompleteBeta.Log1P(-x)).Lower;
    }

    /// <summary>
    /// The p-quantile (R's qbeta): the x with Cdf(x) = p, by safeguarded Newton steps on log x inside a bracket that
    /// every evaluation narrows, to the last bits.
    /// </summary>
    public static double Quantile(double p, double a, double b)
    {
        if (!(a > 0 && b > 0)) throw new ArgumentOutOfRangeException(nameof(a), "shape parameters must be positive");
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1]");
        if (p == 0) return 0;
        if (p == 1) return 1;
        double lnBeta = IncompleteBeta.LogBeta(a, b);
        double lo = 0, hi = 1;
        // start at the mean-scale guess from the small-x expansion I_x ~ x^a / (a B(a, b)), else the mean
        double x = Math.Exp((Math.Log(p) + Math.Log(a) + lnBeta) / a);
        if (!(x > 0 && x < 1)) x = a / (a + b);
        for (int iteration = 0; iteration < 400; iteration++)
        {
            double f = Cdf(x, a, b) - p;
            if (f == 0) return x;
            if (f > 0) hi = x; else lo = x;
            double logDensity = (a - 1) * Math.Log(x) + (b - 1) * IncompleteBeta.Log1P(-x) - lnBeta;
            double next = x - f / Math.Exp(logDensity);
            if (!(next > lo && next < hi))
                next = lo > 0 ? Math.Sqrt(lo * hi) : hi / 2;
            if (Math.Abs(next - x) <= 1e-15 * x || hi - lo <= 2e-16 * hi) return next;
            x = next;
        }
        return x;
    }
}
