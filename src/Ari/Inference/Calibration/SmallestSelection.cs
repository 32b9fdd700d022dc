namespace Ari.Inference.Calibration;

/// <summary>
/// The k smallest of m values, sorted, in O(m + k log k) expected time: a bounded max-heap of the best k seen,
/// which after the first k values rarely changes (a new value enters only when it beats the heap's worst).
/// </summary>
internal static class SmallestSelection
{
    /// <summary>Writes the destination.Length smallest of <paramref name="values"/> (after <paramref name="map"/>), increasing.</summary>
    public static void Smallest(ReadOnlySpan<double> values, Span<double> destination, Func<double, double> map)
    {
        int k = destination.Length;
        if (k == values.Length)
        {
            for (int i = 0; i < k; i++) destination[i] = map(values[i]);
            destination.Sort();
            return;
        }
        // max-heap of the k smallest
        var heap = destination;
        for (int i = 0; i < k; i++) heap[i] = map(values[i]);
        Heapify(heap);
        for (int i = k; i < values.Length; i++)
        {
            double v = map(values[i]);
            if (v < heap[0]) { heap[0] = v; SiftDown(heap, 0); }
        }
        heap.Sort();
    }

    /// <summary>
    /// Writes the p-values of the destination.Length most significant statistics (largest scores), increasing.
    /// </summary>
    public static void MostSignificant<T>(ReadOnlySpan<T> statistics, Span<double> destination, TStatisticPValues pValues)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int k = destination.Length;
        // min-heap of the k largest scores, stored negated in a max-heap of "smallest negated scores"
        var heap = destination;
        if (k == statistics.Length)
        {
            for (int i = 0; i < k; i++) heap[i] = -pValues.Score(double.CreateTruncating(statistics[i]));
            heap.Sort();
        }
        else
        {
            for (int i = 0; i < k; i++) heap[i] = -pValues.Score(double.CreateTruncating(statistics[i]));
            Heapify(heap);
            for (int i = k; i < statistics.Length; i++)
            {
                double v = -pValues.Score(double.CreateTruncating(statistics[i]));
                if (v < heap[0]) { heap[0] = v; SiftDown(heap, 0); }
            }
            heap.Sort();
        }
        // increasing negated score = decreasing score = increasing p
        for (int i = 0; i < k; i++) heap[i] = pValues.FromScore(-heap[i]);
    }

    private static void Heapify(Span<double> heap)
    {
        for (int i = heap.Length / 2 - 1; i >= 0; i--) SiftDown(heap, i);
    }

    private static void SiftDown(Span<double> heap, int i)
    {
        int n = heap.Length;
        double v = heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && heap[child + 1] > heap[child]) child++;
            if (!(heap[child] > v)) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = v;
    }
}
