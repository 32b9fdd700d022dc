namespace Ari.Inference;

/// <summary>
/// The true-discovery bound of every prefix of a list of hypotheses, in near-linear time: adding a hypothesis of
/// category c raises f(u) = 1 - u + #{members of category &lt;= u} by one for every u &gt;= c, and the bound is
/// max(0, max_u f(u)). Only the strict suffix maxima ("records") of f matter: all u are records at the start
/// (f(u) = 1 - u), none is ever created, and an addition either raises the maximum (when the first record at or after
/// c is the first record of all) or narrows by one the gap between that record and the one before it, removing the
/// earlier record when the gap closes. A union-find finds the first record at or after c.
/// </summary>
internal static class PrefixDiscoveries
{
    /// <summary>
    /// bounds[n] = the bound of the first n members (given by their categories, in order) for n = 0..L.
    /// Scratch spans need L + 2 entries; bounds L + 1.
    /// </summary>
    public static void Fill(ReadOnlySpan<int> categories, Span<int> bounds, Span<int> next, Span<int> previous, Span<int> gap)
    {
        int length = categories.Length;
        for (int u = 1; u <= length + 1; u++)
        {
            next[u] = u;
            previous[u] = u - 1;
            gap[u] = 1;
        }
        gap[length] = int.MaxValue; // the last position is never removed
        int first = 1, best = 0;
        bounds[0] = 0;
        for (int n = 0; n < length; n++)
        {
            int c = categories[n];
            if (c <= length)
            {
                int record = Find(next, c);
                if (record == first)
                    best++;
                else
                {
                    int before = previous[record];
                    if (--gap[before] == 0)
                    {
                        next[before] = before + 1;
                        previous[record] = previous[before];
                        if (before == first) first = record;
                    }
                }
            }
            bounds[n + 1] = best;
        }
    }

    private static int Find(Span<int> next, int u)
    {
        while (next[u] != u)
        {
            int up = next[next[u]];
            next[u] = up;
            u = up;
        }
        return u;
    }
}
