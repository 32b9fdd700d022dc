using Ari.Statistics;

namespace Ari.Thresholding;

/// <summary>
/// The voxel-level threshold of nilearn 0.10.3's threshold_stats_img: alpha is halved when two-sided; fpr gives
/// isf(alpha); bonferroni isf(alpha / n) with n the mask's voxels; fdr the Benjamini-Hochberg threshold of the
/// statistics (their absolute values when two-sided); none the given threshold.
/// </summary>
public static class StatThreshold
{
    /// <summary>The voxel-level threshold (z scale) that <paramref name="control"/> gives at <paramref name="alpha"/>.</summary>
    /// <param name="statsInMask">The statistic at every voxel of the mask (z scale).</param>
    /// <param name="control">How the threshold is chosen (fpr, fdr, bonferroni, none).</param>
    /// <param name="alpha">The error rate, in (0, 1); halved when two-sided.</param>
    /// <param name="threshold">Used only with <see cref="HeightControl.None"/>.</param>
    /// <param name="twoSided">Threshold |z|: alpha is halved and FDR uses absolute values.</param>
    public static double Compute(ReadOnlySpan<double> statsInMask, HeightControl control, double alpha, double threshold, bool twoSided)
    {
        if (!(alpha > 0 && alpha < 1)) throw new AriException($"alpha: must lie in (0, 1), got {alpha}");
        double a = twoSided ? alpha / 2 : alpha;
        switch (control)
        {
            case HeightControl.Fpr:
                return Normal.Isf(a);
            case HeightControl.Bonferroni:
                if (statsInMask.Length == 0) throw new AriException("mask: no voxel to correct over");
                return Normal.Isf(a / statsInMask.Length);
            case HeightControl.Fdr:
                if (statsInMask.Length == 0) throw new AriException("mask: no voxel to correct over");
                var values = statsInMask.ToArray();
                if (twoSided)
                    for (int i = 0; i < values.Length; i++) values[i] = Math.Abs(values[i]);
                return FdrThreshold(values, a);
            default:
                if (double.IsNaN(threshold)) throw new AriException("threshold: must be a number");
                return threshold;
        }
    }

    /// <summary>
    /// nilearn's fdr_threshold: sort z decreasing (NaN last), p = sf(z), the last rank k with p_k &lt; alpha k / n
    /// (the ramp as numpy.linspace(1/n, 1, n) computes it), and z_k - 1e-12; +infinity when no rank qualifies.
    /// The array is sorted in place.
    /// </summary>
    public static double FdrThreshold(double[] z, double alpha)
    {
        int n = z.Length;
        if (n == 0) return double.PositiveInfinity;
        // Decreasing, NaN last (numpy sorts -z increasingly with NaN at the end).
        Array.Sort(z, static (a, b) =>
        {
            bool na = double.IsNaN(a), nb = double.IsNaN(b);
            if (na || nb) return na == nb ? 0 : na ? 1 : -1;
            return b.CompareTo(a);
        });
        double start = 1.0 / n;
        double step = n > 1 ? (1.0 - start) / (n - 1) : 0;
        for (int k = n - 1; k >= 0; k--)
        {
            double ramp = k == n - 1 ? 1.0 : k * step + start;
            if (Normal.Sf(z[k]) < alpha * ramp) return z[k] - 1.0e-12;
        }
        return double.PositiveInfinity;
    }
}
