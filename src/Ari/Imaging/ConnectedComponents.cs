using System.Buffers;
using System.Runtime.InteropServices;

namespace Ari.Imaging;

/// <summary>
/// Labels the connected components of a binary 3D image, like scipy.ndimage.label.
/// <para>
/// Connectivity 6 joins voxels sharing a face (scipy's default structure), 18 a face or an edge,
/// 26 a face, an edge or a corner (FSL's and ARIbrain's clusters).
/// </para>
/// <para>
/// Numbering: labels 1..n follow scipy.ndimage.label applied to the (i, j, k) array that nibabel returns
/// (as nilearn does): components are numbered in the order their first voxel appears in C order of that
/// array, i.e. i slowest and k fastest; equivalently, by the lexicographically smallest (i, j, k) of each
/// component. (The voxel buffer itself is x fastest; the numbering does not depend on it.)
/// </para>
/// <para>
/// Cost: two passes over the grid with a union-find over provisional labels (path halving), plus a sort of
/// the n component keys. Nothing is allocated per voxel; the union-find tables come from the shared pool.
/// </para>
/// </summary>
public static class ConnectedComponents
{
    /// <summary>Labels the voxels where <paramref name="foreground"/> is true; writes 0 elsewhere. Returns the number of components.</summary>
    public static int Label(ImageGrid grid, ReadOnlySpan<bool> foreground, Span<int> labels, int connectivity = 6) =>
        Label(grid.Nx, grid.Ny, grid.Nz, foreground, labels, connectivity);

    /// <summary>Labels a binary volume on a grid; returns the labels (0 = background) and the number of components.</summary>
    public static (Volume<int> Labels, int Count) Label(Volume<bool> foreground, int connectivity = 6)
    {
        var labels = new Volume<int>(foreground.Grid);
        int count = Label(foreground.Grid, foreground.Data, labels.Data, connectivity);
        return (labels, count);
    }

    /// <summary>Labels the voxels where <paramref name="foreground"/> is true (x fastest); writes 0 elsewhere. Returns the number of components.</summary>
    public static int Label(int nx, int ny, int nz, ReadOnlySpan<bool> foreground, Span<int> labels, int connectivity = 6)
    {
        if (connectivity is not (6 or 18 or 26))
            throw new ArgumentOutOfRangeException(nameof(connectivity), connectivity, "connectivity must be 6, 18 or 26");
        if (nx <= 0 || ny <= 0 || nz <= 0)
            throw new ArgumentOutOfRangeException(nameof(nx), "grid dimensions must be positive");
        long n = (long)nx * ny * nz;
        if (foreground.Length != n || labels.Length != n)
            throw new ArgumentException($"expected {n} voxels for a {nx}x{ny}x{nz} grid, got {foreground.Length} and {labels.Length} labels");

        // Only the slabs between the first and the last foreground voxel need work; the rest is background.
        var bytes = MemoryMarshal.AsBytes(foreground);
        int first = bytes.IndexOfAnyExcept((byte)0);
        if (first < 0)
        {
            labels.Clear();
            return 0;
        }
        int last = bytes.LastIndexOfAnyExcept((byte)0);
        int plane = nx * ny;
        int kFirst = first / plane, kLast = last / plane;
        labels[..(kFirst * plane)].Clear();
        labels[((kLast + 1) * plane)..].Clear();

        var offsets = BackwardNeighbours(connectivity);
        var tables = new UnionFind();
        try
        {
            FirstPass(nx, ny, kFirst, kLast, bytes, labels, offsets, ref tables);
            int components = tables.Resolve();
            // Second pass: provisional label -> final number, skipping runs of background.
            var final = tables.Final;
            var slab = labels[(kFirst * plane)..((kLast + 1) * plane)];
            int v = 0;
            while (true)
            {
                int skip = slab[v..].IndexOfAnyExcept(0);
                if (skip < 0) break;
                v += skip;
                slab[v] = final[slab[v]];
                v++;
            }
            return components;
        }
        finally
        {
            tables.Return();
        }
    }

    /// <summary>The neighbours that precede a voxel in x-fastest scan order: (di, dj, dk) with dk &lt; 0, or dk = 0 and dj &lt; 0, or dk = dj = 0 and di &lt; 0.</summary>
    private static (int Di, int Dj, int Dk)[] BackwardNeighbours(int connectivity)
    {
        var list = new List<(int, int, int)>(13);
        for (int dk = -1; dk <= 0; dk++)
            for (int dj = -1; dj <= 1; dj++)
                for (int di = -1; di <= 1; di++)
                {
                    bool before = dk < 0 || (dk == 0 && (dj < 0 || (dj == 0 && di < 0)));
                    if (!before) continue;
                    int order = Math.Abs(di) + Math.Abs(dj) + Math.Abs(dk);
                    bool included = connectivity switch { 6 => order == 1, 18 => order <= 2, _ => true };
                    if (included) list.Add((di, dj, dk));
                }
        return [.. list];
    }

