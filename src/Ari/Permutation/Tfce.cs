namespace Ari.Permutation;

/// <summary>How TFCE integrates over cluster-forming heights.</summary>
public enum TfceMode
{
    /// <summary>nilearn 0.10.3 / fslmaths: heights h_k = step + k·step, step = max/100, TFCE(v) = Σ_{h_k ≤ t_v} size_k(v)^E h_k^H (no dh factor).</summary>
    Stepped,

    /// <summary>The integral ∫_0^{t_v} size_h(v)^E h^H dh over every height, exact (no steps).</summary>
    Exact,
}

/// <summary>
/// Threshold-free cluster enhancement (Smith &amp; Nichols 2009) of a t map over a mask, face connectivity.
/// <para>
/// Both modes build the component forest of the map from the highest value down with a union-find whose nodes
/// carry additive potentials (a voxel's TFCE is the sum of the potentials on its path to the root). A component
/// is credited lazily, only when it changes (a voxel joins, two merge) and once at the end, with its size^E times
/// Σ h_k^H over the steps it spanned (stepped: prefix sums of h_k^H; exact: (top^(H+1) - bottom^(H+1)) / (H+1)).
/// Cost: stepped O(V α(V)) (a counting sort by step), exact O(V log V) (a sort by value); no per-step labelling.
/// </para>
/// Two-sided (nilearn): the negative side is done on -t and gives negative values; step = max|t| / 100 for both.
/// One-sided: only t &gt; 0. Voxels enter at h when value ≥ h (nilearn zeroes values below h).
/// </summary>
public sealed class Tfce
{
    /// <summary>TFCE with extent exponent <paramref name="e"/> and height exponent <paramref name="h"/> (nilearn's defaults 0.5 and 2).</summary>
    /// <param name="mode">Stepped (nilearn/fslmaths) or exact integration.</param>
    /// <param name="e">Exponent E of the cluster size.</param>
    /// <param name="h">Exponent H of the height.</param>
    /// <param name="steps">Number of height steps in stepped mode (step = max|t| / steps; nilearn uses 100).</param>
    public Tfce(TfceMode mode, double e = 0.5, double h = 2, int steps = 100)
    {
        Mode = mode; E = e; H = h; Steps = steps;
    }

    /// <summary>Stepped (nilearn) or exact integration.</summary>
    public TfceMode Mode { get; }
    /// <summary>Extent exponent: size^E.</summary>
    public double E { get; }
    /// <summary>Height exponent: h^H.</summary>
    public double H { get; }
    /// <summary>Height steps in stepped mode (step = max|t| / Steps).</summary>
    public int Steps { get; }

    /// <summary>Per-thread working memory.</summary>
    public sealed class Scratch(int voxels)
    {
        internal readonly int[] Parent = new int[voxels];
        internal readonly int[] Size = new int[voxels];
        internal readonly double[] Potential = new double[voxels];
        internal readonly double[] Top = new double[voxels];
        internal readonly int[] Level = new int[voxels];
        internal readonly int[] Order = new int[voxels];
        internal readonly double[] Keys = new double[voxels];
        internal readonly double[] Values = new double[voxels];
        internal int[] Counts = new int[128];
        internal double[] Prefix = new double[128];
        internal readonly List<int> Path = new(64);
    }

    /// <summary>
    /// The TFCE map of <paramref name="t"/> into <paramref name="tfce"/> (if not empty) and its largest absolute value.
    /// </summary>
    public double Compute(ReadOnlySpan<double> t, bool twoSided, MaskNeighbours neighbours, Scratch scratch, Span<double> tfce = default)
    {
        int v = t.Length;
        double maxScore = 0;
        bool any = false;
        for (int p = 0; p < v; p++)
        {
            double x = twoSided ? Math.Abs(t[p]) : t[p];
            if (!any || x > maxScore) { maxScore = x; any = true; }
        }
        // Outside the mask the map is 0 (nilearn takes the max over the whole grid).
        if (maxScore < 0) maxScore = 0;
        if (!tfce.IsEmpty) tfce.Clear();
        if (!(maxScore > 0)) return 0;
        double best = 0;
        best = Math.Max(best, Side(t, +1, maxScore, neighbours, scratch, tfce));
        if (twoSided) best = Math.Max(best, Side(t, -1, maxScore, neighbours, scratch, tfce));
        return best;
    }

