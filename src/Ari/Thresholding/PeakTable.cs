using Ari.Imaging;

namespace Ari.Thresholding;

/// <summary>
/// nilearn 0.10.3's get_clusters_table: clusters of a statistic map (6-connectivity, values strictly above the
/// threshold; also strictly below minus the threshold when two-sided), each with its peak and up to three sub-peaks
/// at least <c>minDistance</c> mm from the peaks kept before them.
/// <para>
/// Semantics followed to the letter: the map is first thresholded as threshold_img does (values below the threshold
/// and clusters under the extent set to 0); clusters are ordered by decreasing peak value (ties: scipy's label order);
/// a cluster's local maxima are the voxels equal to the maximum of their 3x3x3 neighbourhood (the cluster's values, 0
/// elsewhere) whose neighbourhood is not constant (unless the whole cluster is constant); connected maxima (faces) make
/// one candidate placed at their value-weighted centre, rounded half to even (or, outside them, their voxel nearest to
/// it); candidates are sorted by decreasing value and pared with nilearn's loop (a candidate is kept when it is farther
/// than min_distance from the last kept candidate before it that looked at it). Ties in value keep label order.
/// </para>
/// <para>Cost: one pass over the grid, then work proportional to each cluster's voxels (not grid x clusters).</para>
/// </summary>
public static class PeakTable
{
    /// <summary>Rows per cluster at most: its peak and up to three sub-peaks (nilearn's default).</summary>
    public const int MaxPeaksPerCluster = 4;
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>The peak table of <paramref name="stat"/>: one row per cluster peak and sub-peak, clusters by decreasing peak value.</summary>
    /// <param name="stat">The statistic map.</param>
    /// <param name="threshold">Cluster-forming threshold: voxels strictly above it (below minus it when two-sided) form clusters.</param>
    /// <param name="extent">Minimum cluster size in voxels; smaller clusters are dropped (0 keeps all).</param>
    /// <param name="twoSided">Also report clusters of negative values (numbered from 1 again after the positive ones).</param>
    /// <param name="minDistance">Minimum distance in mm between a sub-peak and the peaks kept before it (nilearn's min_distance, 8).</param>
    /// <param name="singlePrecision">The map was stored as float32: comparisons with the threshold are made in float32, as numpy does.</param>
    public static IReadOnlyList<Peak> Compute(Volume<double> stat, double threshold, int extent = 0, bool twoSided = false, double minDistance = 8, bool singlePrecision = false)
    {
        var map = ThresholdedMap.Apply(stat, threshold, extent, twoSided, null, singlePrecision);
        threshold = ThresholdedMap.Cutoff(threshold, singlePrecision);
        var grid = map.Grid;
        var rows = new List<Peak>();
        var labels = new int[map.Data.Length];
        var foreground = new bool[map.Data.Length];
        var signs = twoSided ? new[] { 1, -1 } : new[] { 1 };
        foreach (int sign in signs)
        {
            for (int v = 0; v < foreground.Length; v++) foreground[v] = sign * map.Data[v] > threshold;
            int count = ConnectedComponents.Label(grid, foreground, labels, 6);
            if (count == 0) continue;
            var members = Members(labels, count);
            var peaks = new double[count];
            for (int c = 0; c < count; c++)
            {
                double best = 0;  // nilearn: max of the map times the cluster's indicator, zeros included
                foreach (int v in members[c]) best = Math.Max(best, sign * map.Data[v]);
                peaks[c] = best;
            }
            var order = Enumerable.Range(0, count).OrderByDescending(c => peaks[c]).ToArray();
            for (int rank = 0; rank < order.Length; rank++)
            {
                int c = order[rank];
                var cluster = members[c];
                long mm3 = VoxelVolume.ClusterMm3(cluster.Length, grid);
                var found = LocalMaxima(map, labels, c + 1, cluster, sign, minDistance);
                for (int s = 0; s < Math.Min(found.Count, MaxPeaksPerCluster); s++)
                {
                    var (voxel, value) = found[s];
                    var (i, j, k) = grid.Coordinates(voxel);
                    string id = s == 0 ? (rank + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{rank + 1}{Letters[s - 1]}";
                    rows.Add(new Peak(id, rank + 1, sign, (i, j, k), grid.VoxelToWorld(i, j, k), value * sign, cluster.Length, s == 0 ? mm3 : null));
                }
            }
        }
        return rows;
    }

    /// <summary>The voxels of each label 1..count (x-fastest order), by a counting sort.</summary>
    private static int[][] Members(int[] labels, int count)
    {
        var sizes = new int[count + 1];
        foreach (int l in labels) sizes[l]++;
        var members = new int[count][];
        for (int c = 0; c < count; c++) members[c] = new int[sizes[c + 1]];
        var fill = new int[count + 1];
        for (int v = 0; v < labels.Length; v++)
        {
            int l = labels[v];
            if (l > 0) members[l - 1][fill[l]++] = v;
        }
        return members;
    }

    /// <summary>nilearn's _local_max on one cluster: candidates sorted by value and pared by distance.</summary>
    private static List<(int Voxel, double Value)> LocalMaxima(Volume<double> map, int[] labels, int label, int[] cluster, int sign, double minDistance)
    {
        var grid = map.Grid;
        double Value(int v) => labels[v] == label ? sign * map.Data[v] : 0;

        double vMax = double.NegativeInfinity, vMin = double.PositiveInfinity;
        foreach (int v in cluster)
        {
            double d = Value(v);
            if (d == 0) continue;
            vMax = Math.Max(vMax, d);
            vMin = Math.Min(vMin, d);
        }
        bool constant = Math.Abs(vMax - vMin) <= 1e-8 + 1e-5 * Math.Abs(vMin);  // numpy.isclose

        var isMaximum = new HashSet<int>();
        foreach (int v in cluster)
        {
            double d = Value(v);
            if (d == 0) continue;
            var (i, j, k) = grid.Coordinates(v);
            double hi = double.NegativeInfinity, lo = double.PositiveInfinity;
            for (int dk = -1; dk <= 1; dk++)
                for (int dj = -1; dj <= 1; dj++)
                    for (int di = -1; di <= 1; di++)
                    {
                        // scipy's 'reflect' border repeats the edge voxel, which is inside the window: skip outside voxels.
                        if (!grid.Contains(i + di, j + dj, k + dk)) continue;
                        double n = Value(grid.Index(i + di, j + dj, k + dk));
                        hi = Math.Max(hi, n);
                        lo = Math.Min(lo, n);
                    }
            if (d == hi && (constant || hi - lo > 0)) isMaximum.Add(v);
        }

        // Connected maxima (faces), numbered as scipy.ndimage.label numbers them (by their first voxel in C order).
        var candidates = new List<(long Key, int Voxel, double Value)>();
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        var component = new List<int>();
        foreach (int start in isMaximum)
        {
            if (!seen.Add(start)) continue;
            component.Clear();
            stack.Push(start);
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                component.Add(v);
                var (i, j, k) = grid.Coordinates(v);
                foreach (var (di, dj, dk) in Faces)
                {
                    if (!grid.Contains(i + di, j + dj, k + dk)) continue;
                    int n = grid.Index(i + di, j + dj, k + dk);
                    if (isMaximum.Contains(n) && seen.Add(n)) stack.Push(n);
                }
            }
            component.Sort((a, b) => CKey(grid, a).CompareTo(CKey(grid, b)));
            int voxel = Place(grid, component, Value);
            candidates.Add((CKey(grid, component[0]), voxel, Value(voxel)));
        }
        candidates.Sort((a, b) => a.Key.CompareTo(b.Key));
        var sorted = candidates.Select((c, n) => (c.Voxel, c.Value, n)).OrderByDescending(c => c.Value).ThenBy(c => c.n).ToList();

        // nilearn's _pare_subpeaks, loop for loop: keep[j] is decided by the last kept i < j.
        var xyz = sorted.Select(c => { var (i, j, k) = grid.Coordinates(c.Voxel); return grid.VoxelToWorld(i, j, k); }).ToArray();
        var keep = Enumerable.Repeat(true, sorted.Count).ToArray();
        for (int a = 0; a < sorted.Count; a++)
            for (int b = a + 1; b < sorted.Count; b++)
                if (keep[a])
                {
                    double dx = xyz[a].X - xyz[b].X, dy = xyz[a].Y - xyz[b].Y, dz = xyz[a].Z - xyz[b].Z;
                    keep[b] = Math.Sqrt(dx * dx + dy * dy + dz * dz) > minDistance;
                }
        var result = new List<(int, double)>();
        for (int a = 0; a < sorted.Count; a++)
            if (keep[a]) result.Add((sorted[a].Voxel, sorted[a].Value));
        return result;
    }

