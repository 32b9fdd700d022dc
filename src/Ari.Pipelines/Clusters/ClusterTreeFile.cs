using System.Text;
using Ari.Domain;
using Ari.Inference;

namespace Ari.Pipelines.Clusters;

/// <summary>
/// cluster_tree.bin: what a page needs to redraw the clusters for any gamma with no server. The post-order list of the
/// voxels (grid indices) that lie in some cluster of positive TDP, and every admissible STC of positive TDP as a range
/// of that list with its TDP and its ancestors' largest TDP (the clusters at gamma are the nodes with
/// ancestor &lt; gamma &lt;= tdp); plus the grid's shape and the statistic quantized to bytes (0 outside the mask) for the
/// background. Little-endian: "ARICTREE", int32 version 1, int32 nx, ny, nz, float64 statMin, statMax, int32 voxel
/// count n, int32 node count k, n int32 grid indices, k (int32 start, int32 size, float64 tdp, float64 ancestorTdp),
/// nx*ny*nz bytes.
/// </summary>
public sealed record ClusterTreeFile(int Nx, int Ny, int Nz, double StatMin, double StatMax, int[] Voxels,
    (int Start, int Size, double Tdp, double AncestorTdp)[] Nodes, byte[] Background)
{
    public const string FileName = "cluster_tree.bin";
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("ARICTREE");

    public static ClusterTreeFile From(AriClusterTree tree, GridDomain domain, ReadOnlySpan<double> stat)
    {
        var admissible = tree.Admissible;
        var post = tree.PostOrder;
        // Tops: admissible nodes of positive TDP whose ancestors all have TDP <= 0.
        var tops = new List<int>();
        foreach (int v in admissible)
            if (tree.Tdp(v) > 0 && tree.AncestorTdp(v) <= 0) tops.Add(v);
        tops.Sort((a, b) => tree.RangeStart(a).CompareTo(tree.RangeStart(b)));
        var oldStarts = new int[tops.Count];
        var newStarts = new int[tops.Count];
        var voxels = new List<int>();
        var indices = domain.VoxelIndices;
        for (int t = 0; t < tops.Count; t++)
        {
            oldStarts[t] = tree.RangeStart(tops[t]);
            newStarts[t] = voxels.Count;
            foreach (int position in post.Slice(oldStarts[t], tree.Size(tops[t]))) voxels.Add(indices[position]);
        }
        var nodes = new List<(int, int, double, double)>();
        foreach (int v in admissible)
        {
            if (!(tree.Tdp(v) > 0)) continue;
            int s = tree.RangeStart(v);
            int t = Array.BinarySearch(oldStarts, s);
            if (t < 0) t = ~t - 1;
            nodes.Add((newStarts[t] + s - oldStarts[t], tree.Size(v), tree.Tdp(v), tree.AncestorTdp(v)));
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double z in stat)
            if (double.IsFinite(z)) { min = Math.Min(min, z); max = Math.Max(max, z); }
        if (!(max > min)) { min = double.IsFinite(min) ? min : 0; max = min + 1; }
        var grid = domain.Grid;
        var background = new byte[grid.VoxelCount];
        for (int n = 0; n < indices.Length; n++)
        {
            double z = stat[n];
            background[indices[n]] = double.IsFinite(z) ? (byte)(1 + Math.Round((z - min) / (max - min) * 254)) : (byte)1;
        }
        return new ClusterTreeFile(grid.Nx, grid.Ny, grid.Nz, min, max, [.. voxels], [.. nodes], background);
    }

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
        w.Write(Magic);
        w.Write(1);
        w.Write(Nx); w.Write(Ny); w.Write(Nz);
        w.Write(StatMin); w.Write(StatMax);
        w.Write(Voxels.Length);
        w.Write(Nodes.Length);
        foreach (int v in Voxels) w.Write(v);
        foreach (var (start, size, tdp, ancestor) in Nodes) { w.Write(start); w.Write(size); w.Write(tdp); w.Write(ancestor); }
        w.Write(Background);
    }

    /// <summary>Reads a file this class wrote; errors name the file.</summary>
    public static ClusterTreeFile Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadInt32() != 1)
                throw new AriException($"{path}: not a cluster_tree.bin of `ari clusters`");
            int nx = r.ReadInt32(), ny = r.ReadInt32(), nz = r.ReadInt32();
            double min = r.ReadDouble(), max = r.ReadDouble();
            int n = r.ReadInt32(), k = r.ReadInt32();
            long voxelsInGrid = (long)nx * ny * nz;
            if (nx <= 0 || ny <= 0 || nz <= 0 || n < 0 || k < 0 || n > voxelsInGrid || stream.Length != 48L + 4L * n + 24L * k + voxelsInGrid)
                throw new AriException($"{path}: the file's length does not match its header");
            var voxels = new int[n];
            for (int i = 0; i < n; i++) voxels[i] = r.ReadInt32();
            var nodes = new (int, int, double, double)[k];
            for (int i = 0; i < k; i++) nodes[i] = (r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble());
            var background = r.ReadBytes((int)voxelsInGrid);
            return new ClusterTreeFile(nx, ny, nz, min, max, voxels, nodes, background);
        }
        catch (EndOfStreamException)
        {
            throw new AriException($"{path}: the file is truncated");
        }
    }
}
