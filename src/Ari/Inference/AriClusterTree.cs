using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
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
public sealed partial class AriClusterTree
{
    // Nodes are positions in the public API; inside, every per-node array is indexed by rank (the order of increasing
    // p), so the passes over parents-before-children are sequential in memory. The lists may be longer than m (they
    // can come from the build's scratch): only their first m entries count.
    private readonly int _count;
    private readonly int[] _order;    // rank -> position
    private readonly int[] _rank;     // position -> rank
    private readonly int[] _parent;   // parent's rank, -1 for a root
    private readonly int[] _size;     // subtree size
    private readonly int[] _end;      // post-order index of the node (its range ends there)
    private readonly int[] _postOrder; // positions in post order
    private readonly int[] _trueDiscoveries; // the bound; its complement (~bound, negative) when the node is not an STC
    private readonly int[] _bestAncestor;    // rank of a proper ancestor with the largest TDP (-1 for a root)
    private readonly AdmissibleByTdp _admissible;
    private int[]? _admissibleNodes;         // positions by increasing TDP, then rank (made on first use)

    private AriClusterTree(int count, int[] order, int[] rank, int[] parent, int[] size, int[] end, int[] postOrder,
        int[] trueDiscoveries, int[] bestAncestor, AdmissibleByTdp admissible, int stcCount, TrueDiscoveryBounds bounds)
    {
        _count = count;
        _order = order;
        _rank = rank;
        _parent = parent;
        _size = size;
        _end = end;
        _postOrder = postOrder;
        _trueDiscoveries = trueDiscoveries;
        _bestAncestor = bestAncestor;
        _admissible = admissible;
        StcCount = stcCount;
        Bounds = bounds;
    }

    /// <summary>Builds the tree with parametric ARI (Simes, Hommel's h) at level alpha.</summary>
    public static AriClusterTree Build(ReadOnlySpan<double> pValues, InferenceDomain domain, double alpha)
    {
        HommelValue.CheckAlpha(alpha);
        return Build(pValues, domain, (p, order) => CriticalVector.Simes(HommelValue.FromOrder(p, order, alpha), alpha, p.Length));
    }

    /// <summary>Builds the tree for p-values in [0, 1] (one per domain position) with any critical vector.</summary>
    public static AriClusterTree Build(ReadOnlySpan<double> pValues, InferenceDomain domain, CriticalVector criticalVector)
    {
        ArgumentNullException.ThrowIfNull(criticalVector);
        return Build(pValues, domain, (_, _) => criticalVector);
    }

    /// <summary>The critical vector of the p-values (computed beside the forest, once they are sorted).</summary>
    private delegate CriticalVector VectorOf(ReadOnlySpan<double> pValues, int[] order);

