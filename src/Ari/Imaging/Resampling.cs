namespace Ari.Imaging;

/// <summary>How <see cref="Resampling.Resample"/> samples the source between its voxel centres.</summary>
public enum Interpolation
{
    /// <summary>The value of the nearest source voxel (scipy order 0: floor(x + 0.5)).</summary>
    Nearest,
    /// <summary>Trilinear interpolation between the 8 surrounding source voxels (scipy order 1).</summary>
    Linear,
}

/// <summary>
/// Resampling a volume onto another grid through the two affines, like nilearn's resample_to_img
/// (scipy.ndimage.affine_transform, mode 'constant'): each target voxel is mapped to world mm and then
/// to fractional source indices; points outside [0, n - 1] along any axis take the fill value.
/// </summary>
public static class Resampling
{
    /// <summary>Points this close to the edge of the source grid still count as inside (rounding of affine products).</summary>
    private const double EdgeTolerance = 1e-6;

    /// <summary>The source volume sampled on <paramref name="target"/> (a copy when the grids already match), like nilearn's resample_to_img.</summary>
    /// <param name="source">The volume to resample.</param>
    /// <param name="target">The grid to sample on.</param>
    /// <param name="interpolation">Nearest neighbour (masks, labels) or trilinear (continuous maps).</param>
    /// <param name="fill">The value of target voxels that fall outside the source grid.</param>
    /// <exception cref="InvalidOperationException">The source affine is singular.</exception>
    public static Volume<double> Resample(Volume<double> source, ImageGrid target, Interpolation interpolation, double fill = 0)
    {
        if (source.Grid.Matches(target))
            return new Volume<double>(target, (double[])source.Data.Clone());
        var toSource = source.Grid.Affine.Inverse().Multiply(target.Affine);
        var output = new double[target.VoxelCount];
        var src = source.Grid;
        Parallel.For(0, target.Nz, k =>
        {
            for (int j = 0; j < target.Ny; j++)
            {
                int row = target.Nx * (j + target.Ny * k);
                for (int i = 0; i < target.Nx; i++)
                {
                    var p = toSource.Apply(i, j, k);
                    output[row + i] = interpolation == Interpolation.Nearest
                        ? SampleNearest(source.Data, src, p, fill)
                        : SampleLinear(source.Data, src, p, fill);
                }
            }
        });
        return new Volume<double>(target, output);
    }

    /// <summary>The value at fractional source indices by nearest neighbour, or <paramref name="fill"/> outside.</summary>
    public static double SampleNearest(double[] data, ImageGrid grid, Point3 p, double fill)
    {
        if (!Inside(p.X, grid.Nx) || !Inside(p.Y, grid.Ny) || !Inside(p.Z, grid.Nz)) return fill;
        int i = Clamp((int)Math.Floor(p.X + 0.5), grid.Nx);
        int j = Clamp((int)Math.Floor(p.Y + 0.5), grid.Ny);
        int k = Clamp((int)Math.Floor(p.Z + 0.5), grid.Nz);
        return data[grid.Index(i, j, k)];
    }

    /// <summary>The value at fractional source indices by trilinear interpolation, or <paramref name="fill"/> outside.</summary>
    public static double SampleLinear(double[] data, ImageGrid grid, Point3 p, double fill)
    {
        if (!Inside(p.X, grid.Nx) || !Inside(p.Y, grid.Ny) || !Inside(p.Z, grid.Nz)) return fill;
        var (i0, fx) = Split(p.X, grid.Nx);
        var (j0, fy) = Split(p.Y, grid.Ny);
        var (k0, fz) = Split(p.Z, grid.Nz);
        int i1 = Math.Min(i0 + 1, grid.Nx - 1), j1 = Math.Min(j0 + 1, grid.Ny - 1), k1 = Math.Min(k0 + 1, grid.Nz - 1);
        double c00 = Lerp(data[grid.Index(i0, j0, k0)], data[grid.Index(i1, j0, k0)], fx);
        double c10 = Lerp(data[grid.Index(i0, j1, k0)], data[grid.Index(i1, j1, k0)], fx);
        double c01 = Lerp(data[grid.Index(i0, j0, k1)], data[grid.Index(i1, j0, k1)], fx);
        double c11 = Lerp(data[grid.Index(i0, j1, k1)], data[grid.Index(i1, j1, k1)], fx);
        return Lerp(Lerp(c00, c10, fy), Lerp(c01, c11, fy), fz);
    }

    private static bool Inside(double x, int n) => x >= -EdgeTolerance && x <= n - 1 + EdgeTolerance;

    private static int Clamp(int i, int n) => i < 0 ? 0 : i >= n ? n - 1 : i;

    private static (int Index, double Fraction) Split(double x, int n)
    {
        int i = Clamp((int)Math.Floor(x), n);
        return (i, Math.Clamp(x - i, 0, 1));
    }

    private static double Lerp(double a, double b, double t) => t == 0 ? a : a + (b - a) * t;
}
