namespace Ari.Inference;

/// <summary>Positions ordered by increasing p-value, ties by position (R's stable <c>order</c>).</summary>
internal static class PValueOrder
{
    public static int[] Sort(ReadOnlySpan<double> pValues)
    {
        int m = pValues.Length;
        var keys = pValues.ToArray();
        var items = new int[m];
        for (int i = 0; i < m; i++) items[i] = i;
        if (m < 1 << 16 || Environment.ProcessorCount < 2)
        {
            SortRange(keys, items, 0, m);
            return items;
        }
        int half = m / 2;
        Parallel.Invoke(() => SortRange(keys, items, 0, half), () => SortRange(keys, items, half, m - half));
        var merged = new int[m];
        int a = 0, b = half, o = 0;
        while (a < half && b < m)
        {
            bool right = keys[b] < keys[a] || keys[b] == keys[a] && items[b] < items[a];
            merged[o++] = right ? items[b++] : items[a++];
        }
        while (a < half) merged[o++] = items[a++];
        while (b < m) merged[o++] = items[b++];
        return merged;
    }

    /// <summary>Sorts by key, then each run of equal keys by item.</summary>
    private static void SortRange(double[] keys, int[] items, int start, int length)
    {
        Array.Sort(keys, items, start, length);
        int endOfRange = start + length;
        for (int s = start; s < endOfRange;)
        {
            int e = s + 1;
            while (e < endOfRange && keys[e] == keys[s]) e++;
            if (e - s > 1) Array.Sort(items, s, e - s);
            s = e;
        }
    }
}
