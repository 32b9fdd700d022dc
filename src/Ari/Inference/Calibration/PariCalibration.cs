using Ari.Statistics;

namespace Ari.Inference.Calibration;

/// <summary>
/// pARI's calibration (Andreella et al. 2023; pARI 1.1.2 <c>lambdaOpt</c> / <c>lambdaCalibrate</c> /
/// <c>criticalVector</c>), on B permuted p-value families of which pARI makes the first the observed one:
/// <list type="bullet">
/// <item>Simes: psi_b = min over k = delta+1..K of ((m - delta) p_(k)) / ((k - delta) alpha) and
/// t_k = ((k - delta) alpha lambda) / (m - delta). pARI's lambda is sanssouci's divided by alpha: the factor alpha
/// sits in pARI's critical vector, not in its lambda.</item>
/// <item>Beta: psi_b = min over k of pbeta(p_(k); k, m + 1 - k) (p = 0 replaced by the smallest double) and
/// t_k = qbeta(lambda; k, m + 1 - k); delta must be 0.</item>
/// </list>
/// lambda is the (floor(alpha B) + 1)-th smallest psi_b (no interpolation). pARI takes K = m; a smaller K (k_max) is
/// the same calibration restricted to k &lt;= K.
/// </summary>
public static class PariCalibration
{
    /// <summary>psi_b for every permutation, in pARI's arithmetic order.</summary>
    public static double[] PivotalStatistics(SortedNullPValues nullPValues, TemplateFamily family, double alpha, int kMax, int delta = 0)
    {
        CalibratedSimes.CheckAlpha(alpha);
        CalibratedSimes.CheckKMax(kMax, nullPValues);
        CheckDelta(delta, family, kMax);
        int m = nullPValues.Hypotheses;
        var psi = new double[nullPValues.Permutations];
        Parallel.For(0, psi.Length, b =>
        {
            var row = nullPValues.Row(b);
            double min = double.PositiveInfinity;
            if (family == TemplateFamily.Simes)
            {
                for (int k = delta + 1; k <= kMax; k++)
                {
                    double v = ((double)(m - delta) * row[k - 1]) / ((double)(k - delta) * alpha);
                    if (v < min) min = v;
                }
            }
            else
            {
                for (int k = 1; k <= kMax; k++)
                {
                    double p = row[k - 1] == 0 ? double.Epsilon : row[k - 1];
                    double v = BetaDistribution.Cdf(p, k, m + 1.0 - k);
                    if (v < min) min = v;
                }
            }
            psi[b] = min;
        });
        return psi;
    }

    /// <summary>pARI's critical vector of a family for lambda: K values (pARI computes all m).</summary>
    public static double[] CriticalVector(TemplateFamily family, double lambda, double alpha, int m, int kMax, int delta = 0)
    {
        var cv = new double[kMax];
        for (int k = 1; k <= kMax; k++)
            cv[k - 1] = family == TemplateFamily.Simes
                ? Math.Max(0, ((k - delta) * alpha * lambda) / (m - delta)) // pARI's values for k <= delta are <= 0
                : BetaDistribution.Quantile(lambda, k, m + 1.0 - k);
        return cv;
    }

    /// <summary>lambda and the Simes critical vector (delta = 0) from pARI's pivotal statistics (<see cref="PivotalStatisticsCollector.PariPivotal"/>).</summary>
    public static CalibratedTemplate FromSimesPivotal(ReadOnlySpan<double> pivotal, double alpha, int kMax, int m)
    {
        CalibratedSimes.CheckAlpha(alpha);
        double lambda = EmpiricalQuantile.Compute(pivotal, alpha, QuantileRule.OrderStatistic);
        return new CalibratedTemplate(CalibrationMethod.Pari, TemplateFamily.Simes, lambda, alpha, pivotal.Length, kMax, m,
            CriticalVector(TemplateFamily.Simes, lambda, alpha, m, kMax));
    }

    /// <summary>lambda (pARI's scale) and the critical vector.</summary>
    public static CalibratedTemplate Calibrate(SortedNullPValues nullPValues, TemplateFamily family, double alpha, int kMax, int delta = 0)
    {
        var psi = PivotalStatistics(nullPValues, family, alpha, kMax, delta);
        double lambda = EmpiricalQuantile.Compute(psi, alpha, QuantileRule.OrderStatistic);
        var cv = CriticalVector(family, lambda, alpha, nullPValues.Hypotheses, kMax, delta);
        return new CalibratedTemplate(CalibrationMethod.Pari, family, lambda, alpha, nullPValues.Permutations, kMax,
            nullPValues.Hypotheses, cv);
    }

    private static void CheckDelta(int delta, TemplateFamily family, int kMax)
    {
        if (delta < 0 || delta >= kMax) throw AriException.For("delta", $"must be in 0..{kMax - 1}, not {delta}");
        if (delta != 0 && family != TemplateFamily.Simes) throw AriException.For("delta", "only the Simes family takes a delta");
    }
}