    private double Side(ReadOnlySpan<double> t, int sign, double maxScore, MaskNeighbours neighbours, Scratch s, Span<double> tfce)
    {
        int v = t.Length;
        var parent = s.Parent;
        var order = s.Order;
        int active;
        int levels = 0;
        double step = 0;
        if (Mode == TfceMode.Stepped)
        {
            step = maxScore / Steps;
            double stop = maxScore + step;
            levels = (int)Math.Ceiling((stop - step) / step);
            if (s.Counts.Length < levels + 2) { s.Counts = new int[levels + 2]; s.Prefix = new double[levels + 2]; }
            var prefix = s.Prefix;
            prefix[0] = 0;
            for (int k = 0; k < levels; k++) prefix[k + 1] = prefix[k] + Math.Pow(step + k * step, H);
            // Counting sort of the active voxels by level, highest first.
            var counts = s.Counts;
            Array.Clear(counts, 0, levels + 1);
            var level = s.Level;
            for (int p = 0; p < v; p++)
            {
                double u = sign * t[p];
                int k = -1;
                if (u >= step)
                {
                    k = (int)Math.Floor(u / step) - 1;
                    if (k > levels - 1) k = levels - 1;
                    if (k < -1) k = -1;
                    while (k + 1 < levels && step + (k + 1) * step <= u) k++;
                    while (k >= 0 && step + k * step > u) k--;
                }
                level[p] = k;
                parent[p] = -1;
                if (k >= 0) counts[levels - 1 - k]++;
            }
            int sum = 0;
            for (int c = 0; c < levels; c++) { int n = counts[c]; counts[c] = sum; sum += n; }
            active = sum;
            for (int p = 0; p < v; p++)
                if (level[p] >= 0) order[counts[levels - 1 - level[p]]++] = p;
        }
        else
        {
            var keys = s.Keys;
            active = 0;
            for (int p = 0; p < v; p++)
            {
                parent[p] = -1;
                double u = sign * t[p];
                if (u > 0) { keys[active] = -u; order[active] = p; active++; }
            }
            Array.Sort(keys, order, 0, active);
        }

        var size = s.Size;
        var pot = s.Potential;
        var top = s.Top;
        var table = neighbours.Table;
        double exponent = H + 1;
        for (int a = 0; a < active; a++)
        {
            int p = order[a];
            double height = Mode == TfceMode.Stepped ? s.Level[p] : sign * t[p];
            parent[p] = p; size[p] = 1; pot[p] = 0; top[p] = height;
            int o = p * MaskNeighbours.PerVoxel;
            for (int q = 0; q < MaskNeighbours.PerVoxel; q++)
            {
                int u = table[o + q];
                if (u < 0 || parent[u] < 0) continue;
                int ru = Find(u, s), rp = Find(p, s);
                if (ru == rp) continue;
                Credit(ru, height, step, s, exponent);
                Credit(rp, height, step, s, exponent);
                if (size[ru] < size[rp]) (ru, rp) = (rp, ru);
                parent[rp] = ru;
                pot[rp] -= pot[ru];
                size[ru] += size[rp];
            }
        }
        double floor = Mode == TfceMode.Stepped ? -1 : 0;
        for (int a = 0; a < active; a++)
        {
            int p = order[a];
            if (parent[p] == p) Credit(p, floor, step, s, exponent);
        }
        double best = 0;
        for (int a = 0; a < active; a++)
        {
            int p = order[a];
            int r = Find(p, s);
            double value = r == p ? pot[p] : pot[p] + pot[r];
            if (value > best) best = value;
            if (!tfce.IsEmpty) tfce[p] = sign * value;
        }
        return best;
    }

    /// <summary>
    /// Credits root r for the heights it spanned with its current size, from its top down to (not including)
    /// <paramref name="below"/>, and lowers its top to <paramref name="below"/>. Stepped heights are step indices.
    /// </summary>
    private void Credit(int r, double below, double step, Scratch s, double exponent)
    {
        double top = s.Top[r];
        if (top <= below) return;
        double extent = Math.Pow(s.Size[r], E);
        if (Mode == TfceMode.Stepped)
        {
            int hi = (int)top, lo = (int)below + 1;
            s.Potential[r] += extent * (s.Prefix[hi + 1] - s.Prefix[lo]);
        }
        else
        {
            s.Potential[r] += extent * (Math.Pow(top, exponent) - Math.Pow(below, exponent)) / exponent;
        }
        s.Top[r] = below;
    }

    /// <summary>The root of x, compressing the path while keeping each node's potential relative to the root.</summary>
    private static int Find(int x, Scratch s)
    {
        var parent = s.Parent;
        if (parent[x] == x || parent[parent[x]] == parent[x]) return parent[x];
        var path = s.Path;
        path.Clear();
        int r = x;
        while (parent[r] != r) { path.Add(r); r = parent[r]; }
        var pot = s.Potential;
        // path[^1] is the root's child: its potential is already relative to the root.
        for (int i = path.Count - 2; i >= 0; i--)
        {
            int node = path[i];
            pot[node] += pot[parent[node]];
            parent[node] = r;
        }
        parent[path[^1]] = r;
        return r;
    }
}
