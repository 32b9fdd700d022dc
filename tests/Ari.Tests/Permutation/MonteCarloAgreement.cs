using MathNet.Numerics;

namespace Ari.Tests.Permutation;

/// <summary>
/// Tests that two Monte Carlo permutation runs estimate the same thing: Fisher's exact test for two exceedance
/// counts (each #{null maxima ≥ x} of independent uniform draws is Binomial(N, p) with the same p when both tools
/// compute the same statistic), and the two-sample Kolmogorov-Smirnov test when one sample is known only through
/// a table of its order statistics.
/// </summary>
internal static class MonteCarloAgreement
{
    /// <summary>
    /// Two-sided Fisher exact test of k1 of n1 vs k2 of n2 (equal success probability): conditionally on k1 + k2,
    /// k1 is hypergeometric; the p-value sums the probabilities of the tables no more likely than the observed one.
    /// </summary>
    public static double FisherExact(int k1, int n1, int k2, int n2)
    {
        int total = n1 + n2, successes = k1 + k2;
        int lo = Math.Max(0, successes - n2), hi = Math.Min(successes, n1);
        double denominator = SpecialFunctions.FactorialLn(total) - SpecialFunctions.FactorialLn(successes) - SpecialFunctions.FactorialLn(total - successes);
        double LogP(int x) => SpecialFunctions.FactorialLn(n1) - SpecialFunctions.FactorialLn(x) - SpecialFunctions.FactorialLn(n1 - x)
                              + SpecialFunctions.FactorialLn(n2) - SpecialFunctions.FactorialLn(successes - x) - SpecialFunctions.FactorialLn(n2 - successes + x)
                              - denominator;
        double observed = LogP(k1);
        double p = 0;
        for (int x = lo; x <= hi; x++)
        {
            double l = LogP(x);
            if (l <= observed + 1e-7) p += Math.Exp(l);
        }
        return Math.Min(1, p);
    }

    /// <summary>Kolmogorov's limiting survival function Q(λ) = 2 Σ (-1)^(j-1) exp(-2 j² λ²).</summary>
    public static double KolmogorovQ(double lambda)
    {
        if (lambda < 0.2) return 1;
        double sum = 0;
        for (int j = 1; j <= 100; j++)
        {
            double term = Math.Exp(-2.0 * j * j * lambda * lambda);
            sum += (j % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-16) break;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>
    /// The asymptotic two-sample KS p-value for statistic d with sample sizes n and m (Stephens' small-sample
    /// correction). Conservative for discrete distributions (ties make the true p-value larger).
    /// </summary>
    public static double KsPValue(double d, int n, int m)
    {
        double ne = (double)n * m / (n + m);
        double s = Math.Sqrt(ne);
        return KolmogorovQ((s + 0.12 + 0.11 / s) * d);
    }

    /// <summary>
    /// Bounds on the KS distance sup_x |F_a(x) − F_b(x)| between a full sample <paramref name="a"/> (sorted) and a
    /// sample b of size <paramref name="nb"/> known by its order statistics <paramref name="bValues"/> at ranks
    /// <paramref name="bRanks"/> (1-based, increasing, including 1 and nb): F_b(x) lies in [r_lo / nb, (r_hi − 1) / nb]
    /// with r_lo the largest tabled rank whose value is ≤ x and r_hi the smallest whose value is &gt; x. The distance is
    /// evaluated at every point of a and of the table; the upper bound adds the largest bracket width.
    /// </summary>
    public static (double Lower, double Upper) KsDistance(double[] a, int[] bRanks, double[] bValues, int nb)
    {
        var points = a.Concat(bValues).Distinct().Order().ToArray();
        double lower = 0, width = 0;
        for (int r = 1; r < bRanks.Length; r++) width = Math.Max(width, (bRanks[r] - bRanks[r - 1]) / (double)nb);
        foreach (double x in points)
        {
            double fa = UpperBound(a, x) / (double)a.Length;
            int at = UpperBound(bValues, x); // tabled values ≤ x
            double fLo = at == 0 ? 0 : bRanks[at - 1] / (double)nb;
            double fHi = at == bRanks.Length ? 1 : (bRanks[at] - 1) / (double)nb;
            double distance = fa < fLo ? fLo - fa : fa > fHi ? fa - fHi : 0;
            lower = Math.Max(lower, distance);
        }
        return (lower, lower + width);
    }

    /// <summary>The number of sorted values ≤ x.</summary>
    public static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
