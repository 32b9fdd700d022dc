using System.Buffers;

namespace Ari.Inference;

/// <summary>
/// All-Resolution Inference for one family of p-values (Goeman &amp; Solari 2011; Rosenblatt et al. 2018):
/// built once from the p-values, it answers "at least how many of these hypotheses are false (true
/// discoveries)?" for any set of them, with all answers valid together at level alpha (closed testing with
/// Simes local tests, assuming the Simes inequality, as ARIbrain and nilearn do).
/// <para>
/// For a set S the bound is max over u = 1..|S| of (1 - u + #{i in S : h p_i &lt;= u alpha}), h the Hommel value
/// (the Simes <see cref="Inference.CriticalVector"/>; any other critical vector plugs in through
/// <see cref="Create(ReadOnlySpan{double}, CriticalVector)"/>).
/// Each hypothesis's smallest such u (its "category", 1 when h = 0 or p = 0) is computed once, so a query
/// costs O(|S|): a histogram of the categories of its members and one cumulative sweep. The bound is an
/// integer in [0, |S|]; when h = 0 every hypothesis is a discovery.
/// </para>
/// </summary>
public sealed class TrueDiscoveryBounds
{
    private readonly int[] _category;

    private TrueDiscoveryBounds(int[] category, CriticalVector criticalVector, int hommel)
    {
        _category = category;
        CriticalVector = criticalVector;
        HommelValue = hommel;
        Alpha = criticalVector.Alpha;
    }

    /// <summary>Builds the bounds for p-values in [0, 1] (no NaN) at level alpha in (0, 1).</summary>
    public static TrueDiscoveryBounds Create(ReadOnlySpan<double> pValues, double alpha) =>
        Create(pValues, CriticalVector.Simes(pValues, alpha));

    /// <summary>
    /// Builds the bounds for p-values in [0, 1] with any critical vector (Simes, or calibrated thresholds). For a vector
    /// given by thresholds, <see cref="HommelValue"/> is m minus the bound of the whole family.
    /// </summary>
    public static TrueDiscoveryBounds Create(ReadOnlySpan<double> pValues, CriticalVector criticalVector)
    {
        ArgumentNullException.ThrowIfNull(criticalVector);
        var category = new int[pValues.Length];
        criticalVector.Categories(pValues, category);
        int h = criticalVector.Hommel ?? pValues.Length - BoundOfAll(category);
        return new TrueDiscoveryBounds(category, criticalVector, h);
    }

    private static int BoundOfAll(int[] category)
    {
        var counts = new int[category.Length + 1];
        foreach (int c in category)
            if (c <= category.Length) counts[c]++;
        return CriticalVector.BoundFromCategoryCounts(counts);
    }

    /// <summary>
    /// Builds the bounds for z statistics with p = Phi(-z), or p = min(1, 2 Phi(-|z|)) two-sided (NaN: p = 1),
    /// exactly as <see cref="Create(ReadOnlySpan{double}, double)"/> on <see cref="VoxelPValues.FromZ"/> would, but computing only the p-values
    /// that can matter: those below alpha (for h) and those with h p &lt;= m alpha (the others never count).
    /// </summary>
    public static TrueDiscoveryBounds FromZ(ReadOnlySpan<double> z, double alpha, bool twoSided)
    {
        Inference.HommelValue.CheckAlpha(alpha);
        int m = z.Length;
        double factor = twoSided ? 2 : 1;
        // p is a decreasing function of s = z (|z| two-sided; NaN -> -inf): below a cut-off in s, p is surely
        // above the matching p cut-off (the margin in z dwarfs any error of Isf).
        const double Margin = 0.01;
        double hommelCut = Statistics.Normal.Isf(alpha / factor) - Margin;
        int candidates = 0;
        double smallestS = double.PositiveInfinity;
        foreach (double v in z)
        {
            double s = Score(v, twoSided);
            if (s > hommelCut) candidates++;
            if (s < smallestS) smallestS = s;
        }
        var small = ArrayPool<double>.Shared.Rent(Math.Max(candidates, 1));
        int h;
        try
        {
            int n = 0;
            foreach (double v in z)
            {
                double s = Score(v, twoSided);
                if (!(s > hommelCut)) continue;
                double p = PValue(s, factor);
                if (p < alpha) small[n++] = p;
            }
            Inference.HommelValue.Sort(small, n);
            h = m == 0 ? 0 : Inference.HommelValue.FromSmallest(small.AsSpan(0, n), PValue(smallestS, factor), m, alpha);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(small);
        }

        var category = new int[m];
        var vector = CriticalVector.Simes(h, alpha, m);
        if (h == 0)
            Array.Fill(category, 1);
        else
        {
            double countCut = (double)m * alpha / h; // category <= m needs h p <= m alpha
            bool every = countCut >= factor; // even p = 1 may count
            double sCut = every ? double.NegativeInfinity : Statistics.Normal.Isf(countCut / factor) - Margin;
            for (int i = 0; i < m; i++)
            {
                double s = Score(z[i], twoSided);
                category[i] = every || s > sCut ? vector.Category(PValue(s, factor)) : CriticalVector.Never;
            }
        }
        return new TrueDiscoveryBounds(category, vector, h);
    }

