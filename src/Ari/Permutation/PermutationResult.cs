namespace Ari.Permutation;

/// <summary>
/// Family-wise error p-values of the observed maps against the null maxima, as -log10 p per voxel (mask order),
/// with nilearn's names: t, logp_max_t; size, mass, logp_max_size, logp_max_mass (with a cluster threshold);
/// tfce, logp_max_tfce (with TFCE).
/// p = #{permutations whose maximum ≥ the voxel's statistic} / (number of permutations), the identity included
/// (so p ≥ 1/N; for random permutations this is nilearn's (1 + #{h0 ≥ x}) / (1 + n_perm)). The statistic is t
/// (|t| two-sided), |TFCE|, and the size or mass of the voxel's cluster (0 outside clusters, where p = 1).
/// </summary>
public sealed class PermutationResult
{
    private PermutationResult(Dictionary<string, double[]> maps, NullMaxima maxima)
    {
        Maps = maps;
        Maxima = maxima;
    }

    /// <summary>The maps by nilearn's name, each over the mask's voxels.</summary>
    public IReadOnlyDictionary<string, double[]> Maps { get; }
    /// <summary>The null maxima of the whole sequence, identity (the observed maxima) first.</summary>
    public NullMaxima Maxima { get; }

    /// <summary>The observed maxima (the identity's): max t, size, mass, TFCE.</summary>
    public double ObservedMaxT => Maxima.MaxT[0];

    /// <summary>nilearn's output names in writing order; <see cref="Maps"/> holds those that were measured.</summary>
    public static readonly IReadOnlyList<string> MapOrder = ["t", "logp_max_t", "size", "logp_max_size", "mass", "logp_max_mass", "tfce", "logp_max_tfce"];

    /// <summary>Computes the maps from the observed t (mask order) and the maxima of the whole sequence (identity first).</summary>
    public static PermutationResult Compute(double[] observedT, NullMaxima maxima, PermutationOptions options, MaskNeighbours neighbours)
    {
        if (maxima.First != 0) throw new ArgumentException("the maxima must start at permutation 0 (the identity)", nameof(maxima));
        int v = observedT.Length;
        var maps = new Dictionary<string, double[]> { ["t"] = observedT };
        var stat = new double[v];
        for (int p = 0; p < v; p++) stat[p] = options.TwoSided ? Math.Abs(observedT[p]) : observedT[p];
        maps["logp_max_t"] = LogP(stat, maxima.MaxT);
        if (options.ClusterThreshold is { } threshold)
        {
            var size = new double[v];
            var mass = new double[v];
            ClusterMeasures.Measure(observedT, threshold, options.TwoSided, neighbours, new ClusterMeasures.Scratch(v), size, mass);
            maps["size"] = size;
            maps["mass"] = mass;
            maps["logp_max_size"] = LogP(size, maxima.MaxSize!, zeroIsNull: true);
            maps["logp_max_mass"] = LogP(mass, maxima.MaxMass!, zeroIsNull: true);
        }
        if (options.Tfce is { } tfce)
        {
            var values = new double[v];
            tfce.Compute(observedT, options.TwoSided, neighbours, new Tfce.Scratch(v), values);
            maps["tfce"] = values;
            var magnitude = values.Select(Math.Abs).ToArray();
            maps["logp_max_tfce"] = LogP(magnitude, maxima.MaxTfce!);
        }
        return new PermutationResult(maps, maxima);
    }

    /// <summary>-log10(#{null ≥ x} / N) per value; 0 where p = 1 (and, with <paramref name="zeroIsNull"/>, where x = 0).</summary>
    public static double[] LogP(ReadOnlySpan<double> values, ReadOnlySpan<double> nullMaxima, bool zeroIsNull = false)
    {
        var sorted = nullMaxima.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        var result = new double[values.Length];
        for (int p = 0; p < values.Length; p++)
        {
            double x = values[p];
            if (zeroIsNull && x == 0) continue;
            int below = LowerBound(sorted, x);
            int atLeast = n - below;
            result[p] = atLeast >= n ? 0 : atLeast == 0 ? -Math.Log10(1.0 / n) : -Math.Log10((double)atLeast / n);
        }
        return result;
    }

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
