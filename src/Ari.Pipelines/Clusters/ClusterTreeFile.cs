using System.Buffers.Binary;
using System.Runtime.InteropServices;
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
    /// <summary>The file's name in the output folder of `ari clusters`.</summary>
    public const string FileName = "cluster_tree.bin";
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("ARICTREE");

    /// <summary>Flattens the admissible STCs of positive TDP of <paramref name="tree"/> into the file's lists.</summary>
    /// <param name="tree">The ARIbrain-style cluster tree of the map.</param>
    /// <param name="domain">The mask voxels and their grid (voxels are stored as grid indices, x fastest).</param>
    /// <param name="stat">The statistic at each domain position, quantized to bytes for the background.</param>
    public static ClusterTreeFile From(AriClusterTree tree, GridDomain domain, ReadOnlySpan<double> stat)
    {
        var admissible = tree.PositiveAdmissible();
        var post = tree.PostOrder;
        // Tops: the nodes whose ancestors all have TDP <= 0; their ranges, in post order, are copied one after another.
        int topCount = 0;
        foreach (var node in admissible)
            if (node.AncestorTdp <= 0) topCount++;
        var oldStarts = new int[topCount];
        var topSizes = new int[topCount];
        topCount = 0;
        foreach (var node in admissible)
            if (node.AncestorTdp <= 0) { oldStarts[topCount] = node.Start; topSizes[topCount++] = node.Size; }
        Array.Sort(oldStarts, topSizes);
        var newStarts = new int[topCount];
        int voxelCount = 0;
        for (int t = 0; t < topCount; t++) { newStarts[t] = voxelCount; voxelCount += topSizes[t]; }
        var voxels = new int[voxelCount];
        var indices = domain.VoxelIndices;
        for (int t = 0; t < topCount; t++)
        {
            var members = post.Slice(oldStarts[t], topSizes[t]);
            var into = voxels.AsSpan(newStarts[t], members.Length);
            for (int q = 0; q < members.Length; q++) into[q] = indices[members[q]];
        }
        var nodes = new (int, int, double, double)[admissible.Length];
        for (int n = 0; n < admissible.Length; n++)
        {
            var (s, size, tdp, ancestors) = admissible[n];
            int t = Array.BinarySearch(oldStarts, s);
            if (t < 0) t = ~t - 1;
            nodes[n] = (newStarts[t] + s - oldStarts[t], size, tdp, ancestors);
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
        return new ClusterTreeFile(grid.Nx, grid.Ny, grid.Nz, min, max, voxels, nodes, background);
    }

    /// <summary>Writes the little-endian binary layout described on the type.</summary>
    public void Write(Stream stream)
    {
        using (var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(1);
            w.Write(Nx); w.Write(Ny); w.Write(Nz);
            w.Write(StatMin); w.Write(StatMax);
            w.Write(Voxels.Length);
            w.Write(Nodes.Length);
        }
        // The bulk as little-endian spans, a buffer at a time (BinaryWriter's per-value calls cost seconds here).
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("cluster_tree.bin is written on little-endian machines");
        stream.Write(MemoryMarshal.AsBytes(Voxels.AsSpan()));
        var buffer = new byte[24 * 4096];
        for (int at = 0; at < Nodes.Length;)
        {
            int n = Math.Min(4096, Nodes.Length - at);
            for (int q = 0; q < n; q++)
            {
                var (start, size, tdp, ancestor) = Nodes[at + q];
                var slot = buffer.AsSpan(24 * q, 24);
                BinaryPrimitives.WriteInt32LittleEndian(slot, start);
                BinaryPrimitives.WriteInt32LittleEndian(slot[4..], size);
                BinaryPrimitives.WriteDoubleLittleEndian(slot[8..], tdp);
                BinaryPrimitives.WriteDoubleLittleEndian(slot[16..], ancestor);
            }
            stream.Write(buffer, 0, 24 * n);
            at += n;
        }
        stream.Write(Background);
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
