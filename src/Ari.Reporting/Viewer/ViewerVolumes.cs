using System.IO.Compression;
using System.Numerics.Tensors;
using Ari.Imaging;
using Ari.Nifti;

namespace Ari.Reporting.Viewer;

/// <summary>The volumes the viewer shows, as .nii.gz bytes in base64: small float32 maps and a 2 mm uint8 background.</summary>
internal static class ViewerVolumes
{
    /// <summary>A map as float32 NIfTI-1, gzip, base64.</summary>
    public static string Map(Volume<double> map)
    {
        var data = new float[map.Data.Length];
        NonFinite.CopyAsZero<double, float>(map.Data, data);
        return Encode(map.Grid, data);
    }

    /// <summary>
    /// A background resampled (linear) to at most <paramref name="voxelSize"/> mm voxels and scaled to 0..255 uint8,
    /// as nilearn's 2 mm template: a fraction of the 1 mm file's size for the page.
    /// </summary>
    public static string Background(Volume<float> image, double voxelSize = 2)
    {
        var grid = image.Grid;
        var (sx, sy, sz) = grid.VoxelSizes;
        var values = new double[image.Data.Length];
        NonFinite.CopyAsZero<float, double>(image.Data, values);
        Volume<double> source = new(grid, values);
        if (Math.Min(sx, Math.Min(sy, sz)) < voxelSize)
        {
            var target = Coarser(grid, voxelSize);
            source = Resampling.Resample(source, target, Interpolation.Linear);
        }
        double max = TensorPrimitives.Max<double>(source.Data), min = TensorPrimitives.Min<double>(source.Data);
        double scale = max > min ? 255.0 / (max - min) : 0;
        var bytes = new byte[source.Data.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Clamp(Math.Round((source.Data[i] - min) * scale), 0, 255);
        return Encode(source.Grid, bytes);
    }

    /// <summary>A grid covering the same box with voxels of <paramref name="size"/> mm along each axis (same axis directions).</summary>
    private static ImageGrid Coarser(ImageGrid grid, double size)
    {
        var (sx, sy, sz) = grid.VoxelSizes;
        double fx = size / sx, fy = size / sy, fz = size / sz;
        int nx = Math.Max(1, (int)Math.Floor((grid.Nx - 1) / fx) + 1);
        int ny = Math.Max(1, (int)Math.Floor((grid.Ny - 1) / fy) + 1);
        int nz = Math.Max(1, (int)Math.Floor((grid.Nz - 1) / fz) + 1);
        var a = grid.Affine;
        var coarse = a with
        {
            M00 = a.M00 * fx, M10 = a.M10 * fx, M20 = a.M20 * fx,
            M01 = a.M01 * fy, M11 = a.M11 * fy, M21 = a.M21 * fy,
            M02 = a.M02 * fz, M12 = a.M12 * fz, M22 = a.M22 * fz,
        };
        return new ImageGrid(nx, ny, nz, coarse);
    }

    private static string Encode<T>(ImageGrid grid, T[] data) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        using var memory = new MemoryStream();
        NiftiWriter.WriteTo(memory, gzip: true, grid, [data], NiftiWriteOptions.Default with { Compression = CompressionLevel.Optimal });
        return Convert.ToBase64String(memory.GetBuffer(), 0, (int)memory.Length);
    }
}
