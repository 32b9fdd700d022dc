namespace Ari.Statistics;

/// <summary>
/// Student's t distribution with real degrees of freedom: both tails accurate in relative terms far out
/// (down to the smallest doubles) and near zero, through the regularized incomplete beta function
/// P(T &gt; t) = I_{ν/(ν+t²)}(ν/2, 1/2) / 2 for t &gt; 0, with x and 1 - x formed without cancellation.
/// </summary>
internal static class StudentT
{
    /// <summary>Survival function P(T &gt; t) (scipy.stats.t.sf).</summary>
    public static double Sf(double t, double dof)
    {
        CheckDof(dof);
        if (double.IsNaN(t)) return double.NaN;
        var (tail, central) = Split(Math.Abs(t), dof);
        return t >= 0 ? tail : 0.5 + central;
    }

    /// <summary>
    /// Inverse survival function (scipy.stats.t.isf): the t with P(T &gt; t) = p, by bisection on <see cref="Sf"/>
    /// to the last bit (about 100 evaluations; for thresholds, not for maps).
    /// </summary>
    public static double Isf(double p, double dof)
    {
        CheckDof(dof);
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1)");
        if (p > 0.5) return -Isf(1 - p, dof);
        if (p == 0.5) return 0;
        double lo = 0, hi = 1;
        while (Sf(hi, dof) > p) { lo = hi; hi *= 2; if (double.IsInfinity(hi)) return double.PositiveInfinity; }
        for (int i = 0; i < 2000; i++)
        {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) break;
            if (Sf(mid, dof) > p) lo = mid; else hi = mid;
        }
        return Sf(lo, dof) - p < p - Sf(hi, dof) ? lo : hi;
    }

    /// <summary>Cumulative distribution P(T ≤ t) (scipy.stats.t.cdf).</summary>
    public static double Cdf(double t, double dof) => Sf(-t, dof);

    /// <summary>(P(T ≤ t), P(T &gt; t)) from one evaluation, each accurate in relative terms.</summary>
    public static (double Lower, double Upper) Tails(double t, double dof)
    {
        CheckDof(dof);
        if (double.IsNaN(t)) return (double.NaN, double.NaN);
        var (tail, central) = Split(Math.Abs(t), dof);
        return t >= 0 ? (0.5 + central, tail) : (tail, 0.5 + central);
    }

    /// <summary>
    /// P(0 &lt; T &lt; |t|): the probability between zero and t, accurate in relative terms for small t
    /// (where 1/2 - Sf(t) would cancel).
    /// </summary>
    public static double CentralProbability(double t, double dof)
    {
        CheckDof(dof);
        if (double.IsNaN(t)) return double.NaN;
        return Split(Math.Abs(t), dof).Central;
    }

    /// <summary>
    /// For t ≥ 0: the upper tail P(T &gt; t) and the central part P(0 &lt; T ≤ t), which sum to 1/2, each accurate
    /// in relative terms (one incomplete beta evaluation gives both).
    /// </summary>
    public static (double Tail, double Central) TailAndCentral(double t, double dof)
    {
        CheckDof(dof);
        if (double.IsNaN(t)) return (double.NaN, double.NaN);
        return Split(Math.Abs(t), dof);
    }

    private static (double Tail, double Central) Split(double t, double dof)
    {
        if (t == 0) return (0.5, 0);
        if (double.IsPositiveInfinity(t)) return (0, 0.5);
        double a = dof / 2;
        double x, y, lnX, lnY;
        double ratio = t / Math.Sqrt(dof);           // t² / ν without overflow for huge t
        double r2 = ratio * ratio;
        if (r2 > 1e300)
        {
            // x = ν / (ν + t²) underflows; work on logarithms only.
            lnY = 0; y = 1;
            lnX = -2 * Math.Log(ratio);
            x = Math.Exp(lnX);
        }
        else
        {
            double log1pR2 = IncompleteBeta.Log1P(r2);
            x = 1 / (1 + r2);                        // ν / (ν + t²)
            y = r2 / (1 + r2);                       // t² / (ν + t²)
            lnX = -log1pR2;
            lnY = 2 * Math.Log(ratio) - log1pR2;
        }
        var (lower, upper) = IncompleteBeta.Evaluate(a, 0.5, x, y, lnX, lnY);
        return (0.5 * lower, 0.5 * upper);
    }

    private static void CheckDof(double dof)
    {
        if (!(dof > 0))
            throw new ArgumentOutOfRangeException(nameof(dof), $"degrees of freedom must be positive, got {dof}");
    }
}
