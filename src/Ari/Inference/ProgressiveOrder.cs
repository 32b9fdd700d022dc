using System.Runtime.InteropServices;

namespace Ari.Inference;

/// <summary>
/// Indices ordered by increasing key in [0, +inf) (no NaN; -0 counts as 0), ties by index (R's stable <c>order</c>),
/// delivered front to back in pieces, so that a consumer on another thread can start on the smallest keys while the
/// rest is still being sorted (<see cref="PValueOrder"/> is the same order all at once).
/// <para>
/// One pass places every index in the bucket of its key's upper 16 IEEE bits (for p-values: the exponent and four bits of
/// the mantissa, so a bucket of uniform p-values holds at most 1/32 of them); then the buckets, in increasing order, are
/// sorted one by one where they fit in cache (a stable radix sort on the next 32 bits, then runs of equal upper 48 bits by
/// their last 16) and reported. Lists: three of n ints for the buckets, five of the largest bucket for its sort.
/// </para>
/// </summary>
internal static class ProgressiveOrder
{
    /// <summary>Ranks [from, to) of the order (and their tie flags) are final.</summary>
    public delegate void Ready(int from, int to);

    private const int TopShift = 48;

    /// <summary>
    /// Sorts <paramref name="keys"/> into <paramref name="order"/> (its first n entries), calling <paramref name="ready"/>
    /// on this thread for consecutive pieces from rank 0 to n; <paramref name="tiedWithPrevious"/> (empty, or one flag per
    /// key) gets whether the key at each rank equals the one before it.
    /// </summary>
    public static void Sort(ReadOnlySpan<double> keys, int[] order, Span<bool> tiedWithPrevious, ScratchInts scratch, Ready ready)
    {
        int n = keys.Length;
        if (order.Length < n) throw new ArgumentException($"{order.Length} slots for {n} keys", nameof(order));
        if (!tiedWithPrevious.IsEmpty && tiedWithPrevious.Length != n)
            throw new ArgumentException($"{tiedWithPrevious.Length} flags for {n} keys", nameof(tiedWithPrevious));
        if (n == 0) return;

        // Buckets of the upper 16 bits: counted, then every index scattered to its bucket (in increasing index order).
        var starts = new int[(1 << 16) + 1];
        foreach (double key in keys) starts[Top(key) + 1]++;
        int largest = 0;
        for (int b = 1; b < starts.Length; b++)
        {
            largest = Math.Max(largest, starts[b]);
            starts[b] += starts[b - 1];
        }
        // The keys' upper and lower 32 bits as ints (lists of n that later stages can reuse), by bucket.
        int[] hi = scratch.Take(n), lo = scratch.Take(n), items = scratch.Take(n);
        {
            var next = starts.AsSpan(0, 1 << 16).ToArray();
            for (int i = 0; i < n; i++)
            {
                ulong b = Bits(keys[i]);
                int slot = next[(int)(b >> TopShift)]++;
                hi[slot] = (int)(uint)(b >> 32);
                lo[slot] = (int)(uint)b;
                items[slot] = i;
            }
        }

        // Each bucket in turn: sorted on bits 16..47 (the upper 16 are its own), ties on bits 0..15, then reported.
        int[] bitStore = scratch.Take(2 * largest), otherBitStore = scratch.Take(2 * largest), otherItems = scratch.Take(largest);
        var bucketBits = MemoryMarshal.Cast<int, ulong>(bitStore.AsSpan(0, 2 * largest));
        var otherBits = MemoryMarshal.Cast<int, ulong>(otherBitStore.AsSpan(0, 2 * largest));
        Span<int> counts = stackalloc int[1 << 11];
        for (int b = 0, from = 0; from < n; b++)
        {
            int to = starts[b + 1], length = to - from;
            if (length == 0) continue;
            var runBits = bucketBits[..length];
            for (int k = 0; k < length; k++) runBits[k] = (ulong)(uint)hi[from + k] << 32 | (uint)lo[from + k];
            var sortedBits = SortBucket(runBits, items.AsSpan(from, length), otherBits[..length], otherItems.AsSpan(0, length), counts,
                out var sortedItems);
            var ranked = order.AsSpan(from, length);
            sortedItems.CopyTo(ranked);
            OrderTies(sortedBits, ranked);
            if (!tiedWithPrevious.IsEmpty)
            {
                tiedWithPrevious[from] = false; // the previous bucket's keys differ in the upper bits
                for (int r = 1; r < length; r++) tiedWithPrevious[from + r] = sortedBits[r] == sortedBits[r - 1];
            }
            ready(from, to);
            from = to;
        }
        scratch.Give(hi, lo, items, bitStore, otherBitStore, otherItems);
    }

