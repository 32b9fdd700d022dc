namespace Ari.Inference;

/// <summary>
/// Transient int arrays handed from one stage of a large computation to the next (uninitialized: the taker fills
/// them). On a virtual machine fresh memory is dear (every page is faulted in and cleared by the kernel: about 1 ms per
/// MB here), so a stage reuses the memory an earlier stage has touched instead of allocating its own.
/// </summary>
internal sealed class ScratchInts
{
    private const int Slack = 16;
    private readonly List<int[]> _free = [];

    /// <summary>An array of at least <paramref name="length"/> entries with arbitrary contents (the smallest free one that fits).</summary>
    public int[] Take(int length) => TakeFree(length) ?? Fresh(length);

    /// <summary>As <see cref="Take"/>, with a new array's pages faulted in now (its contents are still to be treated as arbitrary).</summary>
    public int[] TakeTouched(int length)
    {
        if (TakeFree(length) is { } free) return free;
        var array = Fresh(length);
        array.AsSpan().Clear();
        return array;
    }

    /// <summary>Hands arrays back for later stages (the caller no longer uses them).</summary>
    public void Give(params ReadOnlySpan<int[]?> arrays)
    {
        lock (_free)
            foreach (var array in arrays)
                if (array is not null) _free.Add(array);
    }

    private int[]? TakeFree(int length)
    {
        lock (_free)
        {
            int best = -1;
            for (int i = 0; i < _free.Count; i++)
                if (_free[i].Length >= length && (best < 0 || _free[i].Length < _free[best].Length)) best = i;
            if (best < 0) return null;
            var array = _free[best];
            _free.RemoveAt(best);
            return array;
        }
    }

    // A little slack, so that lists of m entries serve later requests of m + 2 (prefix sweeps).
    private static int[] Fresh(int length) => GC.AllocateUninitializedArray<int>(length + Slack);
}
