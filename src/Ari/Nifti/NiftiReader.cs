using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using Ari.Imaging;

namespace Ari.Nifti;

/// <summary>
/// Reads a NIfTI file's volumes in order, one at a time, so that a 4D file needs little more
/// memory than the frames its caller keeps. Handles .nii, .nii.gz and .hdr/.img pairs (either gzipped).
/// Every problem is a <see cref="NiftiFormatException"/> naming the file.
/// </summary>
public sealed class NiftiReader : IDisposable
{
    /// <summary>zlib cannot expand data by more than about 1032:1; a header claiming more than this is false.</summary>
    private const long MaxDeflateRatio = 1032;

    private readonly Stream _data;
    private readonly string _dataPath;
    private readonly bool _dataGzipped;
    private long _decompressedCount;
    private long _framesRead;

    private NiftiReader(string path, NiftiHeader header, Stream data, string dataPath, bool gzipped, long consumed)
    {
        Path = path;
        Header = header;
        _data = data;
        _dataPath = dataPath;
        _dataGzipped = gzipped;
        _decompressedCount = consumed;
        Grid = header.SpatialGrid;
    }

    public string Path { get; }
    public NiftiHeader Header { get; }
    public ImageGrid Grid { get; }
    public long FrameCount => Header.FrameCount;

