using System.Buffers;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.ExceptionServices;
using Ari.Imaging;
using Ari.IO;

namespace Ari.Nifti;

/// <summary>
/// Writes single-file NIfTI-1 or NIfTI-2 (.nii, or .nii.gz gzipped at a fast level), with both sform and qform set.
/// Files are written under a temporary name and renamed when complete.
/// </summary>
public static class NiftiWriter
{
    /// <summary>Writes a 3D volume to <paramref name="path"/> as a single-file NIfTI (.nii, or .nii.gz when the name ends in .gz), under a temporary name renamed into place when complete.</summary>
    /// <param name="path">Destination file; missing folders are created.</param>
    /// <param name="volume">The grid and values to write.</param>
    /// <param name="options">Datatype, version, intent and description; null for <see cref="NiftiWriteOptions.Default"/>.</param>
    /// <exception cref="AriException">The file cannot be written (permission denied, I/O error).</exception>
    public static void Write<T>(string path, Volume<T> volume, NiftiWriteOptions? options = null)
        where T : unmanaged, INumberBase<T> =>
        WriteFrames(path, volume.Grid, [volume.Data], options);

    /// <summary>Writes several volumes on one grid as a 4D image.</summary>
    public static void WriteFrames<T>(string path, ImageGrid grid, IReadOnlyList<T[]> frames, NiftiWriteOptions? options = null)
        where T : unmanaged, INumberBase<T> =>
        AtomicFile.Write(path, stream => WriteTo(stream, IsGzipPath(path), grid, frames, options ?? NiftiWriteOptions.Default, FileMembers));

    /// <summary>Writes into an <see cref="OutputSet"/> (all-or-nothing with the command's other outputs).</summary>
    public static void Write<T>(OutputSet outputs, string fileName, Volume<T> volume, NiftiWriteOptions? options = null)
        where T : unmanaged, INumberBase<T> =>
        outputs.Write(fileName, stream => WriteTo(stream, IsGzipPath(fileName), volume.Grid, [volume.Data], options ?? NiftiWriteOptions.Default, FileMembers));

    /// <summary>Gzip members of a large .nii.gz file: one per core, compressed together (at most two: the gain ends there).</summary>
    private static int FileMembers => Math.Min(Environment.ProcessorCount, 2);

