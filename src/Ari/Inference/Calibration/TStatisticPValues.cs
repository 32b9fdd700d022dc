using Ari.Statistics;

namespace Ari.Inference.Calibration;

/// <summary>Which alternative a p-value tests.</summary>
public enum Sidedness
{
    /// <summary>p = P(T &gt; t): positive effects only (nilearn's one-sided z, pARI's "greater").</summary>
    OneSided,

    /// <summary>p = 2 P(T &gt; |t|): either sign (scipy's ttest_1samp as sanssouci and notip use it, pARI's "two.sided").</summary>
    TwoSided,
}

/// <summary>
/// The p-value of a one-sample t statistic with <see cref="DegreesOfFreedom"/> (n - 1), one- or two-sided, as the
/// peers compute it: two-sided 2 P(T &gt; |t|) (scipy's <c>2 * t.sf(|t|)</c>, pARI's <c>2 * pt(|t|, lower = FALSE)</c>),
/// one-sided P(T &gt; t). A NaN statistic (zero variance) is p = 1.
/// </summary>
public sealed record TStatisticPValues(double DegreesOfFreedom, Sidedness Sidedness)
{
    /// <summary>The ordering key: larger is more significant.</summary>
    public double Score(double t) => double.IsNaN(t) ? double.NegativeInfinity : Sidedness == Sidedness.TwoSided ? Math.Abs(t) : t;

    /// <summary>The p-value of a score from <see cref="Score"/>.</summary>
    public double FromScore(double score) =>
        double.IsNegativeInfinity(score) && Sidedness == Sidedness.TwoSided ? 1.0
        : Sidedness == Sidedness.TwoSided ? Math.Min(1.0, 2 * StudentT.Sf(score, DegreesOfFreedom)) : StudentT.Sf(score, DegreesOfFreedom);

    /// <summary>The p-value of t.</summary>
    public double PValue(double t) => FromScore(Score(t));
}
