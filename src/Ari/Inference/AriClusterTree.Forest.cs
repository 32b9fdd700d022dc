using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Ari.Domain;

namespace Ari.Inference;

/// <summary>
/// The component forest of <see cref="AriClusterTree"/>: positions visited by increasing p, each linked (union-find) to the
/// trees of its visited neighbours. On a voxel grid the cells are the mask's bounding box and the forest runs on a second
/// thread, starting on the smallest p-values while the sort delivers the rest; on any other domain graph it follows the
/// sort.
/// </summary>
public sealed partial class AriClusterTree
{
    /// <summary>
    /// Ints per <see cref="ForestNode"/>: the nodes live in an int array of m + 2 nodes, which the heavy-path sweep
    /// reuses for its four lists of up to m + 2 entries.
    /// </summary>
    private const int NodeInts = 4;

    /// <summary>The first m nodes stored in a scratch int array.</summary>
    private static Span<ForestNode> Nodes(int[] store, int m) => MemoryMarshal.Cast<int, ForestNode>(store.AsSpan(0, NodeInts * m));

    /// <summary>A node of the forest while it is built (one cache line holds four).</summary>
    private struct ForestNode
    {
        public int Parent;  // -1 for a root
        public int Size;
        public int Heavy;   // the largest child (the first of equal ones), -1 for a leaf
        public int Offset;  // where the node's range starts within its parent's (the heavy child first: 0)
    }

    /// <summary>
    /// Union-find cells: -1 for a slot not visited yet (or outside the domain); a visited slot holds its union-find parent
    /// (a slot, &gt;= 0), or -(rank + 2) when it represents its set, whose tree root is that rank (union by size, so a
    /// representative is not always its tree's root).
    /// </summary>
    private const int Unvisited = -1;

    /// <summary>The representative slot of a visited slot's set (path halving).</summary>
    private static unsafe int FindRoot(int* cell, int x)
    {
        while (true)
        {
            int up = cell[x];
            if (up < 0) return x;
            int upUp = cell[up];
            if (upUp < 0) return up;
            cell[x] = upUp;
            x = upUp;
        }
    }

    /// <summary>
    /// Makes the tree of a visited neighbour's set a child of rank r, unless it is r's own set already (represented by
    /// <paramref name="representative"/>); r's running size, heavy child and children are the other arguments.
    /// </summary>
    private static unsafe void Link(int r, int neighbourSlot, int* cell, Span<ForestNode> nodes,
        ref int representative, ref int size, ref int heavy, ref int heavySize, Span<int> children, ref int childCount)
    {
        int root = FindRoot(cell, neighbourSlot);
        if (root == representative) return;
        int child = -cell[root] - 2;
        ref var c = ref nodes[child];
        c.Parent = r;
        children[childCount++] = child;
        if (c.Size > heavySize) { heavy = child; heavySize = c.Size; }
        if (c.Size > size)
        {
            cell[representative] = root;
            cell[root] = -(r + 2);
            representative = root;
        }
        else cell[root] = representative;
        size += c.Size;
    }

    /// <summary>
    /// Completes node r once its children are linked: their offsets within its range (the heavy child first, the
    /// others from the last linked to the first).
    /// </summary>
    private static void Close(int r, Span<ForestNode> nodes, ReadOnlySpan<int> children, int size, int heavy)
    {
        int cursor = 0;
        if (heavy >= 0) { nodes[heavy].Offset = 0; cursor = nodes[heavy].Size; }
        for (int q = children.Length - 1; q >= 0; q--)
        {
            int c = children[q];
            if (c != heavy) { nodes[c].Offset = cursor; cursor += nodes[c].Size; }
        }
        nodes[r] = new ForestNode { Parent = -1, Size = size, Heavy = heavy };
    }

