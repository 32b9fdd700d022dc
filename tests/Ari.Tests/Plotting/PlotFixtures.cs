using Ari.Imaging;
using Ari.Nifti;
using Ari.Plotting.Backgrounds;
using Ari.Tests.TestSupport;
using SkiaSharp;

namespace Ari.Tests.Plotting;

/// <summary>The shared maps and template, read once for the plotting tests, and pixel helpers.</summary>
internal static class PlotFixtures
{
    private static readonly Lazy<BackgroundImage> TemplateLazy = new(() => BackgroundImage.Load(TemplatePath));

    public static string TemplatePath => TestPaths.SharedFile("data", "real", "mni152_2009_t1_1mm.nii.gz");
    public static BackgroundImage Template => TemplateLazy.Value;
    public static Volume<double> Tdp => NiftiFile.Read(TestPaths.NilearnReference("tdp.nii.gz"));
    public static Volume<double> Z => NiftiFile.Read(TestPaths.NilearnReference("z_score.nii.gz"));
    public static readonly double[] SeedCuts = [-24, -9, -18, 33, 45, 57, 66];

    public static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("PNG does not decode");

    public static (byte R, byte G, byte B) Pixel(SKBitmap bitmap, SKPoint p)
    {
        var c = bitmap.GetPixel((int)Math.Floor(p.X), (int)Math.Floor(p.Y));
        return (c.Red, c.Green, c.Blue);
    }

    /// <summary>
    /// World (x, y) and value of the voxels on the axial slice nearest <paramref name="z"/> whose 3 x 3 in-plane
    /// neighbourhood satisfies <paramref name="neighbourhood"/> (values of the 9 voxels, centre first).
    /// </summary>
    public static IEnumerable<(double X, double Y, double Value)> AxialVoxels(Volume<double> map, double z, Func<double[], bool> neighbourhood)
    {
        var g = map.Grid;
        int k = (int)Math.Round(g.WorldToVoxel(new Point3(0, 0, z)).Z);
        var values = new double[9];
        for (int j = 1; j < g.Ny - 1; j++)
            for (int i = 1; i < g.Nx - 1; i++)
            {
                values[0] = map[i, j, k];
                int n = 1;
                for (int dj = -1; dj <= 1; dj++)
                    for (int di = -1; di <= 1; di++)
                        if (di != 0 || dj != 0) values[n++] = map[i + di, j + dj, k];
                if (neighbourhood(values))
                {
                    var w = g.VoxelToWorld(i, j, k);
                    yield return (w.X, w.Y, values[0]);
                }
            }
    }

    /// <summary>The first voxel of <see cref="AxialVoxels"/> whose whole neighbourhood satisfies <paramref name="predicate"/>.</summary>
    public static (double X, double Y) FindAxialVoxel(Volume<double> map, double z, Func<double, bool> predicate)
    {
        foreach (var (x, y, _) in AxialVoxels(map, z, v => v.All(predicate)))
            return (x, y);
        throw new InvalidOperationException($"no voxel near z={z} satisfies the predicate");
    }

    /// <summary>Whether any pixel in a box is dark (text ink on a white figure).</summary>
    public static bool HasInk(SKBitmap bitmap, float left, float top, float right, float bottom, bool lightInk = false)
    {
        for (int y = Math.Max(0, (int)top); y < Math.Min(bitmap.Height, (int)Math.Ceiling(bottom)); y++)
            for (int x = Math.Max(0, (int)left); x < Math.Min(bitmap.Width, (int)Math.Ceiling(right)); x++)
            {
                var c = bitmap.GetPixel(x, y);
                int sum = c.Red + c.Green + c.Blue;
                if (lightInk ? sum > 600 : sum < 150) return true;
            }
        return false;
    }
}
