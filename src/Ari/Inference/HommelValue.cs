using System.Buffers;

namespace Ari.Inference;

/// <summary>
/// The Hommel value h(alpha) of a family of p-values: the size of the largest set of hypotheses that its own
/// Simes test does not reject at level alpha. With p sorted increasingly (p_(1) &lt;= ... &lt;= p_(m)),
/// h is the largest j in 0..m such that j * p_(m-j+k) &gt; k * alpha for every k = 1..j
/// (the j largest p-values all lie strictly above the Simes line). h = 0 means every hypothesis is rejected.
/// <para>
/// Cost: O(m) to pick out the p-values below alpha, O(n log n) to sort those n, O(n) after that (the
/// single-alpha case of Meijer, Krebs &amp; Goeman 2019, "Hommel's procedure in linear time"): each p_(i) &lt; alpha
/// forbids every j with j &gt; m - i and j (alpha - p_(i)) &gt;= (m - i) alpha, so h is one less than the smallest
/// forbidden j. The candidate is then confirmed with the exact Simes comparisons above, so rounding in
/// the division can never move h.
/// </para>
/// </summary>
public static class HommelValue
{
    /// <summary>h(alpha) for p-values in any order. Every p must be in [0, 1] (no NaN).</summary>
    public static int Compute(ReadOnlySpan<double> pValues, double alpha)
    {
        CheckAlpha(alpha);
        int m = pValues.Length;
        if (m == 0) return 0;
        int below = 0;
        double max = double.NegativeInfinity;
        foreach (double p in pValues)
        {
            if (!(p >= 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(pValues), p, "p-values must lie in [0, 1]");
            if (p < alpha) below++;
            if (p > max) max = p;
        }
        var small = ArrayPool<double>.Shared.Rent(Math.Max(below, 1));
        try
        {
            int n = 0;
            foreach (double p in pValues)
                if (p < alpha) small[n++] = p;
            Sort(small, n);
            return FromSmallest(small.AsSpan(0, n), max, m, alpha);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(small);
        }
    }

    /// <summary>h(alpha) for p-values already sorted increasingly.</summary>
    public static int ComputeSorted(ReadOnlySpan<double> sortedP, double alpha)
    {
        CheckAlpha(alpha);
        int m = sortedP.Length;
        if (m == 0) return 0;
        int below = 0;
        while (below < m && sortedP[below] < alpha) below++;
        return FromSmallest(sortedP[..below], sortedP[m - 1], m, alpha);
    }

    /// <summary>
    /// Hommel's h for p-values in [0, 1] whose increasing order is known (<paramref name="order"/>[r]: the index of the
    /// r-th smallest): reads only the p-values below alpha and the largest.
    /// </summary>
    internal static int FromOrder(ReadOnlySpan<double> pValues, ReadOnlySpan<int> order, double alpha)
    {
        CheckAlpha(alpha);
        int m = pValues.Length;
        if (m == 0) return 0;
        int below = 0;
        while (below < m && pValues[order[below]] < alpha) below++;
        var small = ArrayPool<double>.Shared.Rent(Math.Max(below, 1));
        try
        {
            for (int r = 0; r < below; r++) small[r] = pValues[order[r]];
            return FromSmallest(small.AsSpan(0, below), pValues[order[m - 1]], m, alpha);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(small);
        }
    }

    /// <summary>
    /// h from the sorted p-values below alpha (they hold ranks 1..n of the family) and the largest p of all.
    /// Every p at or above alpha satisfies its Simes comparison except possibly the largest, at k = j.
    /// </summary>
    internal static int FromSmallest(ReadOnlySpan<double> small, double largest, int m, double alpha)
    {
        if (!(largest > alpha)) return 0; // k = j fails for every j
        // Smallest forbidden j over all ranks; m + 1 when nothing is forbidden.
        long firstForbidden = m + 1L;
        for (int rank = 1; rank <= small.Length; rank++)
        {
            int d = m - rank;
            double p = small[rank - 1];
            long forbidden;
            if (d == 0)
                forbidden = 1; // the largest p is below alpha: no j >= 1 survives
            else if (p == 0)
                forbidden = d + 1L;
            else
            {
                double bound = d * alpha / (alpha - p);
                forbidden = bound >= firstForbidden ? firstForbidden : Math.Max(d + 1L, (long)Math.Ceiling(bound));
            }
            if (forbidden < firstForbidden) firstForbidden = forbidden;
        }
        int h = (int)Math.Min(m, firstForbidden - 1);
        // Confirm with the exact comparisons (the division above may round across an integer).
        while (h < m && IsNotRejected(h + 1, small, largest, m, alpha)) h++;
        while (h > 0 && !IsNotRejected(h, small, largest, m, alpha)) h--;
        return h;
    }

    /// <summary>Whether the j largest p-values pass their Simes test: j * p_(m-j+k) &gt; k * alpha for k = 1..j.</summary>
    private static bool IsNotRejected(int j, ReadOnlySpan<double> small, double largest, int m, double alpha)
    {
        if (!(j * largest > j * alpha)) return false; // k = j
        // Ranks m-j+1 .. n are below alpha; ranks above n are >= alpha and pass for k < j.
        for (int rank = Math.Max(m - j + 1, 1); rank <= small.Length; rank++)
        {
            int k = rank - (m - j);
            if (!(j * small[rank - 1] > k * alpha)) return false;
        }
        return true;
    }

    /// <summary>Sorts values[0..n) increasingly; large inputs as two halves on two cores, then merged.</summary>
    internal static void Sort(double[] values, int n)
    {
        if (n < 1 << 16 || Environment.ProcessorCount < 2)
        {
            Array.Sort(values, 0, n);
            return;
        }
        int half = n / 2;
        Parallel.Invoke(() => Array.Sort(values, 0, half), () => Array.Sort(values, half, n - half));
        var merged = ArrayPool<double>.Shared.Rent(n);
        try
        {
            int a = 0, b = half, o = 0;
            while (a < half && b < n) merged[o++] = values[b] < values[a] ? values[b++] : values[a++];
            while (a < half) merged[o++] = values[a++];
            while (b < n) merged[o++] = values[b++];
            Array.Copy(merged, values, n);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(merged);
        }
    }

    internal static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be between 0 and 1 (exclusive)");
    }
}
