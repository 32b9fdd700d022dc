using Ari.Statistics;

namespace Ari.Glm;

/// <summary>
/// Statistics to z scores as nilearn 0.10.3 does (glm._utils.z_score): p is clipped to [1e-300, 1 - 1e-16];
/// z = isf(p) where that is ≥ 0, otherwise z = ppf(1 - p) from the separately computed lower tail,
/// so |z| stays accurate far into both tails. Near z = 0 the t version also keeps its relative accuracy.
/// </summary>
public static class ZScore
{
    /// <summary>Smallest p value used (nilearn clips p to this before the inverse survival function).</summary>
    public const double MinP = 1e-300;
    /// <summary>Largest p value used, 1 - 1e-16 (nilearn's upper clip).</summary>
    public const double MaxP = 1 - 1e-16;

    /// <summary>nilearn's t and F contrasts cap the degrees of freedom at 1e10 (DEF_DOFMAX).</summary>
    public const double MaxDof = 1e10;

    /// <summary>nilearn's z_score(p, one_minus_p) for one value.</summary>
    public static double FromPValues(double p, double oneMinusP)
    {
        double zSf = Normal.Isf(Math.Clamp(p, MinP, MaxP));
        return zSf < 0 ? Normal.Ppf(Math.Clamp(oneMinusP, MinP, MaxP)) : zSf;
    }

    /// <summary>The z score of a t statistic: nilearn's z_score(t.sf(t, dof), t.cdf(t, dof)).</summary>
    public static double FromT(double t, double dof) => FromT(t, dof, out _);

    /// <summary>The z score of a t statistic, and its one-sided p value P(T &gt; t), from one tail evaluation.</summary>
    public static double FromT(double t, double dof, out double pValue)
    {
        dof = Math.Min(dof, MaxDof);
        var (tail, central) = StudentT.TailAndCentral(t, dof);
        double upper = t >= 0 ? tail : 0.5 + central;
        double lower = t >= 0 ? 0.5 + central : tail;
        pValue = double.IsNaN(t) ? double.NaN : upper;
        if (central < CentralLimit)
        {
            // Close to zero 1/2 - p has lost digits: invert the central probability instead (same value, all digits).
            return t >= 0 ? CentralQuantile(central) : -CentralQuantile(central);
        }
        return FromPValues(upper, lower);
    }

    /// <summary>The z score of an F statistic: nilearn's z_score(f.sf(F, d1, d2), f.cdf(F, d1, d2)).</summary>
    public static double FromF(double f, double d1, double d2)
    {
        var (lower, upper) = FisherF.Tails(f, d1, Math.Min(d2, MaxDof));
        return FromPValues(upper, lower);
    }

    private const double CentralLimit = 1e-3;

    /// <summary>z ≥ 0 with Φ(z) - 1/2 = c, for 0 ≤ c &lt; 1e-3: the series of √2 erfinv(2c) (terms beyond c⁷ are below 1e-18 relative).</summary>
    private static double CentralQuantile(double c)
    {
        double y = 2 * c, y2 = y * y;
        const double K3 = Math.PI / 12, K5 = 7 * Math.PI * Math.PI / 480, K7 = 127 * Math.PI * Math.PI * Math.PI / 40320;
        return SqrtHalfPi * y * (1 + y2 * (K3 + y2 * (K5 + y2 * K7)));
    }

    private static readonly double SqrtHalfPi = Math.Sqrt(Math.PI / 2);
}
