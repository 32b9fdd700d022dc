namespace Ari.Inference.Calibration;

/// <summary>
/// Calibrated Simes with sanssouci's conventions (<c>get_pivotal_stats</c>, <c>np.quantile</c>,
/// <c>linear_template</c>; notip's <c>calibrate_simes</c>): for each permutation b the pivotal statistic
/// psi_b = min over k = 1..K of p_(k) m / k, lambda = the alpha-quantile of psi (numpy's linear rule), and
/// t_k = lambda k / m. lambda is on the p-value scale (no factor alpha; compare pARI, <see cref="PariCalibration"/>).
/// </summary>
public static class CalibratedSimes
{
    /// <summary>psi_b = min_{k &lt;= K} (p_(k) m) / k for every permutation (sanssouci's arithmetic order).</summary>
    public static double[] PivotalStatistics(SortedNullPValues nullPValues, int kMax)
    {
        CheckKMax(kMax, nullPValues);
        int m = nullPValues.Hypotheses;
        var psi = new double[nullPValues.Permutations];
        for (int b = 0; b < psi.Length; b++)
        {
            var row = nullPValues.Row(b);
            double min = double.PositiveInfinity;
            for (int k = 1; k <= kMax; k++)
            {
                double v = row[k - 1] * m / k;
                if (v < min) min = v;
            }
            psi[b] = min;
        }
        return psi;
    }

    /// <summary>sanssouci's <c>linear_template(lambda, K, m)</c>: lambda k / m, k = 1..K.</summary>
    public static double[] LinearTemplate(double lambda, int kMax, int m)
    {
        var t = new double[kMax];
        for (int k = 1; k <= kMax; k++) t[k - 1] = lambda * k / m;
        return t;
    }

    /// <summary>lambda and the critical vector, as notip's <c>calibrate_simes</c> on the same permuted p-values.</summary>
    public static CalibratedTemplate Calibrate(SortedNullPValues nullPValues, double alpha, int kMax)
    {
        CheckAlpha(alpha);
        return FromPivotal(PivotalStatistics(nullPValues, kMax), alpha, kMax, nullPValues.Hypotheses);
    }

    /// <summary>lambda and the critical vector from the pivotal statistics (e.g. <see cref="PivotalStatisticsCollector.SimesPivotal"/>).</summary>
    public static CalibratedTemplate FromPivotal(ReadOnlySpan<double> pivotal, double alpha, int kMax, int m)
    {
        CheckAlpha(alpha);
        double lambda = EmpiricalQuantile.Compute(pivotal, alpha, QuantileRule.NumpyLinear);
        return new CalibratedTemplate(CalibrationMethod.Simes, TemplateFamily.Simes, lambda, alpha, pivotal.Length,
            kMax, m, LinearTemplate(lambda, kMax, m));
    }

    internal static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw AriException.For("alpha", $"must be in (0, 1), not {alpha}");
    }

    internal static void CheckKMax(int kMax, SortedNullPValues nullPValues)
    {
        if (kMax < 1) throw AriException.For("kMax", $"must be at least 1, not {kMax}");
        if (kMax > nullPValues.Columns)
            throw AriException.For("kMax", $"{kMax} is more than the {nullPValues.Columns} smallest p-values kept per permutation");
    }
}
