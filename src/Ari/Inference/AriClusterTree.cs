using System.Buffers;
using System.Globalization;
using Ari.Domain;

namespace Ari.Inference;

/// <summary>
/// The supra-threshold clusters of a p-value map with their ARI bounds, built once, queried by TDP level (Chen, Goeman,
/// Krebs, Meijer &amp; Weeda, arXiv 2206.13587; ARIbrain's ARIBrainCluster / TDPQuery / TDPChange).
/// <para>
/// Positions are visited by increasing p (ties by position); each becomes a node whose children are the trees of its
/// already-visited neighbours, so a node's subtree is the connected component of {rank &lt;= its rank} holding it: a
/// supra-threshold cluster (STC) unless its parent has the same p (then it is only part of one; its TDP is -1, as in
/// ARIbrain). Subtrees are laid out in one post-order list with the largest child first, so every subtree is a range
/// of it and every heavy path is a chain of prefixes of its top's range: one incremental sweep per heavy path gives the
/// bounds of all its nodes (<see cref="PrefixDiscoveries"/>), O(m log m) in all.
/// </para>
/// <para>
/// An STC is admissible when its TDP is strictly above every ancestor's. <see cref="Query"/> returns the maximal
/// admissible STCs with TDP &gt;= gamma (disjoint); <see cref="Change"/> zooms one in or out.
/// </para>
/// </summary>
public sealed class AriClusterTree
{
    private readonly int[] _parent;   // tree parent (position), -1 for a root
    private readonly int[] _size;     // subtree size
    private readonly int[] _end;      // post-order index of each position (its range ends there)
    private readonly int[] _postOrder;
    private readonly int[] _trueDiscoveries;
    private readonly double[] _tdp;   // -1 when the node is not an STC
    private readonly double[] _ancestorTdp; // max TDP of the proper ancestors (-1 for a root)
    private readonly int[] _admissible;     // admissible nodes by increasing TDP

    private AriClusterTree(int[] parent, int[] size, int[] end, int[] postOrder, int[] trueDiscoveries, double[] tdp,
        double[] ancestorTdp, int[] admissible, int stcCount, TrueDiscoveryBounds bounds)
    {
        _parent = parent;
        _size = size;
        _end = end;
        _postOrder = postOrder;
        _trueDiscoveries = trueDiscoveries;
        _tdp = tdp;
        _ancestorTdp = ancestorTdp;
        _admissible = admissible;
        StcCount = stcCount;
        Bounds = bounds;
    }

    /// <summary>Builds the tree with parametric ARI (Simes, Hommel's h) at level alpha.</summary>
    public static AriClusterTree Build(ReadOnlySpan<double> pValues, InferenceDomain domain, double alpha)
    {
        CheckPValues(pValues);
        return Build(pValues, domain, CriticalVector.Simes(pValues, alpha));
    }

    /// <summary>Builds the tree for p-values in [0, 1] (one per domain position) with any critical vector.</summary>
    public static AriClusterTree Build(ReadOnlySpan<double> pValues, InferenceDomain domain, CriticalVector criticalVector)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(criticalVector);
        int m = domain.Count;
        if (pValues.Length != m)
            throw new ArgumentException($"{pValues.Length} p-values for a domain of {m} positions", nameof(pValues));
        CheckPValues(pValues);
        var bounds = TrueDiscoveryBounds.Create(pValues, criticalVector);
        var order = PValueOrder.Sort(pValues);

        // The forest: visit by increasing p; union-find (by size) over the visited positions.
        var parent = new int[m];
        var size = new int[m];
        var heavy = new int[m];      // largest child (-1: a leaf)
        var firstChild = new int[m];
        var nextSibling = new int[m];
        Array.Fill(parent, -1);
        Array.Fill(size, 1);
        Array.Fill(heavy, -1);
        Array.Fill(firstChild, -1);
        {
            var rank = new int[m];
            for (int r = 0; r < m; r++) rank[order[r]] = r;
            var set = new int[m];    // union-find parent
            var treeOf = new int[m]; // the forest root of each union-find representative
            for (int v = 0; v < m; v++) { set[v] = v; treeOf[v] = v; }
            Span<int> neighbours = stackalloc int[domain.MaxDegree];
            for (int r = 0; r < m; r++)
            {
                int v = order[r];
                int count = domain.Neighbours(v, neighbours);
                for (int q = 0; q < count; q++)
                {
                    int w = neighbours[q];
                    if (rank[w] >= r) continue;
                    int repW = Find(set, w);
                    int root = treeOf[repW];
                    if (root == v) continue;
                    parent[root] = v;
                    nextSibling[root] = firstChild[v];
                    firstChild[v] = root;
                    if (heavy[v] < 0 || size[root] > size[heavy[v]]) heavy[v] = root;
                    int repV = Find(set, v);
                    // Union by subtree size; the merged set's forest root is v.
                    if (size[treeOf[repV]] < size[root]) { set[repV] = repW; treeOf[repW] = v; }
                    else set[repW] = repV;
                    size[v] += size[root];
                }
            }
        }