    /// <summary>True when <paramref name="path"/> ends in ".gz" (any case): the file is to be gzipped.</summary>
    public static bool IsGzipPath(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Serializes a header and the volumes to <paramref name="destination"/> (not closed), gzipping when <paramref name="gzip"/> is set.</summary>
    /// <param name="destination">The stream to write to; left open.</param>
    /// <param name="gzip">Compress at <see cref="NiftiWriteOptions.Compression"/>.</param>
    /// <param name="grid">The grid of every volume.</param>
    /// <param name="frames">One or more volumes of <see cref="ImageGrid.VoxelCount"/> values each (x fastest); several make a 4D image.</param>
    /// <param name="options">Datatype (null: the natural one for <typeparamref name="T"/>), version, intent, description, codes.</param>
    /// <exception cref="ArgumentException">No volumes, a volume of the wrong length, or an unsupported datatype or version.</exception>
    public static void WriteTo<T>(Stream destination, bool gzip, ImageGrid grid, IReadOnlyList<T[]> frames, NiftiWriteOptions options)
        where T : unmanaged, INumberBase<T> => WriteTo(destination, gzip, grid, frames, options, members: 1);

    /// <summary>Values encoded per step (bounds the temporary buffer: no copy of a whole volume's bytes).</summary>
    private const int ChunkValues = 1 << 17;

    /// <summary>Below this many bytes of voxel data a gzip file is one member written by one thread.</summary>
    private const long ParallelGzipFrom = 8L << 20;

    /// <summary>
    /// Writes header and volumes; gzipped, large data is split into <paramref name="members"/> gzip members compressed on
    /// as many threads and written one after the other (a concatenation of members is one valid gzip file, read whole by
    /// gzip, zlib, Python and Ari; a browser's DecompressionStream stops after the first, so pages get one member).
    /// </summary>
    internal static void WriteTo<T>(Stream destination, bool gzip, ImageGrid grid, IReadOnlyList<T[]> frames, NiftiWriteOptions options, int members)
        where T : unmanaged, INumberBase<T>
    {
        if (frames.Count == 0) throw new ArgumentException("no volumes to write", nameof(frames));
        foreach (var frame in frames)
            if (frame.Length != grid.VoxelCount)
                throw new ArgumentException($"a volume has {frame.Length} values, the grid {grid.VoxelCount}", nameof(frames));
        var type = options.DataType ?? NiftiDataTypes.For<T>();
        var header = BuildHeader(grid, frames.Count, type, options);
        long values = (long)grid.VoxelCount * frames.Count;
        var headerBytes = NiftiHeaderCodec.Serialize(header);
        if (!gzip)
        {
            destination.Write(headerBytes);
            Encode(frames, type, 0, values, destination);
            return;
        }
        members = Math.Clamp(members, 1, Environment.ProcessorCount);
        if (members == 1 || values * type.SizeOf() < ParallelGzipFrom)
        {
            using var stream = new GZipStream(destination, options.Compression, leaveOpen: true);
            stream.Write(headerBytes);
            Encode(frames, type, 0, values, stream);
            return;
        }
        var parts = new MemoryStream[members];
        try
        {
            Parallel.For(0, members, new ParallelOptions { MaxDegreeOfParallelism = members }, part =>
            {
                var memory = parts[part] = new MemoryStream();
                using var stream = new GZipStream(memory, options.Compression, leaveOpen: true);
                if (part == 0) stream.Write(headerBytes);
                Encode(frames, type, values * part / members, values * (part + 1) / members, stream);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        try
        {
            foreach (var memory in parts)
            {
                memory.Position = 0;
                memory.CopyTo(destination);
            }
        }
        finally
        {
            foreach (var memory in parts) memory?.Dispose();
        }
    }

    /// <summary>Encodes values [from, to) of the frames laid end to end into a stream, a chunk at a time.</summary>
    private static void Encode<T>(IReadOnlyList<T[]> frames, NiftiDataType type, long from, long to, Stream stream)
        where T : unmanaged, INumberBase<T>
    {
        int size = type.SizeOf();
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkValues, Math.Max(to - from, 1)) * size);
        try
        {
            int frameLength = frames[0].Length;
            for (long at = from; at < to;)
            {
                int f = (int)(at / frameLength), offset = (int)(at % frameLength);
                int n = (int)Math.Min(Math.Min(ChunkValues, to - at), frameLength - offset);
                var bytes = buffer.AsSpan(0, n * size);
                NiftiVoxelEncoder.Encode<T>(frames[f].AsSpan(offset, n), type, bytes);
                stream.Write(bytes);
                at += n;
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>The header Ari writes for a grid: sform exact, qform the nearest rotation + zooms.</summary>
    public static NiftiHeader BuildHeader(ImageGrid grid, int frames, NiftiDataType type, NiftiWriteOptions options)
    {
        if (options.Version is not (1 or 2))
            throw new ArgumentException("NIfTI version must be 1 or 2", nameof(options));
        if (!type.IsSupported())
            throw new ArgumentException($"cannot write datatype {type.Describe()}", nameof(options));
        var a = grid.Affine;
        var (b, c, d, qfac, zx, zy, zz) = NiftiAffines.ToQuaternion(a);
        int headerSize = options.Version == 1 ? NiftiHeaderCodec.Nifti1Size : NiftiHeaderCodec.Nifti2Size;
        return new NiftiHeader
        {
            Version = options.Version,
            Dim = [frames > 1 ? 4 : 3, grid.Nx, grid.Ny, grid.Nz, frames, 1, 1, 1],
            PixDim = [qfac, zx, zy, zz, 1, 1, 1, 1],
            DataType = type,
            BitPix = type.SizeOf() * 8,
            VoxOffset = headerSize + 4 + (options.Version == 1 ? 0 : 0),
            SclSlope = double.NaN,
            SclInter = double.NaN,
            IntentCode = options.IntentCode,
            IntentName = options.IntentName,
            IntentP1 = options.IntentP1,
            IntentP2 = options.IntentP2,
            IntentP3 = options.IntentP3,
            Descrip = options.Descrip,
            XyztUnits = options.XyztUnits,
            QformCode = options.QformCode,
            SformCode = options.SformCode,
            QuaternB = b, QuaternC = c, QuaternD = d,
            QoffsetX = a.M03, QoffsetY = a.M13, QoffsetZ = a.M23,
            SrowX = [a.M00, a.M01, a.M02, a.M03],
            SrowY = [a.M10, a.M11, a.M12, a.M13],
            SrowZ = [a.M20, a.M21, a.M22, a.M23],
        };
    }
}
