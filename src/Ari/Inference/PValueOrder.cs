namespace Ari.Inference;

/// <summary>
/// Indices ordered by increasing non-negative key (p-values, TDPs), ties by index (R's stable <c>order</c>).
/// <para>
/// A stable least-significant-digit radix sort on the upper 32 bits of each key's IEEE bits (increasing with the value
/// for keys &gt;= 0): three passes of 11, 11 and 10 bits (a pass is skipped when every key has the same digit), each
/// counted and scattered by two threads over the two halves of the list, carrying the lower 32 bits along; then the
/// runs of equal upper bits are ordered by their lower bits, read in sequence. No comparisons of doubles, no reads of
/// the keys in random order, no allocation beyond the result (the five scratch lists can come from earlier stages).
/// </para>
/// </summary>
internal static class PValueOrder
{
    private const int ParallelFrom = 1 << 16;

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
    /// <param name="scratch">Where the five scratch lists are taken from and given back to (null: allocated).</param>
    /// <param name="into">Where the order goes (its first n entries; null: a new array of n).</param>
    public static int[] Sort(ReadOnlySpan<double> keys, Span<bool> tiedWithPrevious, ScratchInts? scratch, int[]? into = null)
    {
        if (!tiedWithPrevious.IsEmpty && tiedWithPrevious.Length != keys.Length)
            throw new ArgumentException($"{tiedWithPrevious.Length} flags for {keys.Length} keys", nameof(tiedWithPrevious));
        tiedWithPrevious.Clear();
        int n = keys.Length;
        if (into is not null && into.Length < n) throw new ArgumentException($"{into.Length} slots for {n} keys", nameof(into));
        var order = into ?? new int[n];
        if (n == 0) return order;
        // The keys' upper and lower 32 bits (as uint, stored in int arrays so that scratch can be shared).
        scratch ??= new ScratchInts();
        int[] hi = scratch.Take(n), hiScratch = scratch.Take(n), lo = scratch.Take(n), loScratch = scratch.Take(n);
        int[] itemScratch = scratch.Take(n);
        for (int i = 0; i < n; i++)
        {
            ulong bits = BitConverter.DoubleToUInt64Bits(keys[i] + 0.0);
            hi[i] = (int)(uint)(bits >> 32);
            lo[i] = (int)(uint)bits;
            order[i] = i;
        }
        var from = new Lists(hi, lo, order);
        var to = new Lists(hiScratch, loScratch, itemScratch);
        foreach (var (shift, bits) in (ReadOnlySpan<(int, int)>)[(0, 11), (11, 11), (22, 10)])
        {
            if (!Pass(from, to, n, shift, bits)) continue;
            (from, to) = (to, from);
        }
        if (!ReferenceEquals(from.Items, order)) from.Items.AsSpan(0, n).CopyTo(order);
        OrderTies(from.Hi, from.Lo, order, n, tiedWithPrevious);
        scratch.Give(hi, hiScratch, lo, loScratch, itemScratch);
        return order;
    }

    /// <summary>The keys' upper and lower bits and the items, in one arrangement.</summary>
    private readonly record struct Lists(int[] Hi, int[] Lo, int[] Items);

    /// <summary>One stable counting pass on the digit (key &gt;&gt; shift) of <paramref name="bits"/> bits; false (nothing moved) when all digits are equal.</summary>
    private static bool Pass(Lists from, Lists to, int n, int shift, int bits)
    {
        var (keyFrom, loFrom, itemFrom) = from;
        var (keyTo, loTo, itemTo) = to;
        int buckets = 1 << bits;
        uint digitMask = (uint)buckets - 1;
        int parts = n >= ParallelFrom && Environment.ProcessorCount > 1 ? 2 : 1;
        int half = n / parts;
        var counts = new int[parts][];
        Run(parts, part =>
        {
            var c = counts[part] = new int[buckets];
            int end = part == parts - 1 ? n : half * (part + 1);
            for (int i = half * part; i < end; i++) c[((uint)keyFrom[i] >> shift) & digitMask]++;
        });
        int total = 0, nonEmpty = 0;
        for (int b = 0; b < buckets; b++)
        {
            int inBucket = 0;
            for (int part = 0; part < parts; part++)
            {
                int c = counts[part][b];
                counts[part][b] = total + inBucket; // becomes this part's next slot in bucket b
                inBucket += c;
            }
            if (inBucket > 0) nonEmpty++;
            total += inBucket;
        }
        if (nonEmpty == 1) return false;
        Run(parts, part =>
        {
            var next = counts[part];
            int end = part == parts - 1 ? n : half * (part + 1);
            for (int i = half * part; i < end; i++)
            {
                int key = keyFrom[i];
                int slot = next[((uint)key >> shift) & digitMask]++;
                keyTo[slot] = key;
                loTo[slot] = loFrom[i];
                itemTo[slot] = itemFrom[i];
            }
        });
        return true;
    }