    private static AriClusterTree Build(ReadOnlySpan<double> pValues, InferenceDomain domain, VectorOf vectorOf)
    {
        ArgumentNullException.ThrowIfNull(domain);
        int m = domain.Count;
        if (pValues.Length != m)
            throw new ArgumentException($"{pValues.Length} p-values for a domain of {m} positions", nameof(pValues));
        CheckPValues(pValues);
        StageTrace.Mark("tree: checks");
        // Transient lists pass from stage to stage (fresh memory costs more than the passes themselves on a VM).
        var scratch = new ScratchInts();
        var tied = new bool[m]; // tied[r]: rank r has the p-value of rank r - 1
        var order = new int[m];
        var rank = new int[m];
        Task<(int[] Nodes, ForestBox Box)>? forest = null;
        int[]? voxelOfRank = null;
        if (domain is GridDomain gridDomain)
        {
            voxelOfRank = scratch.Take(m);
            forest = SortBesideGridForest(pValues, gridDomain, order, rank, tied, voxelOfRank, scratch);
        }
        else
        {
            PValueOrder.Sort(pValues, tied, scratch, order);
            for (int r = 0; r < m; r++) rank[order[r]] = r;
        }
        StageTrace.Mark("tree: sort (a grid's forest begins beside it)");

        // The critical vector and the categories while the forest runs.
        var bounds = TrueDiscoveryBounds.Create(pValues, vectorOf(pValues, order));
        // The lists the later stages keep: the sort's, and fresh ones faulted in now, on the core the forest leaves free.
        var parent = scratch.TakeTouched(m);
        var size = scratch.TakeTouched(m);
        var end = scratch.TakeTouched(m);
        var postOrder = scratch.TakeTouched(m);
        var trueDiscoveries = scratch.TakeTouched(m);
        var top = Touched<bool>(m); // a root or a light child: its heavy path starts there
        StageTrace.Mark("tree: critical vector, categories (beside the forest)");
        int[] nodeStore;
        if (forest is null)
        {
            nodeStore = Touched<int>(NodeInts * (m + 2));
            GraphForest(domain, order, rank, Nodes(nodeStore, m));
        }
        else
        {
            (nodeStore, var box) = forest.GetAwaiter().GetResult();
            scratch.Give(voxelOfRank, box.Cells, box.BoxIndex);
        }
        StageTrace.Mark("tree: forest (union-find)");

        // Post-order layout, largest child first: a node's range starts at its parent's start plus its offset among its
        // siblings (parents before children: decreasing rank), then every node is placed at its range's end.
        var heavy = scratch.Take(m);
        var start = scratch.Take(m);
        {
            var nodes = Nodes(nodeStore, m);
            int rootCursor = 0;
            for (int r = m - 1; r >= 0; r--)
            {
                if (r >= PrefetchAhead && nodes[r - PrefetchAhead].Parent is var up && up >= 0) Prefetch(ref start[up]);
                ref var node = ref nodes[r];
                if (node.Parent < 0) { start[r] = rootCursor; rootCursor += node.Size; }
                else start[r] = start[node.Parent] + node.Offset;
                top[r] = node.Parent < 0 || node.Offset != 0; // only the heavy child starts where its parent does
                parent[r] = node.Parent;
                size[r] = node.Size;
                heavy[r] = node.Heavy;
            }
        }
        scratch.Give(nodeStore);
        var categoryInPostOrder = scratch.Take(m);
        var category = bounds.CategoryArray;
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, half =>
        {
            int from = half == 0 ? 0 : m / 2, to = half == 0 ? m / 2 : m;
            for (int r = from; r < to; r++)
            {
                if (r + PrefetchAhead < to)
                {
                    int ahead = r + PrefetchAhead, last = start[ahead] + size[ahead] - 1;
                    Prefetch(ref postOrder[last]);
                    Prefetch(ref categoryInPostOrder[last]);
                    Prefetch(ref category[order[ahead]]);
                }
                int e = start[r] + size[r] - 1, position = order[r];
                end[r] = e;
                postOrder[e] = position;
                categoryInPostOrder[e] = category[position];
            }
        });
        StageTrace.Mark("tree: post-order layout");

        // Bounds: one prefix sweep per heavy path (tops: roots and light children; single voxels directly). The longest
        // path (the root's, of about m nodes) on this thread, all the others on a second one, each with its own lists.
        var tops = new List<int>();
        int longest = -1;
        for (int r = 0; r < m; r++)
        {
            if (!top[r]) continue;
            if (size[r] == 1) trueDiscoveries[r] = categoryInPostOrder[start[r]] == 1 ? 1 : 0;
            else if (longest < 0 || size[r] > size[longest]) { if (longest >= 0) tops.Add(longest); longest = r; }
            else tops.Add(r);
        }
        if (longest >= 0)
        {
            var mine = new PathScratch(scratch, oneArray: true);
            mine.EnsureLength(size[longest] + 2); // the forest's nodes, before the other thread takes any list
            var others = Task.Run(() =>
            {
                var lists = new PathScratch(scratch, oneArray: false);
                foreach (int t in tops) HeavyPathBounds(t, start, size, heavy, categoryInPostOrder, trueDiscoveries, lists);
                lists.GiveBack();
            });
            HeavyPathBounds(longest, start, size, heavy, categoryInPostOrder, trueDiscoveries, mine);
            mine.GiveBack();
            others.GetAwaiter().GetResult();
        }
        scratch.Give(start, heavy, categoryInPostOrder);
        StageTrace.Mark("tree: heavy-path bounds");