    /// <summary>
    /// The union-find cells of a grid forest: the mask's bounding box with a margin of one voxel (every neighbour of a
    /// mask voxel lies inside it, so no neighbour needs a bounds check; on a 1 mm brain the box is half the grid), and
    /// each position's index in the box.
    /// </summary>
    private sealed record ForestBox(int[] Cells, int[] BoxIndex, int Bx, int By)
    {
        public static ForestBox Of(GridDomain domain)
        {
            var indices = domain.VoxelIndices;
            var grid = domain.Grid;
            int m = indices.Length;
            if (m == 0) return new([], [], 1, 1);
            // The mask's indices ascend (x fastest), so each one's row (j, k) is found by stepping rows, not dividing.
            int loI = int.MaxValue, loJ = int.MaxValue, hiI = -1, hiJ = -1;
            int loK = grid.Coordinates(indices[0]).K, hiK = grid.Coordinates(indices[m - 1]).K;
            var rows = new RowWalk(grid);
            foreach (int g in indices)
            {
                rows.MoveTo(g);
                loI = Math.Min(loI, g - rows.Start); hiI = Math.Max(hiI, g - rows.Start);
                loJ = Math.Min(loJ, rows.J); hiJ = Math.Max(hiJ, rows.J);
            }
            int bx = hiI - loI + 3, by = hiJ - loJ + 3, bz = hiK - loK + 3;
            var boxIndex = GC.AllocateUninitializedArray<int>(m);
            rows = new RowWalk(grid);
            for (int n = 0; n < m; n++)
            {
                int g = indices[n];
                rows.MoveTo(g);
                boxIndex[n] = g - rows.Start - loI + 1 + bx * (rows.J - loJ + 1 + by * (rows.K - loK + 1));
            }
            return new(GC.AllocateUninitializedArray<int>(bx * by * bz), boxIndex, bx, by);
        }

        /// <summary>The grid row (j, k) holding an index, moved forward only (indices visited in increasing order).</summary>
        private struct RowWalk(ImageGrid grid)
        {
            private readonly int _nx = grid.Nx, _ny = grid.Ny;
            public int J, K, Start; // the row's first index

            public void MoveTo(int index)
            {
                while (index >= Start + _nx)
                {
                    Start += _nx;
                    if (++J == _ny) { J = 0; K++; }
                }
            }
        }

        /// <summary>Marks every cell <see cref="Unvisited"/> (the box is made with its cells unset).</summary>
        public void ClearCells() => Array.Fill(Cells, Unvisited);
    }

    /// <summary>
    /// Sorts the p-values on this thread while a second one builds a grid's forest: its union-find cells and nodes first,
    /// then each rank as soon as the sort has delivered it (with its rank and box cell). Returns the forest's task.
    /// </summary>
    private static Task<(int[] Nodes, ForestBox Box)> SortBesideGridForest(ReadOnlySpan<double> pValues, GridDomain domain,
        int[] order, int[] rank, bool[] tied, int[] voxelOfRank, ScratchInts scratch)
    {
        int m = order.Length;
        var sorted = new SortedRanks();
        var boxReady = new TaskCompletionSource<ForestBox>(TaskCreationOptions.RunContinuationsAsynchronously);
        var forest = Task.Run(() =>
        {
            ForestBox box;
            try { box = ForestBox.Of(domain); }
            catch (Exception e) { boxReady.SetException(e); throw; }
            boxReady.SetResult(box);
            box.ClearCells();
            var nodes = Touched<int>(NodeInts * (m + 2));
            GridForest(domain, voxelOfRank, sorted, nodes, box);
            return (nodes, box);
        });
        int[]? boxIndex = null;
        try
        {
            ProgressiveOrder.Sort(pValues, order, tied, scratch, (from, to) =>
            {
                boxIndex ??= boxReady.Task.GetAwaiter().GetResult().BoxIndex;
                for (int r = from; r < to; r++)
                {
                    int position = order[r];
                    rank[position] = r;
                    voxelOfRank[r] = boxIndex[position];
                }
                sorted.Publish(to);
            });
        }
        catch
        {
            sorted.Abandon();
            try { forest.Wait(); }
            catch (AggregateException) { } // the forest stops; the sort's error is the one to report
            throw;
        }
        return forest;
    }

    /// <summary>How many leading ranks the sort has delivered: published by the sorting thread, awaited by the forest's.</summary>
    private sealed class SortedRanks
    {
        private int _count;
        private volatile bool _abandoned;

        public void Publish(int count) => Volatile.Write(ref _count, count);

