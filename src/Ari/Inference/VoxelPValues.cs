using Ari.Statistics;

namespace Ari.Inference;

/// <summary>The p-value of each tested voxel, from its z statistic or from a given p-value map.</summary>
public static class VoxelPValues
{
    /// <summary>
    /// One-sided p = Phi(-z) (nilearn's), or two-sided p = min(1, 2 Phi(-|z|)). +inf gives 0 and -inf gives 1
    /// (one-sided); NaN gives 1: an untestable voxel stays in the family but is never a discovery.
    /// </summary>
    public static double[] FromZ(ReadOnlySpan<double> z, bool twoSided)
    {
        var x = new double[z.Length];
        for (int n = 0; n < z.Length; n++)
        {
            double v = z[n];
            x[n] = double.IsNaN(v) ? double.NegativeInfinity : twoSided ? Math.Abs(v) : v;
        }
        var p = Normal.Sf(x);
        if (twoSided)
            for (int n = 0; n < p.Length; n++) p[n] = Math.Min(1.0, 2.0 * p[n]);
        return p;
    }

    /// <summary>
    /// Checks given p-values: each must lie in [0, 1]; NaN counts as 1 (never a discovery).
    /// Throws an <see cref="AriException"/> naming the first bad value otherwise.
    /// </summary>
    public static double[] FromMap(ReadOnlySpan<double> values)
    {
        var p = new double[values.Length];
        for (int n = 0; n < values.Length; n++)
        {
            double v = values[n];
            if (double.IsNaN(v)) { p[n] = 1; continue; }
            if (!(v >= 0 && v <= 1))
                throw new AriException($"the p-value map holds {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} inside the mask; p-values must lie between 0 and 1");
            p[n] = v;
        }
        return p;
    }
}