        // Post-order layout, largest child first: parents are laid out before children (decreasing rank).
        var end = new int[m];
        var postOrder = new int[m];
        var start = new int[m];
        int rootCursor = 0;
        for (int r = m - 1; r >= 0; r--)
        {
            int v = order[r];
            if (parent[v] < 0) { start[v] = rootCursor; rootCursor += size[v]; }
            int s = start[v];
            end[v] = s + size[v] - 1;
            postOrder[end[v]] = v;
            int cursor = s, h = heavy[v];
            if (h >= 0) { start[h] = cursor; cursor += size[h]; }
            for (int c = firstChild[v]; c >= 0; c = nextSibling[c])
                if (c != h) { start[c] = cursor; cursor += size[c]; }
        }

        // Bounds: one prefix sweep per heavy path (tops: roots and light children).
        var trueDiscoveries = new int[m];
        var category = bounds.Categories.ToArray();
        var tops = new List<int>();
        for (int v = 0; v < m; v++)
            if (parent[v] < 0 || heavy[parent[v]] != v) tops.Add(v);
        var topArray = tops.ToArray();
        Parallel.For(0, topArray.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, t =>
            HeavyPathBounds(topArray[t], start, size, heavy, postOrder, category, trueDiscoveries));

        // TDPs, ancestors' maxima and admissibility (parents before children).
        var tdp = new double[m];
        var ancestorTdp = new double[m];
        int stcCount = 0;
        var admissible = new List<int>();
        double[] p = pValues.ToArray();
        for (int r = m - 1; r >= 0; r--)
        {
            int v = order[r];
            int up = parent[v];
            bool isStc = up < 0 || p[v] != p[up];
            tdp[v] = isStc ? (double)trueDiscoveries[v] / size[v] : -1;
            if (isStc) stcCount++;
            ancestorTdp[v] = up < 0 ? -1 : Math.Max(ancestorTdp[up], tdp[up]);
            if (tdp[v] > ancestorTdp[v]) admissible.Add(v);
        }
        var admissibleArray = admissible.ToArray();
        Array.Sort(admissibleArray, (a, b) => tdp[a] != tdp[b] ? tdp[a].CompareTo(tdp[b]) : a.CompareTo(b));
        return new AriClusterTree(parent, size, end, postOrder, trueDiscoveries, tdp, ancestorTdp, admissibleArray, stcCount, bounds);
    }

    /// <summary>The bounds of every node on the heavy path from <paramref name="top"/>: prefixes of top's range.</summary>
    private static void HeavyPathBounds(int top, int[] start, int[] size, int[] heavy, int[] postOrder, int[] category, int[] trueDiscoveries)
    {
        int length = size[top];
        if (length == 1)
        {
            trueDiscoveries[top] = category[top] == 1 ? 1 : 0;
            return;
        }
        var pool = ArrayPool<int>.Shared;
        var bounds = pool.Rent(length + 1);
        var next = pool.Rent(length + 2);
        var previous = pool.Rent(length + 2);
        var gap = pool.Rent(length + 2);
        try
        {
            PrefixDiscoveries.Fill(postOrder.AsSpan(start[top], length), category, bounds, next, previous, gap);
            for (int v = top; v >= 0; v = heavy[v])
                trueDiscoveries[v] = bounds[size[v]];
        }
        finally
        {
            pool.Return(bounds);
            pool.Return(next);
            pool.Return(previous);
            pool.Return(gap);
        }
    }

    private static int Find(int[] set, int x)
    {
        while (set[x] != x)
        {
            int up = set[set[x]];
            set[x] = up;
            x = up;
        }
        return x;
    }

    private static void CheckPValues(ReadOnlySpan<double> pValues)
    {
        foreach (double p in pValues)
            if (!(p >= 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(pValues), p, "p-values must lie in [0, 1]");
    }

    /// <summary>The bounds for any set of positions (the same critical vector).</summary>
    public TrueDiscoveryBounds Bounds { get; }

    /// <summary>Number of positions m.</summary>
    public int Count => _size.Length;

    /// <summary>Number of supra-threshold clusters (nodes whose parent has a larger p, and roots).</summary>
    public int StcCount { get; }

    /// <summary>Number of admissible STCs.</summary>
    public int AdmissibleCount => _admissible.Length;

    /// <summary>The admissible STCs' nodes, by increasing TDP.</summary>
    public ReadOnlySpan<int> Admissible => _admissible;

    /// <summary>Every position in post order (children before parents, the largest child first): each subtree is a range.</summary>
    public ReadOnlySpan<int> PostOrder => _postOrder;

    /// <summary>The tree parent of a node (-1 for a root).</summary>
    public int Parent(int node) => _parent[node];

    /// <summary>The size of a node's subtree.</summary>
    public int Size(int node) => _size[node];

    /// <summary>Where a node's subtree starts in <see cref="PostOrder"/> (it ends at the node itself).</summary>
    public int RangeStart(int node) => _end[node] - _size[node] + 1;

    /// <summary>A node's TDP bound (-1 when it is not an STC: its parent has the same p).</summary>
    public double Tdp(int node) => _tdp[node];

    /// <summary>The largest TDP among a node's proper ancestors (-1 for a root).</summary>
    public double AncestorTdp(int node) => _ancestorTdp[node];

    /// <summary>Whether a node is an admissible STC: its TDP is above every ancestor's.</summary>
    public bool IsAdmissible(int node) => _tdp[node] > _ancestorTdp[node];

    /// <summary>The cluster a node stands for (its subtree).</summary>
    public TdpCluster Cluster(int node) => new(node, _size[node], _trueDiscoveries[node], _tdp[node]);

    /// <summary>The positions of a cluster (a range of <see cref="PostOrder"/>; the node last).</summary>
    public ReadOnlySpan<int> Members(TdpCluster cluster) => _postOrder.AsSpan(RangeStart(cluster.Node), _size[cluster.Node]);

    /// <summary>Whether a position lies in a cluster.</summary>
    public bool Contains(TdpCluster cluster, int position)
    {
        int e = _end[cluster.Node], x = _end[position];
        return x <= e && x > e - _size[cluster.Node];
    }

    /// <summary>
    /// The maximal admissible STCs with TDP &gt;= gamma (0 &lt; gamma &lt;= 1): disjoint, largest first. Time linear in
    /// the number of admissible STCs they contain.
    /// </summary>
    public TdpCluster[] Query(double gamma)
    {
        if (!(gamma > 0 && gamma <= 1))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must lie in (0, 1]");
        var found = new List<TdpCluster>();
        for (int n = _admissible.Length - 1; n >= 0; n--)
        {
            int v = _admissible[n];
            if (_tdp[v] < gamma) break;
            if (_ancestorTdp[v] < gamma) found.Add(Cluster(v));
        }
        return Sorted(found);
    }

    /// <summary>
    /// ARIbrain's TDPChange on <c>clusters[index]</c> (with TDP q): delta &gt; 0 replaces it by its maximal admissible
    /// descendants with TDP - q &gt;= delta (none: it disappears); delta &lt; 0 replaces it by its nearest admissible
    /// ancestor with TDP - q &lt;= delta, which absorbs the other clusters inside it. The other clusters stay.
    /// delta must be non-zero in (-1, 1); a change beyond the tree's smallest or largest admissible TDP is refused.
    /// </summary>
    public TdpCluster[] Change(IReadOnlyList<TdpCluster> clusters, int index, double delta)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, clusters.Count);
        if (!(delta > -1 && delta < 1) || delta == 0)
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be non-zero, between -1 and 1");
        var chosen = clusters[index];
        int v = chosen.Node;
        double current = _tdp[v];
        double lowest = _tdp[_admissible[0]], highest = _tdp[_admissible[^1]];
        if (delta < 0 && lowest == current || delta > 0 && highest == current)
            throw new AriException($"the cluster's TDP {Text(current)} is already the {(delta < 0 ? "smallest" : "largest")} of any admissible cluster: no further change can be attained");
        if (delta < 0 && lowest - current > delta)
            throw new AriException($"a TDP reduction of {Text(-delta)} cannot be attained: the smallest TDP is {Text(lowest)} and the cluster's is {Text(current)}");
        if (delta > 0 && highest - current < delta)
            throw new AriException($"a TDP increase of {Text(delta)} cannot be attained: the largest TDP is {Text(highest)} and the cluster's is {Text(current)}");

        var result = new List<TdpCluster>(clusters.Count + 4);
        if (delta > 0)
        {
            // Top-down through the cluster (reverse post order), taking the topmost qualifying nodes.
            int first = RangeStart(v);
            for (int x = _end[v] - 1; x >= first;)
            {
                int a = _postOrder[x];
                if (IsAdmissible(a) && _tdp[a] - current >= delta) { result.Add(Cluster(a)); x -= _size[a]; }
                else x--;
            }
            for (int n = 0; n < clusters.Count; n++)
                if (n != index) result.Add(clusters[n]);
        }
        else
        {
            int a = _parent[v];
            while (a >= 0 && !(IsAdmissible(a) && _tdp[a] - current <= delta)) a = _parent[a];
            if (a < 0)
                throw new AriException($"no admissible cluster around this one has a TDP of at most {Text(current + delta)}");
            var grown = Cluster(a);
            result.Add(grown);
            for (int n = 0; n < clusters.Count; n++)
                if (n != index && !Contains(grown, clusters[n].Node)) result.Add(clusters[n]);
        }
        return Sorted(result);
    }

    /// <summary>The local minima of p: the forest's leaves (positions none of whose neighbours has a smaller rank), increasing.</summary>
    public int[] LocalMinima()
    {
        var leaves = new List<int>();
        for (int v = 0; v < _size.Length; v++)
            if (_size[v] == 1) leaves.Add(v);
        return [.. leaves];
    }

    /// <summary>Largest first; then higher TDP; then by node.</summary>
    private static TdpCluster[] Sorted(List<TdpCluster> clusters)
    {
        clusters.Sort((a, b) => a.Size != b.Size ? b.Size.CompareTo(a.Size) : a.Tdp != b.Tdp ? b.Tdp.CompareTo(a.Tdp) : a.Node.CompareTo(b.Node));
        return [.. clusters];
    }

    private static string Text(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
