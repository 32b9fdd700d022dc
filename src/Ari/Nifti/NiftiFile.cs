using System.Numerics;
using Ari.Imaging;

namespace Ari.Nifti;

/// <summary>The everyday entry points: read a header, a 3D volume, or a 4D file's volumes; write a volume.</summary>
public static class NiftiFile
{
    /// <summary>Reads only the header of a .nii, .nii.gz or .hdr/.img image (nibabel's load(path).header), with nibabel's repairs applied.</summary>
    /// <exception cref="NiftiFormatException">The file is missing, unreadable, or not a valid NIfTI-1/NIfTI-2 header.</exception>
    public static NiftiHeader ReadHeader(string path)
    {
        using var reader = NiftiReader.Open(path);
        return reader.Header;
    }

    /// <summary>
    /// Reads a 3D image (a 4D file with a single volume is accepted). Values are stored values with
    /// scl_slope/scl_inter applied, converted to <typeparamref name="T"/>.
    /// </summary>
    public static Volume<T> ReadVolume<T>(string path) where T : unmanaged, INumberBase<T>
    {
        using var reader = NiftiReader.Open(path);
        if (reader.FrameCount != 1)
            throw new NiftiFormatException(path, $"is a 4D image ({reader.Header.ShapeText}); a 3D image is needed here");
        var volume = reader.ReadFrame<T>();
        reader.VerifyComplete();
        return volume;
    }

    /// <summary>Reads a 3D image as float64 (nibabel's get_fdata).</summary>
    public static Volume<double> Read(string path) => ReadVolume<double>(path);

    /// <summary>Reads every volume of a 3D or 4D image, one at a time (streaming).</summary>
    public static IEnumerable<Volume<T>> ReadFrames<T>(string path) where T : unmanaged, INumberBase<T>
    {
        using var reader = NiftiReader.Open(path);
        for (long f = 0; f < reader.FrameCount; f++)
            yield return reader.ReadFrame<T>();
        reader.VerifyComplete();
    }

    /// <summary>Reads the whole file to check it: header, all voxel data and, for gzip, the trailer.</summary>
    public static NiftiHeader Validate(string path)
    {
        using var reader = NiftiReader.Open(path);
        var buffer = new double[reader.Grid.VoxelCount];
        for (long f = 0; f < reader.FrameCount; f++)
            reader.ReadFrame<double>(buffer);
        reader.VerifyComplete();
        return reader.Header;
    }

    /// <summary>Writes a 3D volume to <paramref name="path"/> (.nii, or .nii.gz gzipped); see <see cref="NiftiWriter.Write{T}(string, Volume{T}, NiftiWriteOptions?)"/>.</summary>
    /// <param name="path">Destination; written under a temporary name and renamed when complete.</param>
    /// <param name="volume">The grid and values to write.</param>
    /// <param name="options">Datatype, version, intent and description; null for <see cref="NiftiWriteOptions.Default"/>.</param>
    public static void Write<T>(string path, Volume<T> volume, NiftiWriteOptions? options = null)
        where T : unmanaged, INumberBase<T> => NiftiWriter.Write(path, volume, options);
}
