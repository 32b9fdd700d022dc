namespace Ari.Inference.Calibration;

/// <summary>
/// Collects, map by map, what calibration needs from B permuted t maps of m voxels without keeping the maps:
/// the Simes pivotal statistic of each permutation in sanssouci's form (min over k &lt;= K of p_(k) m / k) and in
/// pARI's (min of (m p_(k)) / (k alpha)), with K up to m, and optionally the <see cref="KeptColumns"/> smallest
/// p-values of each (for learned templates and the Beta family).
/// <para>
/// Per map: the scores (t, or |t| two-sided) are put in rank order lazily (<see cref="LazyRankedScores"/>: O(m) plus
/// the sorting of the few buckets read, instead of an O(m log m) sort); p-values are then computed only where
/// the minimum can change: after rank a, the ranks up to the last j with (p_(a) m) / j at or above the minimum are skipped,
/// since p_(k) &gt;= p_(a) and floating-point products and quotients are monotone, so the result is exactly the
/// minimum over all k (the same doubles as the definition) after a few dozen p-values instead of m.
/// </para>
/// <see cref="Add"/> may be called from several threads for distinct permutations.
/// </summary>
internal sealed class PivotalStatisticsCollector
{
    private readonly double[] _simes;
    private readonly double[] _pari;
    private readonly System.Collections.Concurrent.ConcurrentBag<LazyRankedScores> _scratch = [];

    /// <param name="permutations">B.</param>
    /// <param name="hypotheses">m, the values of one map.</param>
    /// <param name="kMax">K for the pivotal statistics (1..m).</param>
    /// <param name="keptColumns">How many smallest p-values to keep per permutation (0 for none).</param>
    /// <param name="pValues">How t becomes p.</param>
    /// <param name="alpha">pARI's alpha (its pivotal statistic is divided by it).</param>
    public PivotalStatisticsCollector(int permutations, int hypotheses, int kMax, int keptColumns, TStatisticPValues pValues, double alpha)
    {
        if (kMax < 1 || kMax > hypotheses) throw AriException.For("kMax", $"must be between 1 and the number of voxels {hypotheses}, not {kMax}");
        CalibratedSimes.CheckAlpha(alpha);
        Permutations = permutations;
        Hypotheses = hypotheses;
        KMax = kMax;
        PValues = pValues;
        Alpha = alpha;
        _simes = new double[permutations];
        _pari = new double[permutations];
        Kept = keptColumns > 0 ? new SortedNullPValues(permutations, keptColumns, hypotheses) : null;
    }

    public int Permutations { get; }
    public int Hypotheses { get; }
    public int KMax { get; }
    public double Alpha { get; }
    public TStatisticPValues PValues { get; }

    /// <summary>The kept smallest p-values (null when none are kept).</summary>
    public SortedNullPValues? Kept { get; }

    /// <summary>The number of smallest p-values kept per permutation.</summary>
    public int KeptColumns => Kept?.Columns ?? 0;

    /// <summary>sanssouci's pivotal statistics, one per permutation.</summary>
    public ReadOnlySpan<double> SimesPivotal => _simes;

    /// <summary>pARI's Simes pivotal statistics (delta = 0), one per permutation.</summary>
    public ReadOnlySpan<double> PariPivotal => _pari;

    /// <summary>Takes permutation b's t map (m values, mask order).</summary>
    public void Add(int b, ReadOnlySpan<double> t)
    {
        if (t.Length != Hypotheses) throw AriException.For("statistics", $"permutation {b} has {t.Length} values, expected {Hypotheses}");
        int m = Hypotheses;
        if (!_scratch.TryTake(out var scores)) scores = new LazyRankedScores();
        try
        {
            scores.Load(t, PValues); // ranks are sorted lazily: only the buckets the minima and the kept columns read
            var ranked = new RankedPValues(scores, PValues);
            double alpha = Alpha;
            _simes[b] = MinimumOverRanks(ranked, KMax, (p, k) => p * m / k);
            _pari[b] = MinimumOverRanks(ranked, KMax, (p, k) => ((double)m * p) / ((double)k * alpha));
            if (Kept is { } kept) kept.SetSortedRow(b, ranked);
        }
        finally
        {
            _scratch.Add(scores);
        }
    }

    /// <summary>
    /// min over k = 1..K of term(p_(k), k) for a term of the form c p / k (non-decreasing in p, non-increasing in k):
    /// after evaluating rank a, every rank k up to the largest j with term(p_(a), j) &gt;= the current minimum is
    /// skipped (term(p_(k), k) &gt;= term(p_(a), k) &gt;= term(p_(a), j)), j found from c p / min and checked with the
    /// floating-point term itself. Under the null the minimum is well below 1 and the ranks visited grow
    /// geometrically.
    /// </summary>
    internal static double MinimumOverRanks(RankedPValues ranked, int kMax, Func<double, int, double> term)
    {
        double min = double.PositiveInfinity;
        int k = 1;
        while (k <= kMax)
        {
            double p = ranked.At(k);
            double v = term(p, k);
            if (v < min) min = v;
            if (min <= 0) break; // no term is negative
            double estimate = Math.Floor(term(p, 1) / min);
            int j = estimate >= kMax ? kMax : Math.Max(k, (int)estimate);
            while (j > k && term(p, j) < min) j--;
            while (j < kMax && term(p, j + 1) >= min) j++;
            k = j + 1;
        }
        return min;
    }
}

/// <summary>
/// p_(k) of one permutation: from its scores sorted so that the most significant comes first (negated), or from a
/// <see cref="LazyRankedScores"/> that sorts on demand (the same values).
/// </summary>
internal readonly ref struct RankedPValues
{
    private readonly ReadOnlySpan<double> _negated;
    private readonly LazyRankedScores? _lazy;
    private readonly TStatisticPValues _pValues;

    public RankedPValues(ReadOnlySpan<double> negatedScores, TStatisticPValues pValues)
    {
        _negated = negatedScores;
        _pValues = pValues;
    }

    public RankedPValues(LazyRankedScores scores, TStatisticPValues pValues)
    {
        _lazy = scores;
        _pValues = pValues;
    }

    /// <summary>p_(k), 1-based.</summary>
    public double At(int k) => _pValues.FromScore(-(_lazy is null ? _negated[k - 1] : _lazy.At(k - 1)));
}