    private static readonly (int, int, int)[] Faces = [(-1, 0, 0), (1, 0, 0), (0, -1, 0), (0, 1, 0), (0, 0, -1), (0, 0, 1)];

    /// <summary>Position of a voxel in C order of the (i, j, k) array (i slowest), as numpy walks it.</summary>
    private static long CKey(ImageGrid grid, int v)
    {
        var (i, j, k) = grid.Coordinates(v);
        return ((long)i * grid.Ny + j) * grid.Nz + k;
    }

    /// <summary>
    /// scipy's center_of_mass of the values over the component (sums in C order), rounded half to even; when that
    /// voxel is not in the component, the component's voxel nearest to it (the first in C order on ties).
    /// </summary>
    private static int Place(ImageGrid grid, List<int> component, Func<int, double> value)
    {
        if (component.Count == 1) return component[0];
        double total = 0, si = 0, sj = 0, sk = 0;
        foreach (int v in component)
        {
            double d = value(v);
            var (i, j, k) = grid.Coordinates(v);
            total += d; si += d * i; sj += d * j; sk += d * k;
        }
        int ri = (int)Math.Round(si / total), rj = (int)Math.Round(sj / total), rk = (int)Math.Round(sk / total);
        if (grid.Contains(ri, rj, rk) && component.Contains(grid.Index(ri, rj, rk))) return grid.Index(ri, rj, rk);
        int best = component[0];
        double bestDistance = double.PositiveInfinity;
        foreach (int v in component)
        {
            var (i, j, k) = grid.Coordinates(v);
            double d = Math.Sqrt((double)(i - ri) * (i - ri) + (double)(j - rj) * (j - rj) + (double)(k - rk) * (k - rk));
            if (d < bestDistance) { bestDistance = d; best = v; }
        }
        return best;
    }
}
