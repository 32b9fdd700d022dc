using System.Globalization;

namespace Ari.Inference;

/// <summary>
/// A critical vector t_1 &lt;= t_2 &lt;= ... &lt;= t_K (K &lt;= m) of p-value thresholds: the general form of All-Resolution
/// Inference's true-discovery bound. For any set S of hypotheses,
/// <code>TD(S) = max(0, max over k = 1..K of (1 - k + #{i in S : p_i &lt;= t_k}))</code>
/// is a lower bound of the false hypotheses in S, valid for all S together at level alpha when the vector is a
/// valid one (Goeman &amp; Solari 2011; Blanchard, Neuvial &amp; Roquain 2020; Hemerik, Solari &amp; Goeman 2019):
/// parametric ARI (Simes' local tests with Hommel's h: t_k = k alpha / h, see <see cref="Simes(int, double, int)"/>),
/// or thresholds calibrated by permutations or learned from data (<see cref="CriticalVector(ReadOnlySpan{double}, double)"/>).
/// <para>
/// Everything downstream (the bounds of any set, clusters, the cluster tree) only needs each hypothesis's
/// <see cref="Category"/>: the smallest k with p &lt;= t_k. A set's bound is one cumulative sweep of the histogram of
/// its members' categories (<see cref="BoundFromCategoryCounts"/>).
/// </para>
/// </summary>
public sealed class CriticalVector
{
    /// <summary>The category of a p-value above every threshold: it never counts.</summary>
    public const int Never = int.MaxValue;

    private double[]? _thresholds;
    private readonly int _hommel;     // Simes form only
    private readonly int _familySize; // Simes form only

    /// <summary>A critical vector from thresholds (non-decreasing; no NaN; at least one) at level alpha.</summary>
    public CriticalVector(ReadOnlySpan<double> thresholds, double alpha)
    {
        if (thresholds.IsEmpty)
            throw new ArgumentException("a critical vector needs at least one threshold", nameof(thresholds));
        for (int k = 0; k < thresholds.Length; k++)
        {
            if (double.IsNaN(thresholds[k]))
                throw new ArgumentException($"threshold t_{k + 1} is NaN", nameof(thresholds));
            if (k > 0 && thresholds[k] < thresholds[k - 1])
                throw new ArgumentException(
                    $"thresholds must be non-decreasing; t_{k + 1} = {Text(thresholds[k])} < t_{k} = {Text(thresholds[k - 1])}", nameof(thresholds));
        }
        _thresholds = thresholds.ToArray();
        Alpha = alpha;
        Length = thresholds.Length;
        IsSimes = false;
    }

    private CriticalVector(int hommel, double alpha, int familySize)
    {
        _hommel = hommel;
        _familySize = familySize;
        Alpha = alpha;
        Length = Math.Max(familySize, 1);
        IsSimes = true;
    }

    /// <summary>
    /// Parametric ARI: Simes local tests with Hommel's h for a family of m hypotheses, t_k = k alpha / h (every
    /// t_k = 1 when h = 0). Categories use the exact products h p &lt;= k alpha of <see cref="TrueDiscoveryBounds.Category"/>,
    /// and <see cref="Thresholds"/> holds for each k the largest double that those comparisons admit, so the
    /// threshold form (<see cref="CriticalVector(ReadOnlySpan{double}, double)"/> on these thresholds) gives identical
    /// categories for every p in [0, 1].
    /// </summary>
    public static CriticalVector Simes(int hommel, double alpha, int familySize)
    {
        HommelValue.CheckAlpha(alpha);
        ArgumentOutOfRangeException.ThrowIfNegative(familySize);
        if (hommel < 0 || hommel > familySize)
            throw new ArgumentOutOfRangeException(nameof(hommel), hommel, "h must lie in 0..m");
        return new CriticalVector(hommel, alpha, familySize);
    }

    /// <summary>Parametric ARI for these p-values (in [0, 1], no NaN): Hommel's h computed, then <see cref="Simes(int, double, int)"/>.</summary>
    public static CriticalVector Simes(ReadOnlySpan<double> pValues, double alpha) =>
        Simes(Inference.HommelValue.Compute(pValues, alpha), alpha, pValues.Length);

    /// <summary>K, the number of thresholds.</summary>
    public int Length { get; }

    /// <summary>The level alpha the vector was made for.</summary>
    public double Alpha { get; }

    /// <summary>Whether this is the parametric (Simes, Hommel's h) vector.</summary>
    public bool IsSimes { get; }

    /// <summary>Hommel's h for the Simes form; null for a vector given by its thresholds.</summary>
    public int? Hommel => IsSimes ? _hommel : null;

    /// <summary>t_1..t_K (computed on first use for the Simes form).</summary>
    public ReadOnlySpan<double> Thresholds => _thresholds ??= SimesThresholds();

    /// <summary>The smallest k in 1..K with p &lt;= t_k; <see cref="Never"/> when p is above every threshold (or NaN).</summary>
    public int Category(double p)
    {
        if (IsSimes)
        {
            int c = TrueDiscoveryBounds.Category(p, _hommel, Alpha, _familySize);
            return c > _familySize || double.IsNaN(p) ? Never : c;
        }
        var t = _thresholds!;
        if (!(p <= t[^1])) return Never;
        int lo = 0, hi = t.Length - 1; // first index with p <= t[index]
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (p <= t[mid]) hi = mid; else lo = mid + 1;
        }
        return lo + 1;
    }

    /// <summary>The category of every p-value (see <see cref="Category"/>).</summary>
    public void Categories(ReadOnlySpan<double> pValues, Span<int> categories)
    {
        if (categories.Length != pValues.Length)
            throw new ArgumentException($"{categories.Length} slots for {pValues.Length} p-values", nameof(categories));
        for (int i = 0; i < pValues.Length; i++) categories[i] = Category(pValues[i]);
    }

    /// <summary>TD(S) for the set with these p-values, straight from the definition's histogram (O(|S|)).</summary>
    public int TrueDiscoveries(ReadOnlySpan<double> pValuesOfSet)
    {
        int size = pValuesOfSet.Length;
        if (size == 0) return 0;
        var counts = new int[size + 1];
        foreach (double p in pValuesOfSet)
        {
            int c = Category(p);
            if (c <= size) counts[c]++;
        }
        return BoundFromCategoryCounts(counts);
    }

    /// <summary>
    /// max(0, max over u = 1..k of (1 - u + #{members with category &lt;= u})), from counts[u] = members of category u
    /// (counts.Length = k + 1 with k = the set's size, counts[0] unused; categories above k are left out: they can
    /// never raise the bound).
    /// </summary>
    public static int BoundFromCategoryCounts(ReadOnlySpan<int> counts)
    {
        int best = 0, cumulative = 0, k = counts.Length - 1;
        for (int u = 1; u <= k && 1 - u + k > best; u++)
        {
            cumulative += counts[u];
            int value = 1 - u + cumulative;
            if (value > best) best = value;
        }
        return best;
    }

    /// <summary>For each k, the largest p in [0, 1] whose Simes category is at most k.</summary>
    private double[] SimesThresholds()
    {
        var t = new double[Length];
        if (_hommel == 0 || _familySize == 0)
        {
            Array.Fill(t, 1.0);
            return t;
        }
        for (int k = 1; k <= Length; k++)
        {
            double x = Math.Min(1.0, (double)k * Alpha / _hommel);
            while (x < 1 && Category(Math.BitIncrement(x)) <= k) x = Math.BitIncrement(x);
            while (x > 0 && Category(x) > k) x = Math.BitDecrement(x);
            t[k - 1] = x;
        }
        return t;
    }

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
