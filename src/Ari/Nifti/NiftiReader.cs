using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;
using Ari.IO;
using Ari.Nifti.Gzip;

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
    private long _valuesRead;

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

    /// <summary>The path given to <see cref="Open"/> (for a .hdr/.img pair, the one named).</summary>
    public string Path { get; }
    /// <summary>The validated header.</summary>
    public NiftiHeader Header { get; }
    /// <summary>The 3D grid of each volume (shape and voxel-to-mm affine).</summary>
    public ImageGrid Grid { get; }
    /// <summary>The number of 3D volumes (frames) in the file: 1 for a 3D image.</summary>
    public long FrameCount => Header.FrameCount;

    /// <summary>Opens a file, reads and validates its header, and positions at the first voxel. Allocates nothing the header claims.</summary>
    public static NiftiReader Open(string path)
    {
        var (headerPath, pairedDataPath) = ResolvePair(path);
        var headerStream = OpenPossiblyGzipped(headerPath, out bool headerGz, out long headerFileLength);
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
                CheckDataFits(path, header, headerFileLength, headerGz, header.VoxOffset);
                Skip(headerStream, skip, path, headerGz);
                return new NiftiReader(path, header, headerStream, path, headerGz, header.VoxOffset);
            }

            headerStream.Dispose();
            var dataStream = OpenPossiblyGzipped(pairedDataPath, out bool dataGz, out long dataFileLength);
            try
            {
                CheckDataFits(pairedDataPath, header, dataFileLength, dataGz, header.VoxOffset);
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
        if (_valuesRead != _framesRead * voxels)
            throw new InvalidOperationException($"{Path}: ReadFrame after a partial ReadValues");
        ReadInto(destination);
        _framesRead++;
    }

    /// <summary>
    /// Reads the next values of the whole image (all volumes one after the other) into <paramref name="destination"/>,
    /// scaled and converted; returns how many (0 at the end). Lets a caller stream an image of any size through a
    /// small buffer.
    /// </summary>
    public int ReadValues<T>(Span<T> destination) where T : unmanaged, INumberBase<T>
    {
        long total = Header.VoxelsPerFrame * FrameCount;
        int n = (int)Math.Min(destination.Length, total - _valuesRead);
        if (n <= 0) return 0;
        ReadInto(destination[..n]);
        _framesRead = _valuesRead / Math.Max(Grid.VoxelCount, 1);
        return n;
    }

    /// <summary>Bytes of stored data decoded per step when values are converted (bounds the temporary buffer).</summary>
    private const int ChunkBytes = 1 << 20;

    private void ReadInto<T>(Span<T> destination) where T : unmanaged, INumberBase<T>
    {
        var type = Header.DataType;
        int elementSize = type.SizeOf();
        if (Header.Scaling is not { } s || (s.Slope == 1 && s.Inter == 0))
        {
            if (NiftiDataTypes.TryFor<T>() == type)
            {
                // Same type, no scaling: decompress straight into the destination.
                var bytes = MemoryMarshal.AsBytes(destination);
                int got = ReadFully(_data, bytes, _dataPath, _dataGzipped);
                _decompressedCount += got;
                if (got < bytes.Length) throw ShortData(got);
                if (Header.BigEndian) NiftiVoxelDecoder.SwapBytes(bytes, elementSize);
                _valuesRead += destination.Length;
                return;
            }
        }
        int chunkValues = Math.Max(1, ChunkBytes / elementSize);
        byte[] raw = ArrayPool<byte>.Shared.Rent(Math.Min(destination.Length, chunkValues) * elementSize);
        try
        {
            for (int offset = 0; offset < destination.Length; offset += chunkValues)
            {
                int n = Math.Min(chunkValues, destination.Length - offset);
                var span = raw.AsSpan(0, n * elementSize);
                int got = ReadFully(_data, span, _dataPath, _dataGzipped);
                _decompressedCount += got;
                if (got < span.Length) throw ShortData(got);
                if (Header.BigEndian) NiftiVoxelDecoder.SwapBytes(span, elementSize);
                NiftiVoxelDecoder.Decode(span, type, Header.Scaling, destination.Slice(offset, n));
                _valuesRead += n;
            }
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
        if (_data is GzipInflateStream)
        {
            // The stream checks each member's CRC and length, padding, and the end of the file itself.
            var rest = ArrayPool<byte>.Shared.Rent(1 << 16);
            try { while (_data.Read(rest) > 0) { } }
            finally { ArrayPool<byte>.Shared.Return(rest); }
            return;
        }
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
        if (_dataGzipped && _data is not GzipInflateStream)
        {
            // The stream ended early: either the gzip file is cut, or it is whole and holds too little data.
            if (!GzipLengthMatches(_dataPath, _decompressedCount))
                return new NiftiFormatException(_dataPath, "truncated gzip data: the file ends before the voxel data the header describes");
        }
        return new NiftiFormatException(_dataPath,
            $"data shorter than the header says: {Header.ShapeText} {Header.DataType.ToString().ToLowerInvariant()} needs {Header.DataBytes:N0} bytes, the file holds fewer (it ends in volume {_valuesRead / Math.Max(Grid.VoxelCount, 1) + 1})");
    }

    /// <summary>Closes the data file.</summary>
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

    private static Stream OpenPossiblyGzipped(string path, out bool gzipped, out long fileLength)
    {
        if (InputFile.Problem(path) is { } problem)
            throw new NiftiFormatException(path, problem);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        }
        catch (FileNotFoundException e) { throw new NiftiFormatException(path, "no such file", e); }
        catch (DirectoryNotFoundException e) { throw new NiftiFormatException(path, "no such file (its folder does not exist)", e); }
        catch (UnauthorizedAccessException e) { throw new NiftiFormatException(path, "permission denied", e); }
        catch (IOException e) { throw new NiftiFormatException(path, $"cannot open: {e.Message}", e); }

        try
        {
            fileLength = file.Length;
            Span<byte> magic = stackalloc byte[2];
            int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            gzipped = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            if (!gzipped) return file;
            if (ZlibNative.Available) return new GzipInflateStream(file, path, fileLength);
            return new GZipStream(new BufferedStream(file, 1 << 20), CompressionMode.Decompress, leaveOpen: false);
        }
        catch (IOException e)
        {
            file.Dispose();
            throw new NiftiFormatException(path, $"cannot read: {e.Message}", e);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Fails at once, before any allocation, when the file is too small for what the header claims.</summary>
    private static void CheckDataFits(string path, NiftiHeader header, long fileLength, bool gzipped, long offset)
    {
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
