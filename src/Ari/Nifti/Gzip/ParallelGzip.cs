using System.Buffers.Binary;
using System.IO.Compression;

namespace Ari.Nifti.Gzip;

/// <summary>
/// gzip on all cores, as pigz does: the data is cut into blocks, each block deflated on its own (ending with a
/// sync flush, the last one with the final block), and the pieces joined into ONE gzip member whose CRC-32 and
/// length cover the whole data. Any gzip reader (zlib, Python, nibabel, NiiVue) reads it as one stream.
/// </summary>
internal static unsafe class ParallelGzip
{
    /// <summary>Below this, one block on one core (the split costs more than it saves).</summary>
    private const int BlockSize = 1 << 20;

    public static void Write(Stream destination, ReadOnlySpan<byte> data, CompressionLevel level)
    {
        if (data.Length < 2 * BlockSize || Environment.ProcessorCount < 2 || !ZlibNative.Available)
        {
            using var zip = new GZipStream(destination, level, leaveOpen: true);
            zip.Write(data);
            return;
        }
        int blocks = (data.Length + BlockSize - 1) / BlockSize;
        var pieces = new byte[blocks][];
        uint crc;
        fixed (byte* start = data)
        {
            byte* basePointer = start;
            int length = data.Length;
            Parallel.For(0, blocks, b =>
            {
                int offset = b * BlockSize;
                int count = Math.Min(BlockSize, length - offset);
                var block = new ReadOnlySpan<byte>(basePointer + offset, count);
                using var memory = new MemoryStream(count / 2 + 1024);
                var deflate = new DeflateStream(memory, level, leaveOpen: true);
                deflate.Write(block);
                if (b < blocks - 1)
                {
                    // A sync flush ends the piece on a byte boundary without the final-block bit; what
                    // disposing adds after it (an empty final block) is not used.
                    deflate.Flush();
                    pieces[b] = memory.ToArray();
                    deflate.Dispose();
                }
                else
                {
                    deflate.Dispose();
                    pieces[b] = memory.ToArray();
                }
            });
            crc = ZlibNative.Crc32(0, start, data.Length);
        }
        Span<byte> header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
        destination.Write(header);
        foreach (var piece in pieces) destination.Write(piece);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)data.Length);
        destination.Write(trailer);
    }
}
