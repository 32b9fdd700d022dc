using Ari.Imaging;
using Ari.Nifti;

namespace Ari.Tests.Datasets;

/// <summary>Small valid .nii.gz files made in the test, different for each seed.</summary>
public static class TestImages
{
    public static byte[] NiftiGz(int seed, int nx = 12, int ny = 14, int nz = 10)
    {
        var grid = new ImageGrid(nx, ny, nz, Affine.FromScaleAndOffset(-3, 3, 3, 78, -112, -50));
        var data = new float[grid.VoxelCount];
        uint state = (uint)seed * 2654435761u + 1;
        for (int i = 0; i < data.Length; i++)
        {
            state = state * 1664525u + 1013904223u;
            data[i] = (state >> 8) / (float)(1 << 24) - 0.5f;
        }
        string temp = Path.Combine(Path.GetTempPath(), $"ari-test-{Guid.NewGuid():N}.nii.gz");
        try
        {
            NiftiWriter.Write(temp, new Volume<float>(grid, data));
            return File.ReadAllBytes(temp);
        }
        finally { File.Delete(temp); }
    }

    /// <summary>The files in a folder tree, relative, sorted (to show nothing else, no temporary file, was left).</summary>
    public static string[] FilesUnder(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)]
            : [];
}