    /// <summary>Opens a file, reads and validates its header, and positions at the first voxel. Allocates nothing the header claims.</summary>
    public static NiftiReader Open(string path)
    {
        var (headerPath, pairedDataPath) = ResolvePair(path);
        var headerStream = OpenPossiblyGzipped(headerPath, out bool headerGz);
        try
        {
            var buffer = new byte[NiftiHeaderCodec.MaxHeaderSize];
            int got = ReadFully(headerStream, buffer.AsSpan(0, 4), headerPath, headerGz);
            var detected = got == 4 ? NiftiHeaderCodec.Detect(buffer) : null;
            int size = detected is { Version: 2 } ? NiftiHeaderCodec.Nifti2Size : NiftiHeaderCodec.Nifti1Size;
            if (detected is not null)
                got += ReadFully(headerStream, buffer.AsSpan(4, size - 4), headerPath, headerGz);
            var header = NiftiHeaderCodec.Parse(buffer.AsSpan(0, got), headerPath);

            if (header.IsPair != (pairedDataPath is not null))
                throw new NiftiFormatException(path, header.IsPair
                    ? "the header says its data is in a separate .img file, but the file is not named .hdr"
                    : "a .hdr file holds a single-file NIfTI header (magic n+1/n+2); expected ni1/ni2");

            if (pairedDataPath is null)
            {
                long skip = header.VoxOffset - size;
                CheckDataFits(path, header, headerStream, headerGz, header.VoxOffset);
                Skip(headerStream, skip, path, headerGz);
                return new NiftiReader(path, header, headerStream, path, headerGz, header.VoxOffset);
            }

            headerStream.Dispose();
            var dataStream = OpenPossiblyGzipped(pairedDataPath, out bool dataGz);
            try
            {
                CheckDataFits(pairedDataPath, header, dataStream, dataGz, header.VoxOffset);
                Skip(dataStream, header.VoxOffset, pairedDataPath, dataGz);
                return new NiftiReader(path, header, dataStream, pairedDataPath, dataGz, header.VoxOffset);
            }
            catch
            {
                dataStream.Dispose();
                throw;
            }
        }
        catch
        {
            headerStream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next 3D volume into <paramref name="destination"/> (length = voxels per frame).</summary>
    public void ReadFrame<T>(Span<T> destination) where T : unmanaged, INumberBase<T>
    {
        if (_framesRead >= FrameCount)
            throw new InvalidOperationException($"{Path}: all {FrameCount} volumes have been read");
        int voxels = Grid.VoxelCount;
        if (destination.Length != voxels)
            throw new ArgumentException($"destination holds {destination.Length} values, a volume has {voxels}");
        int elementSize = Header.DataType.SizeOf();
        int frameBytes = checked(voxels * elementSize);
        byte[] raw = ArrayPool<byte>.Shared.Rent(frameBytes);
        try
        {
            var span = raw.AsSpan(0, frameBytes);
            int got = ReadFully(_data, span, _dataPath, _dataGzipped);
            _decompressedCount += got;
            if (got < frameBytes)
                throw ShortData(got);
            if (Header.BigEndian) NiftiVoxelDecoder.SwapBytes(span, elementSize);
            NiftiVoxelDecoder.Decode(span, Header.DataType, Header.Scaling, destination);
            _framesRead++;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>Reads the next 3D volume.</summary>
    public Volume<T> ReadFrame<T>() where T : unmanaged, INumberBase<T>
    {
        var volume = new Volume<T>(Grid);
        ReadFrame<T>(volume.Data);
        return volume;
    }

    /// <summary>
    /// After all frames: for gzip data, reads to the end of the stream and checks the gzip trailer's length,
    /// so that a truncated download is caught even when the voxel data itself came through.
    /// </summary>
    public void VerifyComplete()
    {
        if (!_dataGzipped) return;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int n;
            while ((n = ReadSome(_data, buffer, _dataPath)) > 0) _decompressedCount += n;
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        if (!GzipLengthMatches(_dataPath, _decompressedCount))
            throw new NiftiFormatException(_dataPath, "truncated or corrupt gzip data (the stream ends before its trailer)");
    }

    private NiftiFormatException ShortData(int got)
    {
        if (_dataGzipped)
        {
            // The stream ended early: either the gzip file is cut, or it is whole and holds too little data.
            if (!GzipLengthMatches(_dataPath, _decompressedCount))
                return new NiftiFormatException(_dataPath, "truncated gzip data: the file ends before the voxel data the header describes");
        }
        return new NiftiFormatException(_dataPath,
            $"data shorter than the header says: {Header.ShapeText} {Header.DataType.ToString().ToLowerInvariant()} needs {Header.DataBytes:N0} bytes, the file holds fewer (volume {_framesRead + 1} has {got:N0} of {(long)Grid.VoxelCount * Header.DataType.SizeOf():N0})");
    }

    public void Dispose() => _data.Dispose();

    private static (string HeaderPath, string? DataPath) ResolvePair(string path)
    {
        string lower = path.ToLowerInvariant();
        if (lower.EndsWith(".hdr") || lower.EndsWith(".hdr.gz"))
            return (path, FindSibling(path, ".hdr", ".img"));
        if (lower.EndsWith(".img") || lower.EndsWith(".img.gz"))
            return (FindSibling(path, ".img", ".hdr"), path);
        return (path, null);
    }

    private static string FindSibling(string path, string from, string to)
    {
        int at = path.LastIndexOf(from, StringComparison.OrdinalIgnoreCase);
        string stem = path[..at];
        string gz = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? ".gz" : "";
        foreach (var candidate in new[] { stem + to + gz, stem + to, stem + to + ".gz", stem + to.ToUpperInvariant() })
            if (File.Exists(candidate)) return candidate;
        throw new NiftiFormatException(path, $"the matching {to} file of this {from}/{to} pair is missing ({stem + to + gz})");
    }

    private static Stream OpenPossiblyGzipped(string path, out bool gzipped)
    {
        FileStream file;
        try
        {
            if (Directory.Exists(path))
                throw new NiftiFormatException(path, "is a directory, not a NIfTI file");
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (FileNotFoundException e) { throw new NiftiFormatException(path, "no such file", e); }
        catch (DirectoryNotFoundException e) { throw new NiftiFormatException(path, "no such file (its folder does not exist)", e); }
        catch (UnauthorizedAccessException e) { throw new NiftiFormatException(path, "permission denied", e); }
        catch (IOException e) { throw new NiftiFormatException(path, $"cannot open: {e.Message}", e); }

        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        file.Position = 0;
        gzipped = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        return gzipped ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false) : file;
    }

    /// <summary>Fails at once, before any allocation, when the file is too small for what the header claims.</summary>
    private static void CheckDataFits(string path, NiftiHeader header, Stream stream, bool gzipped, long offset)
    {
        long fileLength = gzipped ? ((GZipStream)stream).BaseStream.Length : stream.Length;
        long needed = header.DataBytes;
        if (!gzipped)
        {
            long available = fileLength - offset;
            if (available < needed)
                throw new NiftiFormatException(path,
                    $"data shorter than the header says: {header.ShapeText} {header.DataType.ToString().ToLowerInvariant()} needs {needed:N0} bytes after offset {offset}, the file holds {Math.Max(available, 0):N0}");
        }
        else if (needed + offset > fileLength * MaxDeflateRatio + 4096)
        {
            throw new NiftiFormatException(path,
                $"data shorter than the header says: {header.ShapeText} {header.DataType.ToString().ToLowerInvariant()} needs {needed:N0} bytes, more than a {fileLength:N0}-byte gzip file can hold");
        }
    }

    private static void Skip(Stream stream, long count, string path, bool gzipped)
    {
        if (count <= 0) return;
        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }
        var buffer = new byte[(int)Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            int n = ReadFully(stream, buffer.AsSpan(0, (int)Math.Min(count, buffer.Length)), path, gzipped);
            if (n == 0)
                throw new NiftiFormatException(path, "the file ends before the voxel data starts (vox_offset)");
            count -= n;
        }
    }

    /// <summary>Reads until the span is full or the stream ends; returns the count read.</summary>
    private static int ReadFully(Stream stream, Span<byte> span, string path, bool gzipped)
    {
        int total = 0;
        try
        {
            while (total < span.Length)
            {
                int n = stream.Read(span[total..]);
                if (n == 0) break;
                total += n;
            }
        }
        catch (InvalidDataException e) when (gzipped)
        {
            throw new NiftiFormatException(path, $"corrupt gzip data ({e.Message.TrimEnd('.')})", e);
        }
        catch (IOException e)
        {
            throw new NiftiFormatException(path, $"cannot read: {e.Message}", e);
        }
        return total;
    }

    private static int ReadSome(Stream stream, byte[] buffer, string path)
    {
        try { return stream.Read(buffer); }
        catch (InvalidDataException e) { throw new NiftiFormatException(path, $"corrupt gzip data ({e.Message.TrimEnd('.')})", e); }
    }

    /// <summary>Whether the gzip trailer's ISIZE (length mod 2^32 of the last member) equals the bytes decompressed.</summary>
    private static bool GzipLengthMatches(string path, long decompressed)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16);
            if (file.Length < 18) return false;
            file.Seek(-4, SeekOrigin.End);
            Span<byte> isize = stackalloc byte[4];
            file.ReadExactly(isize);
            return BinaryPrimitives.ReadUInt32LittleEndian(isize) == (uint)(decompressed & 0xFFFFFFFF);
        }
        catch (IOException) { return false; }
    }
}