        // TDPs (bound / size), ancestors' largest TDPs and admissibility, parents before children. A node whose parent has
        // the same p is not an STC (ranks r..runEnd share r's p-value): its bound is stored complemented. The TDP and the
        // ancestors' largest TDP of each rank live side by side in a transient list while the pass runs.
        var bestAncestor = scratch.Take(m);
        var pairStore = scratch.Take(4 * m);
        var pairs = MemoryMarshal.Cast<int, TdpPair>(pairStore.AsSpan(0, 4 * m));
        var admissibleRanks = scratch.Take(m);
        var admissibleBuckets = scratch.Take(m);
        int stcCount = 0, admissibleCount = 0;
        double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        int runEnd = m - 1;
        for (int r = m - 1; r >= 0; r--)
        {
            if (r + 1 < m && !tied[r + 1]) runEnd = r;
            int up = parent[r];
            bool isStc = up < 0 || up > runEnd;
            double tdp = -1;
            if (isStc) { tdp = (double)trueDiscoveries[r] / size[r]; stcCount++; }
            else trueDiscoveries[r] = ~trueDiscoveries[r];
            double ancestors = -1;
            int best = -1;
            if (up >= 0)
            {
                ref var above = ref pairs[up];
                if (above.Tdp > above.Ancestors) { ancestors = above.Tdp; best = up; }
                else { ancestors = above.Ancestors; best = bestAncestor[up]; }
            }
            pairs[r] = new TdpPair(tdp, ancestors);
            bestAncestor[r] = best;
            if (tdp > ancestors)
            {
                lowest = Math.Min(lowest, tdp);
                highest = Math.Max(highest, tdp);
                admissibleRanks[admissibleCount] = r;
                admissibleBuckets[admissibleCount++] = AdmissibleByTdp.BucketOf(tdp);
            }
        }
        var admissible = AdmissibleByTdp.Group(admissibleRanks.AsSpan(0, admissibleCount), admissibleBuckets.AsSpan(0, admissibleCount),
            lowest, highest);
        scratch.Give(pairStore, admissibleRanks, admissibleBuckets);
        StageTrace.Mark("tree: TDPs, ancestors' TDPs, admissible STCs by TDP");
        return new AriClusterTree(m, order, rank, parent, size, end, postOrder, trueDiscoveries, bestAncestor, admissible, stcCount, bounds);
    }

    /// <summary>A node's TDP and its proper ancestors' largest, while the tree is built.</summary>
    private readonly record struct TdpPair(double Tdp, double Ancestors);

    /// <summary>A zeroed array whose pages are already in memory (fresh pages cost a fault and the kernel's clearing).</summary>
    private static T[] Touched<T>(int length) where T : unmanaged
    {
        var array = GC.AllocateUninitializedArray<T>(length);
        array.AsSpan().Clear();
        return array;
    }

    /// <summary>How many nodes ahead the loops over random places prefetch.</summary>
    private const int PrefetchAhead = 12;

    /// <summary>A hint that the cache line of <paramref name="value"/> will be read soon (nothing without SSE).</summary>
    private static unsafe void Prefetch<T>(ref T value)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref value));
    }

    /// <summary>
    /// A worker's four lists for <see cref="PrefixDiscoveries"/>, taken from the build's scratch and grown as needed: four
    /// arrays, or four quarters of one (so that one large array left by an earlier stage, the forest's nodes, serves all).
    /// </summary>
    private sealed class PathScratch(ScratchInts scratch, bool oneArray)
    {
        private int[] _first = [], _second = [], _third = [], _fourth = [];
        private int _length;

        public void EnsureLength(int length)
        {
            if (_length >= length) return;
            GiveBack();
            if (oneArray)
            {
                _first = scratch.Take(4 * length);
                _length = _first.Length / 4;
                return;
            }
            _first = scratch.Take(length);
            _second = scratch.Take(length);
            _third = scratch.Take(length);
            _fourth = scratch.Take(length);
            _length = Math.Min(Math.Min(_first.Length, _second.Length), Math.Min(_third.Length, _fourth.Length));
        }

        public Span<int> Bounds => _first.AsSpan(0, _length);
        public Span<int> Next => oneArray ? _first.AsSpan(_length, _length) : _second.AsSpan(0, _length);
        public Span<int> Previous => oneArray ? _first.AsSpan(2 * _length, _length) : _third.AsSpan(0, _length);
        public Span<int> Gap => oneArray ? _first.AsSpan(3 * _length, _length) : _fourth.AsSpan(0, _length);

        public void GiveBack()
        {
            if (_length > 0) scratch.Give(_first, oneArray ? null : _second, oneArray ? null : _third, oneArray ? null : _fourth);
            _first = _second = _third = _fourth = [];
            _length = 0;
        }
    }

    /// <summary>The bounds of every node on the heavy path from <paramref name="top"/>: prefixes of top's range.</summary>
    private static void HeavyPathBounds(int top, int[] start, int[] size, int[] heavy, int[] categoryInPostOrder,
        int[] trueDiscoveries, PathScratch lists)
    {
        int length = size[top];
        lists.EnsureLength(length + 2);
        var bounds = lists.Bounds;
        PrefixDiscoveries.Fill(categoryInPostOrder.AsSpan(start[top], length), bounds, lists.Next, lists.Previous, lists.Gap);
        for (int v = top; v >= 0; v = heavy[v])
            trueDiscoveries[v] = bounds[size[v]];
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
    public int Count => _count;

    /// <summary>Number of supra-threshold clusters (nodes whose parent has a larger p, and roots).</summary>
    public int StcCount { get; }

    /// <summary>Number of admissible STCs.</summary>
    public int AdmissibleCount => _admissible.Count;

    /// <summary>The admissible STCs' nodes, by increasing TDP (then by increasing p; made on first use).</summary>
    public ReadOnlySpan<int> Admissible => _admissibleNodes ??= AdmissibleByIncreasingTdp();

    /// <summary>
    /// The admissible STCs of positive TDP in increasing p (an array of exact size: on a 1 mm brain they can number in
    /// the hundreds of thousands): where each one's range starts in <see cref="PostOrder"/>, its size, its TDP and its
    /// proper ancestors' largest TDP. Read in sequence, for writers of the whole tree.
    /// </summary>
    internal (int Start, int Size, double Tdp, double AncestorTdp)[] PositiveAdmissible()
    {
        int count = 0;
        for (int r = 0; r < _count; r++)
            if (_trueDiscoveries[r] > 0 && IsAdmissibleRank(r)) count++;
        var found = new (int, int, double, double)[count];
        count = 0;
        for (int r = 0; r < _count; r++)
        {
            if (_trueDiscoveries[r] <= 0) continue;
            double tdp = TdpOf(r), ancestors = AncestorTdpOf(r);
            if (tdp > ancestors) found[count++] = (_end[r] - _size[r] + 1, _size[r], tdp, ancestors);
        }
        return found;
    }

    private int[] AdmissibleByIncreasingTdp()
    {
        var ranks = _admissible.Ranks.ToArray();
        Array.Sort(ranks);
        var keys = Array.ConvertAll(ranks, TdpOf);
        var byTdp = PValueOrder.Sort(keys); // stable: equal TDPs by rank
        return Array.ConvertAll(byTdp, i => _order[ranks[i]]);
    }

    /// <summary>Every position in post order (children before parents, the largest child first): each subtree is a range.</summary>
    public ReadOnlySpan<int> PostOrder => _postOrder.AsSpan(0, _count);

    /// <summary>The tree parent of a node (-1 for a root).</summary>
    public int Parent(int node) => _parent[_rank[node]] is var up && up >= 0 ? _order[up] : -1;

    /// <summary>The size of a node's subtree.</summary>
    public int Size(int node) => _size[_rank[node]];

    /// <summary>Where a node's subtree starts in <see cref="PostOrder"/> (it ends at the node itself).</summary>
    public int RangeStart(int node) => _end[_rank[node]] - _size[_rank[node]] + 1;

    /// <summary>A node's TDP bound (-1 when it is not an STC: its parent has the same p).</summary>
    public double Tdp(int node) => TdpOf(_rank[node]);

    /// <summary>The largest TDP among a node's proper ancestors (-1 for a root).</summary>
    public double AncestorTdp(int node) => AncestorTdpOf(_rank[node]);

    /// <summary>Whether a node is an admissible STC: its TDP is above every ancestor's.</summary>
    public bool IsAdmissible(int node) => IsAdmissibleRank(_rank[node]);

    private double TdpOf(int r) => _trueDiscoveries[r] is var td && td >= 0 ? (double)td / _size[r] : -1;

    private double AncestorTdpOf(int r) => _bestAncestor[r] is var best && best >= 0 ? TdpOf(best) : -1;

    private bool IsAdmissibleRank(int r) => TdpOf(r) > AncestorTdpOf(r);

    /// <summary>The cluster a node stands for (its subtree).</summary>
    public TdpCluster Cluster(int node)
    {
        int r = _rank[node], td = _trueDiscoveries[r];
        return new(node, _size[r], td >= 0 ? td : ~td, TdpOf(r));
    }

    /// <summary>The positions of a cluster (a range of <see cref="PostOrder"/>; the node last).</summary>
    public ReadOnlySpan<int> Members(TdpCluster cluster) => _postOrder.AsSpan(RangeStart(cluster.Node), Size(cluster.Node));

    /// <summary>Whether a position lies in a cluster.</summary>
    public bool Contains(TdpCluster cluster, int position)
    {
        int r = _rank[cluster.Node];
        int e = _end[r], x = _end[_rank[position]];
        return x <= e && x > e - _size[r];
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
        foreach (int r in _admissible.From(gamma))
            if (TdpOf(r) >= gamma && AncestorTdpOf(r) < gamma) found.Add(Cluster(_order[r]));
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
        double current = Tdp(v);
        double lowest = _admissible.LowestTdp, highest = _admissible.HighestTdp;
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
            for (int x = _end[_rank[v]] - 1; x >= first;)
            {
                int a = _postOrder[x];
                if (IsAdmissible(a) && Tdp(a) - current >= delta) { result.Add(Cluster(a)); x -= Size(a); }
                else x--;
            }
            for (int n = 0; n < clusters.Count; n++)
                if (n != index) result.Add(clusters[n]);
        }
        else
        {
            int a = Parent(v);
            while (a >= 0 && !(IsAdmissible(a) && Tdp(a) - current <= delta)) a = Parent(a);
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
        for (int v = 0; v < _count; v++)
            if (_size[_rank[v]] == 1) leaves.Add(v);
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