    private static void Run(int parts, Action<int> body)
    {
        if (parts == 1) body(0);
        else Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, body);
    }

    /// <summary>
    /// Orders each run of equal upper bits by the lower bits, then by index (the run is by index already); the two
    /// halves of the list (split at a run's edge) on two threads.
    /// </summary>
    private static unsafe void OrderTies(int[] sortedHi, int[] sortedLo, int[] order, int n, Span<bool> tiedWithPrevious)
    {
        fixed (bool* tied = tiedWithPrevious)
        {
            bool* flags = tiedWithPrevious.IsEmpty ? null : tied;
            int middle = n / 2;
            while (middle > 0 && middle < n && sortedHi[middle] == sortedHi[middle - 1]) middle++;
            if (n < ParallelFrom || Environment.ProcessorCount < 2)
            {
                OrderTies(sortedHi, sortedLo, order, 0, n, flags);
                return;
            }
            nint address = (nint)flags;
            Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = 2 },
                () => OrderTies(sortedHi, sortedLo, order, 0, middle, (bool*)address),
                () => OrderTies(sortedHi, sortedLo, order, middle, n, (bool*)address));
        }
    }

    /// <summary>The runs that start in [from, to) (to is at a run's edge).</summary>
    private static unsafe void OrderTies(int[] sortedHi, int[] sortedLo, int[] order, int from, int to, bool* tiedWithPrevious)
    {
        for (int s = from; s < to;)
        {
            int e = s + 1;
            while (e < to && sortedHi[e] == sortedHi[s]) e++;
            if (e - s > 1)
            {
                var lo = sortedLo.AsSpan(s, e - s);
                SortRun(lo, order.AsSpan(s, e - s));
                if (tiedWithPrevious != null)
                    for (int i = 1; i < lo.Length; i++) tiedWithPrevious[s + i] = lo[i] == lo[i - 1];
            }
            s = e;
        }
    }

    /// <summary>Sorts a run's items by their lower bits, stably (equal keys keep their increasing indices).</summary>
    private static void SortRun(Span<int> lo, Span<int> items)
    {
        int sorted = 1;
        while (sorted < lo.Length && (uint)lo[sorted - 1] <= (uint)lo[sorted]) sorted++;
        if (sorted == lo.Length) return; // the common case for TDPs: all equal (1, 0, 1/2)
        if (lo.Length <= 32)
        {
            for (int a = 1; a < lo.Length; a++)
            {
                int key = lo[a];
                int item = items[a], b = a - 1;
                while (b >= 0 && (uint)lo[b] > (uint)key) { lo[b + 1] = lo[b]; items[b + 1] = items[b]; b--; }
                lo[b + 1] = key;
                items[b + 1] = item;
            }
            return;
        }
        // Lower bits then index in one 64-bit key: distinct, so any sort is stable.
        var composite = new ulong[lo.Length];
        for (int a = 0; a < lo.Length; a++) composite[a] = (ulong)(uint)lo[a] << 32 | (uint)items[a];
        Array.Sort(composite);
        for (int a = 0; a < lo.Length; a++) { lo[a] = (int)(uint)(composite[a] >> 32); items[a] = (int)(uint)composite[a]; }
    }
}
