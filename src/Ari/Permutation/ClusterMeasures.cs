namespace Ari.Permutation;

/// <summary>
/// Cluster size and mass of a t map at a cluster-forming threshold, as nilearn 0.10.3 measures them for
/// permutations: clusters are face-connected components of t &gt; threshold (and, two-sided, separately of
/// t &lt; -threshold); size = voxels, mass = Σ (|t| - threshold). One pass over the in-mask vector with a
/// union-find over the voxels above threshold; nothing is allocated (the scratch is reused).
/// </summary>
internal static class ClusterMeasures
{
    /// <summary>Per-thread working memory for <see cref="Measure"/>.</summary>
    public sealed class Scratch(int voxels)
    {
        internal readonly int[] Parent = new int[voxels];
        internal readonly int[] Size = new int[voxels];
        internal readonly double[] Mass = new double[voxels];
        internal readonly sbyte[] Sign = new sbyte[voxels];
    }

    /// <summary>
    /// The largest cluster size and mass. When <paramref name="sizeMap"/>/<paramref name="massMap"/> are not empty,
    /// every voxel also receives its cluster's size and mass (0 outside clusters).
    /// </summary>
    public static (int MaxSize, double MaxMass) Measure(ReadOnlySpan<double> t, double threshold, bool twoSided, MaskNeighbours neighbours,
        Scratch scratch, Span<double> sizeMap = default, Span<double> massMap = default)
    {
        int v = t.Length;
        var parent = scratch.Parent;
        var size = scratch.Size;
        var mass = scratch.Mass;
        var sign = scratch.Sign;
        var table = neighbours.Table;
        for (int p = 0; p < v; p++)
        {
            double x = t[p];
            sbyte s = x > threshold ? (sbyte)1 : twoSided && x < -threshold ? (sbyte)-1 : (sbyte)0;
            sign[p] = s;
            if (s == 0) continue;
            parent[p] = p;
            size[p] = 0;
            mass[p] = 0;
            int o = p * MaskNeighbours.PerVoxel;
            for (int q = 0; q < 3; q++)
            {
                int u = table[o + q];
                if (u < 0 || sign[u] != s) continue;
                int ru = Find(parent, u), rp = Find(parent, p);
                if (ru == rp) continue;
                if (ru < rp) parent[rp] = ru; else parent[ru] = rp;
            }
        }
        int maxSize = 0;
        double maxMass = 0;
        for (int p = 0; p < v; p++)
        {
            if (sign[p] == 0) continue;
            int r = Find(parent, p);
            size[r]++;
            mass[r] += Math.Abs(t[p]) - threshold;
        }
        for (int p = 0; p < v; p++)
        {
            if (sign[p] == 0 || parent[p] != p) continue;
            if (size[p] > maxSize) maxSize = size[p];
            if (mass[p] > maxMass) maxMass = mass[p];
        }
        if (!sizeMap.IsEmpty || !massMap.IsEmpty)
            for (int p = 0; p < v; p++)
            {
                bool inside = sign[p] != 0;
                int r = inside ? Find(parent, p) : 0;
                if (!sizeMap.IsEmpty) sizeMap[p] = inside ? size[r] : 0;
                if (!massMap.IsEmpty) massMap[p] = inside ? mass[r] : 0;
            }
        return (maxSize, maxMass);
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
