namespace Ari.Inference.Calibration;

/// <summary>
/// Notip's calibration of learned templates on the inference permutations (sanssouci's <c>estimate_jer</c> and
/// <c>calibrate_jer</c>, min_dist = 1, k_min = 0).
/// </summary>
public static class JerCalibration
{
    /// <summary>
    /// The empirical joint error rate of a template: the share of permutations b with p_(k) &lt; t_k for some
    /// k &lt;= K (sanssouci: <c>searchsorted(template, pval0, "right")</c> at or below the rank), as count / B.
    /// </summary>
    public static double EstimateJer(ReadOnlySpan<double> template, SortedNullPValues nullPValues, int kMax)
    {
        int violations = 0;
        for (int b = 0; b < nullPValues.Permutations; b++)
        {
            var row = nullPValues.Row(b);
            for (int k = 0; k < kMax; k++)
                if (row[k] < template[k]) { violations++; break; }
        }
        return (double)violations / nullPValues.Permutations;
    }

    /// <summary>
    /// The largest learned template whose estimated JER is below alpha, found by notip's bisection over the
    /// template index: the last template if it already controls the JER; calibrated Simes (<see cref="CalibratedSimes"/>
    /// with the same K and m) if even the first does not; otherwise bisection keeping a low end with JER &lt; alpha,
    /// returning a template whose JER equals alpha exactly as soon as one is met (as sanssouci does).
    /// </summary>
    public static CalibratedTemplate Calibrate(double alpha, LearnedTemplates templates, SortedNullPValues nullPValues, int kMax)
    {
        CalibratedSimes.CheckAlpha(alpha);
        CalibratedSimes.CheckKMax(kMax, nullPValues);
        if (kMax > templates.Columns)
            throw AriException.For("kMax", $"{kMax} is more than the {templates.Columns} values of the learned templates");
        if (templates.Hypotheses != nullPValues.Hypotheses)
            throw AriException.For("training", $"the training permutations have {templates.Hypotheses} hypotheses, the data {nullPValues.Hypotheses}");
        int low = 0, high = templates.Count - 1;
        double Jer(int j) => EstimateJer(templates.Row(j), nullPValues, kMax);
        CalibratedTemplate Pick(int j) => new(CalibrationMethod.Notip, null, (j + 1.0) / templates.Count, alpha,
            nullPValues.Permutations, kMax, nullPValues.Hypotheses, templates.Row(j)[..kMax].ToArray(), TemplateIndex: j);

        if (Jer(high) <= alpha) return Pick(high);
        if (Jer(low) >= alpha)
        {
            var simes = CalibratedSimes.Calibrate(nullPValues, alpha, kMax);
            return simes with { Method = CalibrationMethod.Notip, FellBackToSimes = true };
        }
        while (high - low > 1)
        {
            int mid = (high + low) / 2;
            double lw = Jer(low) - alpha;
            double md = Jer(mid) - alpha;
            if (md == 0) return Pick(mid);
            if (lw * md < 0) high = mid;
            else low = mid;
        }
        return Pick(low);
    }
}
