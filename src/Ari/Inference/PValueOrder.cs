namespace Ari.Inference;

/// <summary>
/// Indices ordered by increasing non-negative key (p-values, TDPs), ties by index (R's stable <c>order</c>), all at
/// once: <see cref="ProgressiveOrder"/> run to the end (a radix sort; no comparisons of doubles).
/// </summary>
internal static class PValueOrder
{
    /// <summary>The order of keys in [0, +inf) (no NaN; -0 counts as 0).</summary>
    public static int[] Sort(ReadOnlySpan<double> keys) => Sort(keys, default);

    /// <summary>The order of keys in [0, +inf), with tie flags as <see cref="Sort(ReadOnlySpan{double}, Span{bool}, ScratchInts?, int[])"/>.</summary>
    public static int[] Sort(ReadOnlySpan<double> keys, Span<bool> tiedWithPrevious) => Sort(keys, tiedWithPrevious, null);

    /// <summary>
    /// The order of keys in [0, +inf) (no NaN; -0 counts as 0); <paramref name="tiedWithPrevious"/> (empty, or one flag per
    /// key) gets, at each place of the order, whether that key equals the one before it.
    /// </summary>
    /// <param name="keys">The keys.</param>
    /// <param name="tiedWithPrevious">Empty, or one flag per key.</param>
    /// <param name="scratch">Where the sort's lists are taken from and given back to (null: allocated).</param>
    /// <param name="into">Where the order goes (its first n entries; null: a new array of n).</param>
    public static int[] Sort(ReadOnlySpan<double> keys, Span<bool> tiedWithPrevious, ScratchInts? scratch, int[]? into = null)
    {
        int n = keys.Length;
        if (into is not null && into.Length < n) throw new ArgumentException($"{into.Length} slots for {n} keys", nameof(into));
        var order = into ?? new int[n];
        ProgressiveOrder.Sort(keys, order, tiedWithPrevious, scratch ?? new ScratchInts(), static (_, _) => { });
        return order;
    }
}