    private static double Score(double z, bool twoSided) => double.IsNaN(z) ? double.NegativeInfinity : twoSided ? Math.Abs(z) : z;

    private static double PValue(double s, double factor) => Math.Min(1.0, factor * Statistics.Normal.Sf(s));

    /// <summary>The critical vector the bounds use (the Simes one for <see cref="Create(ReadOnlySpan{double}, double)"/> and <see cref="FromZ"/>).</summary>
    public CriticalVector CriticalVector { get; }

    /// <summary>Number of hypotheses m in the family.</summary>
    public int HypothesisCount => _category.Length;

    /// <summary>The error rate: with probability at least 1 - alpha all bounds hold simultaneously (over every set of hypotheses).</summary>
    public double Alpha { get; }

    /// <summary>Hommel's h(alpha): the size of the largest set of hypotheses not rejected by its Simes test.</summary>
    public int HommelValue { get; }

    /// <summary>Lower bound of the true discoveries among all hypotheses: m - h.</summary>
    public int TotalTrueDiscoveries => HypothesisCount - HommelValue;

    /// <summary>
    /// The smallest u &gt;= 1 with h p &lt;= u alpha, or m + 1 when there is none within 1..m (a hypothesis that
    /// never counts). Compared with exact products, so the result does not depend on rounding in h p / alpha.
    /// </summary>
    public static int Category(double p, int h, double alpha, int m)
    {
        if (h == 0 || p == 0) return 1;
        double hp = h * p;
        double x = hp / alpha;
        if (!(x <= m)) return m + 1;
        int u = Math.Max(1, (int)Math.Ceiling(x));
        while (u > 1 && hp <= (u - 1) * alpha) u--;
        while (u <= m && hp > u * alpha) u++;
        return u;
    }

    /// <summary>The lower bound of true discoveries among the given hypotheses (distinct indices into the family).</summary>
    public int LowerBoundTrueDiscoveries(ReadOnlySpan<int> hypotheses)
    {
        int k = hypotheses.Length;
        if (k == 0) return 0;
        int[]? rented = null;
        Span<int> counts = k < 512 ? stackalloc int[k + 1] : (rented = ArrayPool<int>.Shared.Rent(k + 1)).AsSpan(0, k + 1);
        try
        {
            counts.Clear();
            foreach (int i in hypotheses)
            {
                int c = _category[i];
                if (c <= k) counts[c]++;
            }
            return BoundFromCategoryCounts(counts);
        }
        finally
        {
            if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>The lower bound of the true discovery proportion of the given hypotheses: bound / size (0 for an empty set).</summary>
    public double LowerBoundTrueDiscoveryProportion(ReadOnlySpan<int> hypotheses) =>
        hypotheses.Length == 0 ? 0 : (double)LowerBoundTrueDiscoveries(hypotheses) / hypotheses.Length;

    /// <summary>See <see cref="CriticalVector.BoundFromCategoryCounts"/>.</summary>
    internal static int BoundFromCategoryCounts(ReadOnlySpan<int> counts) => CriticalVector.BoundFromCategoryCounts(counts);

    /// <summary>
    /// Every hypothesis's category (<see cref="CriticalVector.Category"/>; <see cref="CriticalVector.Never"/> for one that
    /// never counts), for callers that histogram many sets in one pass.
    /// </summary>
    public ReadOnlySpan<int> Categories => _category;

    /// <summary>The categories' array itself, for loops that hand it to other threads (never written).</summary>
    internal int[] CategoryArray => _category;
}
