using System.Buffers;
using System.IO.Compression;
using System.Numerics;
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
        AtomicFile.Write(path, stream => WriteTo(stream, IsGzipPath(path), grid, frames, options ?? NiftiWriteOptions.Default));

    /// <summary>Writes into an <see cref="OutputSet"/> (all-or-nothing with the command's other outputs).</summary>
    public static void Write<T>(OutputSet outputs, string fileName, Volume<T> volume, NiftiWriteOptions? options = null)
        where T : unmanaged, INumberBase<T> =>
        outputs.Write(fileName, stream => WriteTo(stream, IsGzipPath(fileName), volume.Grid, [volume.Data], options ?? NiftiWriteOptions.Default));

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
        where T : unmanaged, INumberBase<T>
    {
        if (frames.Count == 0) throw new ArgumentException("no volumes to write", nameof(frames));
        foreach (var frame in frames)
            if (frame.Length != grid.VoxelCount)
                throw new ArgumentException($"a volume has {frame.Length} values, the grid {grid.VoxelCount}", nameof(frames));
        var type = options.DataType ?? NiftiDataTypes.For<T>();
        var header = BuildHeader(grid, frames.Count, type, options);
        Stream stream = gzip ? new GZipStream(destination, options.Compression, leaveOpen: true) : destination;
        try
        {
            stream.Write(NiftiHeaderCodec.Serialize(header));
            int bytes = checked(grid.VoxelCount * type.SizeOf());
            byte[] buffer = ArrayPool<byte>.Shared.Rent(bytes);
            try
            {
                foreach (var frame in frames)
                {
                    NiftiVoxelEncoder.Encode<T>(frame, type, buffer.AsSpan(0, bytes));
                    stream.Write(buffer, 0, bytes);
                }
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
        }
        finally
        {
            if (gzip) stream.Dispose();
        }
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
