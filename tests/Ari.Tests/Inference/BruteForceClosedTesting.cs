namespace Ari.Tests.Inference;

/// <summary>
/// The definitions, computed the slow way: Simes local tests, Hommel's h by trying every j, and closed
/// testing over all 2^m intersection hypotheses (m &lt;= 16). Comparisons use the same exact products as
/// the library (j p &gt; k alpha), so dyadic inputs are decided without rounding.
/// </summary>
internal static class BruteForceClosedTesting
{
    /// <summary>Simes rejects the intersection of the hypotheses with these p-values: some k has |I| p_(k) &lt;= k alpha.</summary>
    public static bool SimesRejects(IReadOnlyList<double> p, double alpha)
    {
        var sorted = p.OrderBy(x => x).ToArray();
        int size = sorted.Length;
        for (int k = 1; k <= size; k++)
            if (size * sorted[k - 1] <= k * alpha) return true;
        return false;
    }

    /// <summary>The largest j whose j largest p-values Simes does not reject (0 if none), trying every j.</summary>
    public static int Hommel(IReadOnlyList<double> p, double alpha)
    {
        var sorted = p.OrderBy(x => x).ToArray();
        int m = sorted.Length, best = 0;
        for (int j = 1; j <= m; j++)
            if (!SimesRejects(sorted[(m - j)..], alpha)) best = j;
        return best;
    }

    /// <summary>For every subset (bit mask) of the m hypotheses, whether closed testing rejects its intersection.</summary>
    public static bool[] ClosedRejections(IReadOnlyList<double> p, double alpha)
    {
        int m = p.Count;
        if (m > 16) throw new ArgumentException("brute force is for m <= 16");
        int full = (1 << m) - 1;
        var someSupersetAccepted = new bool[full + 1];
        for (int set = full; set >= 1; set--)
        {
            var members = Enumerable.Range(0, m).Where(i => (set >> i & 1) != 0).Select(i => p[i]).ToArray();
            bool accepted = !SimesRejects(members, alpha);
            for (int i = 0; i < m && !accepted; i++)
                if ((set >> i & 1) == 0 && someSupersetAccepted[set | 1 << i]) accepted = true;
            someSupersetAccepted[set] = accepted;
        }
        return someSupersetAccepted.Select((accepted, set) => set != 0 && !accepted).ToArray();
    }

    /// <summary>|S| minus the size of the largest subset of S that closed testing does not reject.</summary>
    public static int TrueDiscoveries(bool[] closedRejected, int subset)
    {
        int size = System.Numerics.BitOperations.PopCount((uint)subset), largestAccepted = 0;
        for (int sub = subset; sub > 0; sub = (sub - 1) & subset)
            if (!closedRejected[sub])
                largestAccepted = Math.Max(largestAccepted, System.Numerics.BitOperations.PopCount((uint)sub));
        return size - largestAccepted;
    }
}
