namespace Ari.Inference;

/// <summary>
/// Indices ordered by increasing non-negative key (p-values, TDPs), ties by index (R's stable <c>order</c>).
/// <para>
/// A stable least-significant-digit radix sort on the upper 32 bits of each key's IEEE bits (increasing with the value
/// for keys &gt;= 0): three passes of 11, 11 and 10 bits (a pass is skipped when every key has the same digit), each
/// counted and scattered by two threads over the two halves of the list; then the rare runs of equal upper bits are
/// ordered by the full key. No comparisons of doubles in the bulk, no allocation beyond the result and three scratch arrays.
/// </para>
/// </summary>
internal static class PValueOrder
{
    private const int ParallelFrom = 1 << 16;

    /// <summary>The order of keys in [0, +inf) (no NaN; -0 counts as 0).</summary>
    public static int[] Sort(ReadOnlySpan<double> keys) => Sort(keys, default);

    /// <summary>
    /// The order of keys in [0, +inf) (no NaN; -0 counts as 0); <paramref name="tiedWithPrevious"/> (empty, or one flag per
    /// key) gets, at each place of the order, whether that key equals the one before it.
    /// </summary>
    public static int[] Sort(ReadOnlySpan<double> keys, Span<bool> tiedWithPrevious)
    {
        if (!tiedWithPrevious.IsEmpty && tiedWithPrevious.Length != keys.Length)
            throw new ArgumentException($"{tiedWithPrevious.Length} flags for {keys.Length} keys", nameof(tiedWithPrevious));
        tiedWithPrevious.Clear();
        int n = keys.Length;
        var order = new int[n];
        if (n == 0) return order;
        // Scratch not pooled: on a 1 mm brain it is 22 MB that the GC can hand to later stages.
        uint[] hi = GC.AllocateUninitializedArray<uint>(n), hiScratch = GC.AllocateUninitializedArray<uint>(n);
        int[] itemScratch = GC.AllocateUninitializedArray<int>(n);
        {
            for (int i = 0; i < n; i++)
            {
                hi[i] = (uint)(BitConverter.DoubleToUInt64Bits(keys[i] + 0.0) >> 32);
                order[i] = i;
            }
            uint[] keyFrom = hi, keyTo = hiScratch;
            int[] itemFrom = order, itemTo = itemScratch;
            foreach (var (shift, bits) in (ReadOnlySpan<(int, int)>)[(0, 11), (11, 11), (22, 10)])
            {
                if (!Pass(keyFrom, itemFrom, keyTo, itemTo, n, shift, bits)) continue;
                (keyFrom, keyTo) = (keyTo, keyFrom);
                (itemFrom, itemTo) = (itemTo, itemFrom);
            }
            if (!ReferenceEquals(itemFrom, order)) itemFrom.AsSpan(0, n).CopyTo(order);
            OrderTies(keyFrom.AsSpan(0, n), keys, order, tiedWithPrevious);
        }
        return order;
    }

    /// <summary>One stable counting pass on the digit (key &gt;&gt; shift) of <paramref name="bits"/> bits; false (nothing moved) when all digits are equal.</summary>
    private static bool Pass(uint[] keyFrom, int[] itemFrom, uint[] keyTo, int[] itemTo, int n, int shift, int bits)
    {
        int buckets = 1 << bits;
        uint digitMask = (uint)buckets - 1;
        int parts = n >= ParallelFrom && Environment.ProcessorCount > 1 ? 2 : 1;
        int half = n / parts;
        var counts = new int[parts][];
        Run(parts, part =>
        {
            var c = counts[part] = new int[buckets];
            int end = part == parts - 1 ? n : half * (part + 1);
            for (int i = half * part; i < end; i++) c[(keyFrom[i] >> shift) & digitMask]++;
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
                uint key = keyFrom[i];
                int slot = next[(key >> shift) & digitMask]++;
                keyTo[slot] = key;
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

    /// <summary>Orders each run of equal upper bits by the full key, then by index (the run is by index already).</summary>
    private static void OrderTies(ReadOnlySpan<uint> sortedHi, ReadOnlySpan<double> keys, int[] order, Span<bool> tiedWithPrevious)
    {
        int n = sortedHi.Length;
        for (int s = 0; s < n;)
        {
            int e = s + 1;
            while (e < n && sortedHi[e] == sortedHi[s]) e++;
            if (e - s > 1)
            {
                SortRun(keys, order.AsSpan(s, e - s));
                if (!tiedWithPrevious.IsEmpty)
                    for (int i = s + 1; i < e; i++) tiedWithPrevious[i] = keys[order[i]] + 0.0 == keys[order[i - 1]] + 0.0;
            }
            s = e;
        }
    }

    private static void SortRun(ReadOnlySpan<double> keys, Span<int> run)
    {
        if (run.Length <= 32)
        {
            // Insertion sort by key: stable, so equal keys keep their increasing indices.
            for (int a = 1; a < run.Length; a++)
            {
                int item = run[a];
                double key = keys[item] + 0.0;
                int b = a - 1;
                while (b >= 0 && keys[run[b]] + 0.0 > key) { run[b + 1] = run[b]; b--; }
                run[b + 1] = item;
            }
            return;
        }
        var runKeys = new double[run.Length];
        for (int a = 0; a < run.Length; a++) runKeys[a] = keys[run[a]] + 0.0;
        var items = run.ToArray();
        Array.Sort(runKeys, items);
        for (int s = 0; s < items.Length;)
        {
            int e = s + 1;
            while (e < items.Length && runKeys[e] == runKeys[s]) e++;
            if (e - s > 1) Array.Sort(items, s, e - s);
            s = e;
        }
        items.CopyTo(run);
    }
}
