namespace Ari.Inference.Calibration;

/// <summary>How a critical vector was calibrated.</summary>
public enum CalibrationMethod
{
    /// <summary>Calibrated Simes as sanssouci / notip: np.quantile of the pivotal statistics, t_k = lambda k / m.</summary>
    Simes,

    /// <summary>pARI: the (floor(alpha B) + 1)-th smallest pivotal statistic, pARI's critical vector of its family.</summary>
    Pari,

    /// <summary>Notip: a learned template (sorted quantile curves of training permutations) chosen by calibrate_jer.</summary>
    Notip,
}

/// <summary>
/// A calibrated critical vector t_1 &lt;= ... &lt;= t_K for m hypotheses: with probability about 1 - alpha over the
/// sign flips, no permutation-like null family has its k-th smallest p-value below t_k for any k &lt;= K (joint
/// error rate control), so every set S has at least max_k (1 - k + #{i in S : p_i &lt;= t_k}) true discoveries.
/// </summary>
/// <param name="Method">How it was calibrated.</param>
/// <param name="Family">The template's shape (Simes for Notip's fallback; Notip's learned template has none: Simes is recorded only when it fell back).</param>
/// <param name="Lambda">The calibrated parameter: the pivotal quantile (Simes, pARI), or for Notip the selected
/// template's quantile level (index + 1) / B_train (the Simes lambda when it fell back).</param>
/// <param name="Alpha">The level.</param>
/// <param name="Permutations">B, the permutations used for calibration.</param>
/// <param name="KMax">K, the length of the vector.</param>
/// <param name="Hypotheses">m.</param>
/// <param name="Thresholds">t_1..t_K, non-decreasing, in [0, 1].</param>
/// <param name="TemplateIndex">Notip: the row of the learned templates chosen; null otherwise or after a fallback.</param>
/// <param name="FellBackToSimes">Notip: no learned template had an estimated JER below alpha, so calibrated Simes was used (as notip does).</param>
public sealed record CalibratedTemplate(
    CalibrationMethod Method,
    TemplateFamily? Family,
    double Lambda,
    double Alpha,
    int Permutations,
    int KMax,
    int Hypotheses,
    double[] Thresholds,
    int? TemplateIndex = null,
    bool FellBackToSimes = false);
