namespace Ari.Inference;

/// <summary>
/// The admissible STCs of an <see cref="AriClusterTree"/> (as ranks) grouped by TDP: bucket b holds the nodes with
/// floor(TDP x <see cref="Buckets"/>) = b (a TDP of 1 in the last), so a query at gamma reads only the buckets from
/// gamma's up, without a sort of all admissible nodes by TDP. Within a bucket, ranks decrease.
/// </summary>
internal sealed class AdmissibleByTdp
{
    /// <summary>Number of TDP buckets (a power of two: TDP x Buckets is exact, so bucketing is monotone).</summary>
    public const int Buckets = 4096;

    private readonly int[] _ranks;
    private readonly int[] _bucketStart; // Buckets + 1 entries

    private AdmissibleByTdp(int[] ranks, int[] bucketStart, double lowest, double highest)
    {
        _ranks = ranks;
        _bucketStart = bucketStart;
        LowestTdp = lowest;
        HighestTdp = highest;
    }

    /// <summary>The bucket of a TDP in [0, 1].</summary>
    public static int BucketOf(double tdp) => Math.Min((int)(tdp * Buckets), Buckets - 1);

    /// <summary>Groups admissible ranks (in any order) by their buckets (one per rank); the smallest and largest TDP among them.</summary>
    public static AdmissibleByTdp Group(ReadOnlySpan<int> ranks, ReadOnlySpan<int> buckets, double lowest, double highest)
    {
        var start = new int[Buckets + 1];
        foreach (int b in buckets) start[b + 1]++;
        for (int b = 1; b <= Buckets; b++) start[b] += start[b - 1];
        var next = start.AsSpan(0, Buckets).ToArray();
        var grouped = new int[ranks.Length];
        for (int i = 0; i < ranks.Length; i++) grouped[next[buckets[i]]++] = ranks[i];
        return new AdmissibleByTdp(grouped, start, lowest, highest);
    }

    /// <summary>Number of admissible STCs.</summary>
    public int Count => _ranks.Length;

    /// <summary>Every admissible rank, bucket by bucket (increasing TDP bucket).</summary>
    public ReadOnlySpan<int> Ranks => _ranks;

    /// <summary>The ranks whose TDP may be at least <paramref name="gamma"/>: the buckets from gamma's up (check each TDP).</summary>
    public ReadOnlySpan<int> From(double gamma) => _ranks.AsSpan(_bucketStart[BucketOf(gamma)]);

    /// <summary>The smallest TDP of an admissible STC (+inf when there is none).</summary>
    public double LowestTdp { get; }

    /// <summary>The largest TDP of an admissible STC (-inf when there is none).</summary>
    public double HighestTdp { get; }
}