    private static ulong Bits(double key) => BitConverter.DoubleToUInt64Bits(key + 0.0); // -0 -> +0

    private static int Top(double key) => (int)(Bits(key) >> TopShift);

    /// <summary>
    /// A stable radix sort of one bucket on bits 16..47 (passes of 11, 11 and 10 bits, each skipped when all its digits
    /// are equal) between the bucket's lists and the other pair; returns the bits' list holding the result.
    /// </summary>
    private static Span<ulong> SortBucket(Span<ulong> bits, Span<int> items, Span<ulong> otherBits, Span<int> otherItems,
        Span<int> counts, out Span<int> sortedItems)
    {
        sortedItems = items;
        if (bits.Length == 1) return bits;
        if (bits.Length <= 32)
        {
            InsertionSort(bits, items, 16);
            return bits;
        }
        foreach (var (shift, width) in (ReadOnlySpan<(int, int)>)[(16, 11), (27, 11), (38, 10)])
        {
            int buckets = 1 << width;
            ulong mask = (ulong)buckets - 1;
            var c = counts[..buckets];
            c.Clear();
            foreach (ulong v in bits) c[(int)((v >> shift) & mask)]++;
            int total = 0, nonEmpty = 0;
            for (int d = 0; d < buckets; d++)
            {
                int count = c[d];
                if (count > 0) nonEmpty++;
                c[d] = total;
                total += count;
            }
            if (nonEmpty == 1) continue;
            for (int i = 0; i < bits.Length; i++)
            {
                ulong v = bits[i];
                int slot = c[(int)((v >> shift) & mask)]++;
                otherBits[slot] = v;
                otherItems[slot] = items[i];
            }
            var swapBits = bits;
            bits = otherBits;
            otherBits = swapBits;
            var swapItems = items;
            items = otherItems;
            otherItems = swapItems;
        }
        sortedItems = items;
        return bits;
    }

    /// <summary>Stable insertion sort by the bits from <paramref name="fromBit"/> up (the lower ones are left for <see cref="OrderTies"/>).</summary>
    private static void InsertionSort(Span<ulong> bits, Span<int> items, int fromBit)
    {
        for (int a = 1; a < bits.Length; a++)
        {
            ulong v = bits[a];
            int item = items[a], b = a - 1;
            while (b >= 0 && bits[b] >> fromBit > v >> fromBit) { bits[b + 1] = bits[b]; items[b + 1] = items[b]; b--; }
            bits[b + 1] = v;
            items[b + 1] = item;
        }
    }

    /// <summary>
    /// Orders each run of equal upper 48 bits by the lower 16, then by index (the run is by index already).
    /// </summary>
    private static void OrderTies(Span<ulong> bits, Span<int> items)
    {
        for (int s = 0; s < bits.Length;)
        {
            ulong upper = bits[s] >> 16;
            int e = s + 1;
            bool sorted = true;
            for (; e < bits.Length && bits[e] >> 16 == upper; e++)
                if (bits[e] < bits[e - 1]) sorted = false;
            if (!sorted)
            {
                var runBits = bits[s..e];
                var runItems = items[s..e];
                if (runBits.Length <= 32) InsertionSort(runBits, runItems, 0);
                else
                {
                    // Lower bits then index in one key: distinct, so any sort is stable.
                    var composite = new ulong[runBits.Length];
                    for (int a = 0; a < composite.Length; a++) composite[a] = (runBits[a] & 0xFFFF) << 32 | (uint)runItems[a];
                    Array.Sort(composite);
                    for (int a = 0; a < composite.Length; a++)
                    {
                        runBits[a] = upper << 16 | composite[a] >> 32;
                        runItems[a] = (int)(uint)composite[a];
                    }
                }
            }
            s = e;
        }
    }
}
