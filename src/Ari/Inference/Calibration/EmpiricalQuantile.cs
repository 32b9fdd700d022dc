namespace Ari.Inference.Calibration;

/// <summary>The two quantile rules the peers use to turn B pivotal statistics into lambda.</summary>
public enum QuantileRule
{
    /// <summary>
    /// numpy's <c>np.quantile(x, q)</c> (method "linear", Hyndman &amp; Fan 7), as sanssouci and notip use it:
    /// virtual index (B - 1) q, linear interpolation between its two neighbours with numpy's <c>_lerp</c>.
    /// </summary>
    NumpyLinear,

    /// <summary>pARI's <c>lambdaCalibrate</c>: the (floor(q B) + 1)-th smallest value, no interpolation.</summary>
    OrderStatistic,
}

/// <summary>Quantiles of a small sample, exactly as numpy 1.24 and pARI 1.1.2 compute them.</summary>
internal static class EmpiricalQuantile
{
    /// <summary>The q-quantile of <paramref name="values"/> (any order; not modified) by <paramref name="rule"/>.</summary>
    public static double Compute(ReadOnlySpan<double> values, double q, QuantileRule rule)
    {
        if (values.IsEmpty) throw AriException.For("values", "no values to take a quantile of");
        if (!(q >= 0 && q <= 1)) throw AriException.For("alpha", $"must be in [0, 1], not {q}");
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        if (rule == QuantileRule.OrderStatistic)
        {
            int index = (int)Math.Floor(q * n);
            return sorted[Math.Min(index, n - 1)];
        }
        double virtualIndex = (n - 1) * q;
        double previous = Math.Floor(virtualIndex);
        int lo = (int)Math.Clamp(previous, 0, n - 1);
        int hi = Math.Min(lo + 1, n - 1);
        double gamma = virtualIndex - previous;
        return Lerp(sorted[lo], sorted[hi], gamma);
    }

    /// <summary>numpy's <c>_lerp</c>: a + (b - a) t, or b - (b - a)(1 - t) when t &gt;= 0.5.</summary>
    private static double Lerp(double a, double b, double t)
    {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
