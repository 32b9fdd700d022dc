namespace Ari.Inference.Calibration;

/// <summary>
/// The parametric shape of a calibrated critical vector t_k(lambda), k = 1..K, among m hypotheses
/// (pARI's <c>family</c>; sanssouci's reference families).
/// <list type="bullet">
/// <item><see cref="Simes"/>: t_k = lambda k / m (sanssouci's <c>linear_template</c>); pARI writes the same line as
/// (k - delta) alpha lambda / (m - delta) with its lambda on a scale 1/alpha larger.</item>
/// <item><see cref="Beta"/>: t_k = qbeta(lambda; k, m + 1 - k), the lambda-quantile of the k-th smallest of m
/// uniforms (sanssouci's <c>beta_template</c>, pARI's "beta").</item>
/// </list>
/// pARI's "aorc" (Finner) and "higher.criticism" families are not offered: in pARI 1.1.2 the pivotal statistic of
/// "aorc" ((m - 1) p / ((1 - p)(k - delta) alpha)) is not the inverse of its critical vector
/// ((k - delta) lambda alpha / (m - (k - delta)(1 - lambda alpha))), so the calibrated vector does not have the
/// level it is calibrated for, and "higher.criticism" takes the minimum of a statistic that decreases with
/// significance; "power" is refused by pARI's own <c>criticalVector</c>.
/// </summary>
public enum TemplateFamily
{
    /// <summary>The linear (Simes) template t_k = lambda k / m (sanssouci <c>linear_template</c>, pARI "simes").</summary>
    Simes,
    /// <summary>The beta template t_k = qbeta(lambda; k, m + 1 - k) (sanssouci <c>beta_template</c>, pARI "beta").</summary>
    Beta,
}
