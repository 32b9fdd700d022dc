namespace Ari.Inference.Calibration;

/// <summary>
/// One permuted map's scores in rank order (most significant first), sorted only where asked: the negated scores are
/// spread over 4,096 buckets by value (a monotone linear map of the score range, one counting pass and one scatter),
/// and a bucket is sorted the first time a rank inside it is read. Reading rank k therefore gives exactly the k-th
/// value of the fully sorted array, while a calibration that reads a few dozen ranks (the pivotal statistics'
/// minimum, the K smallest p-values) sorts a few buckets instead of all m values. Reused per thread.
/// </summary>
internal sealed class LazyRankedScores
{
    private const int Buckets = 4096;
    private double[] _values = [];
    private double[] _negated = [];
    private readonly int[] _start = new int[Buckets + 1];
    private readonly int[] _next = new int[Buckets];
    private readonly bool[] _sorted = new bool[Buckets];
    private int _count;

    /// <summary>Takes a map: the negated scores of <paramref name="t"/> under <paramref name="pValues"/>.</summary>
    public void Load(ReadOnlySpan<double> t, TStatisticPValues pValues)
    {
        int m = t.Length;
        if (_values.Length < m) { _values = new double[m]; _negated = new double[m]; }
        _count = m;
        var negated = _negated;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < m; i++)
        {
            double s = -pValues.Score(t[i]);
            negated[i] = s;
            if (double.IsFinite(s)) { if (s < lo) lo = s; if (s > hi) hi = s; }
        }
        double scale = hi > lo ? (Buckets - 1) / (hi - lo) : 0;
        Array.Clear(_start);
        for (int i = 0; i < m; i++) _start[Bucket(negated[i], lo, hi, scale) + 1]++;
        for (int b = 0; b < Buckets; b++) _start[b + 1] += _start[b];
        Array.Copy(_start, _next, Buckets);
        for (int i = 0; i < m; i++) _values[_next[Bucket(negated[i], lo, hi, scale)]++] = negated[i];
        Array.Clear(_sorted);
    }

    /// <summary>A non-decreasing map of a value to its bucket (infinities to the end buckets).</summary>
    private static int Bucket(double s, double lo, double hi, double scale)
    {
        if (!(s > lo)) return 0;
        if (!(s < hi)) return Buckets - 1;
        int b = (int)((s - lo) * scale);
        return b < 0 ? 0 : b >= Buckets ? Buckets - 1 : b;
    }

    /// <summary>The negated score of rank r (0-based): the r-th smallest negated score.</summary>
    public double At(int r)
    {
        if ((uint)r >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(r));
        // the bucket b with start[b] <= r < start[b + 1]
        int lo = 0, hi = Buckets - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (_start[mid] <= r) lo = mid; else hi = mid - 1;
        }
        if (!_sorted[lo])
        {
            Array.Sort(_values, _start[lo], _start[lo + 1] - _start[lo]);
            _sorted[lo] = true;
        }
        return _values[r];
    }
}