    private static void FirstPass(int nx, int ny, int kFirst, int kLast, ReadOnlySpan<byte> foreground, Span<int> labels,
        (int Di, int Dj, int Dk)[] neighbours, ref UnionFind tables)
    {
        int count = neighbours.Length;
        Span<int> linear = stackalloc int[count];
        for (int q = 0; q < count; q++)
            linear[q] = neighbours[q].Di + nx * (neighbours[q].Dj + ny * neighbours[q].Dk);
        int nz = labels.Length / (nx * ny);
        int keyStrideI = ny * nz; // C-order key of (i, j, k) on the (i, j, k) array: (i * ny + j) * nz + k

        for (int k = kFirst; k <= kLast; k++)
        {
            for (int j = 0; j < ny; j++)
            {
                int row = nx * (j + ny * k);
                var rowForeground = foreground.Slice(row, nx);
                var rowLabels = labels.Slice(row, nx);
                bool rowInterior = j > 0 && k > 0 && j < ny - 1;
                int keyBase = j * nz + k;
                int i = 0;
                while (i < nx)
                {
                    // Jump over background (vectorized search), clearing its labels.
                    int skip = rowForeground[i..].IndexOfAnyExcept((byte)0);
                    if (skip < 0)
                    {
                        rowLabels[i..].Clear();
                        break;
                    }
                    rowLabels.Slice(i, skip).Clear();
                    i += skip;

                    int v = row + i;
                    int label = 0;
                    if (rowInterior && i > 0 && i < nx - 1)
                    {
                        for (int q = 0; q < count; q++)
                        {
                            int other = labels[v + linear[q]];
                            if (other == 0) continue;
                            if (label == 0) label = other;
                            else if (other != label) label = tables.Union(label, other);
                        }
                    }
                    else
                    {
                        for (int q = 0; q < count; q++)
                        {
                            var (di, dj, dk) = neighbours[q];
                            int ii = i + di, jj = j + dj, kk = k + dk;
                            if ((uint)ii >= (uint)nx || (uint)jj >= (uint)ny || kk < 0) continue;
                            int other = labels[v + linear[q]];
                            if (other == 0) continue;
                            if (label == 0) label = other;
                            else if (other != label) label = tables.Union(label, other);
                        }
                    }
                    int key = i * keyStrideI + keyBase;
                    if (label == 0)
                        label = tables.Add(key);
                    else
                        tables.Touch(label, key);
                    labels[v] = label;
                    i++;
                }
            }
        }
    }

    /// <summary>
    /// Equivalences between provisional labels (1-based): parent links with path halving, and for each
    /// label the smallest C-order key of the voxels given to it.
    /// </summary>
    private struct UnionFind
    {
        private int[]? _parent;
        private int[]? _minKey;
        public int Count;
        public int[] Final => _parent!;

        public int Add(int key)
        {
            if (_parent is null || Count + 1 >= _parent.Length) Grow();
            int label = ++Count;
            _parent![label] = label;
            _minKey![label] = key;
            return label;
        }

        public readonly void Touch(int label, int key)
        {
            ref int m = ref _minKey![label];
            if (key < m) m = key;
        }

        public readonly int Find(int x)
        {
            var parent = _parent!;
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        /// <summary>Joins the sets of a and b; returns the root (the smaller label, so roots stay stable).</summary>
        public readonly int Union(int a, int b)
        {
            int ra = Find(a), rb = Find(b);
            if (ra == rb) return ra;
            if (ra > rb) (ra, rb) = (rb, ra);
            _parent![rb] = ra;
            return ra;
        }

        /// <summary>
        /// Numbers the components 1..n by their smallest C-order key and turns the parent table into the
        /// provisional-to-final map. Returns n.
        /// </summary>
        public readonly int Resolve()
        {
            var parent = _parent!;
            var minKey = _minKey!;
            // Roots are smaller than their descendants, so one forward sweep flattens every chain
            // and carries each label's smallest key up to its root.
            int roots = 0;
            for (int l = 1; l <= Count; l++)
            {
                int p = parent[l];
                if (p == l) { roots++; continue; }
                int r = parent[p]; // already flattened: p < l
                parent[l] = r;
                if (minKey[l] < minKey[r]) minKey[r] = minKey[l];
            }
            var keys = ArrayPool<long>.Shared.Rent(roots);
            try
            {
                int n = 0;
                for (int l = 1; l <= Count; l++)
                    if (parent[l] == l)
                        keys[n++] = ((long)minKey[l] << 32) | (uint)l;
                Array.Sort(keys, 0, n);
                // minKey now maps root -> final number.
                for (int q = 0; q < n; q++)
                    minKey[(int)(keys[q] & 0xFFFFFFFF)] = q + 1;
                for (int l = 1; l <= Count; l++)
                    parent[l] = minKey[parent[l]];
                parent[0] = 0;
                return n;
            }
            finally
            {
                ArrayPool<long>.Shared.Return(keys);
            }
        }

        private void Grow()
        {
            int size = _parent is null ? 1024 : _parent.Length * 2;
            var parent = ArrayPool<int>.Shared.Rent(size);
            var minKey = ArrayPool<int>.Shared.Rent(size);
            if (_parent is not null)
            {
                Array.Copy(_parent, parent, Count + 1);
                Array.Copy(_minKey!, minKey, Count + 1);
                ArrayPool<int>.Shared.Return(_parent);
                ArrayPool<int>.Shared.Return(_minKey!);
            }
            _parent = parent;
            _minKey = minKey;
        }

        public readonly void Return()
        {
            if (_parent is not null) ArrayPool<int>.Shared.Return(_parent);
            if (_minKey is not null) ArrayPool<int>.Shared.Return(_minKey);
        }
    }
}