        public void Abandon() => _abandoned = true;

        public int Count => Volatile.Read(ref _count);

        /// <summary>Waits until rank <paramref name="rank"/> is delivered; returns the delivered count.</summary>
        public int WaitFor(int rank)
        {
            var spin = new SpinWait();
            while (true)
            {
                int count = Count;
                if (count > rank) return count;
                if (_abandoned) throw new OperationCanceledException("the sort failed");
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    /// <summary>
    /// The forest on a voxel grid: union-find cells on the (boxed) grid itself, so a node's neighbours are read together.
    /// Nodes are visited in p order, all over the grid: the cells of the node a few steps ahead are prefetched so that
    /// their cache misses overlap the current node's work.
    /// </summary>
    private static unsafe void GridForest(GridDomain domain, int[] voxelOfRank, SortedRanks sorted, int[] nodeStore, ForestBox box)
    {
        int m = box.BoxIndex.Length, bx = box.Bx, plane = box.Bx * box.By;
        var nodes = Nodes(nodeStore, m);
        var cell = box.Cells;
        var offsets = domain.Offsets;
        Span<int> linear = stackalloc int[offsets.Length];
        Span<int> children = stackalloc int[offsets.Length];
        for (int q = 0; q < offsets.Length; q++) linear[q] = offsets[q].Di + bx * (offsets[q].Dj + box.By * offsets[q].Dk);
        const int Ahead = 6; // nine lines each: more in flight than the core can track only stalls it
        bool prefetch = Sse.IsSupported;
        int delivered = 0;
        fixed (int* cells = cell)
        {
            for (int r = 0; r < m; r++)
            {
                if (r + Ahead >= delivered && delivered < m) delivered = sorted.Count;
                if (r >= delivered) delivered = sorted.WaitFor(r);
                if (prefetch && r + Ahead < delivered)
                {
                    // The 3 x 3 rows around the node Ahead steps on (inside the box: it has a margin).
                    int a = voxelOfRank[r + Ahead] - 1 - bx - plane;
                    for (int dk = 0; dk < 3; dk++)
                        for (int dj = 0; dj < 3; dj++)
                            Sse.Prefetch0(cells + a + dj * bx + dk * plane);
                }
                int g = voxelOfRank[r];
                cell[g] = -(r + 2);
                int representative = g, size = 1, heavy = -1, heavySize = 0, childCount = 0;
                for (int q = 0; q < linear.Length; q++)
                {
                    int w = g + linear[q], c = cells[w];
                    // Unvisited, or already in r's set by a direct link (most neighbours once path halving has run).
                    if (c == Unvisited || c == representative || w == representative) continue;
                    Link(r, w, cells, nodes, ref representative, ref size, ref heavy, ref heavySize, children, ref childCount);
                }
                Close(r, nodes, children[..childCount], size, heavy);
            }
        }
    }

    /// <summary>The forest on any domain graph: union-find cells indexed by rank.</summary>
    private static unsafe void GraphForest(InferenceDomain domain, int[] order, int[] rank, Span<ForestNode> nodes)
    {
        int m = order.Length;
        var cellArray = new int[m];
        Array.Fill(cellArray, Unvisited);
        fixed (int* cell = cellArray)
            GraphForest(domain, order, rank, nodes, cell);
    }

    private static unsafe void GraphForest(InferenceDomain domain, int[] order, int[] rank, Span<ForestNode> nodes, int* cell)
    {
        int m = order.Length;
        Span<int> neighbours = stackalloc int[domain.MaxDegree];
        Span<int> children = stackalloc int[domain.MaxDegree];
        for (int r = 0; r < m; r++)
        {
            cell[r] = -(r + 2);
            int representative = r, size = 1, heavy = -1, heavySize = 0, childCount = 0;
            int count = domain.Neighbours(order[r], neighbours);
            for (int q = 0; q < count; q++)
            {
                int w = rank[neighbours[q]];
                if (w < r) Link(r, w, cell, nodes, ref representative, ref size, ref heavy, ref heavySize, children, ref childCount);
            }
            Close(r, nodes, children[..childCount], size, heavy);
        }
    }
}
