using Ari.Imaging;

namespace Ari.Plotting.Geometry;

/// <summary>
/// Brings an oblique image onto an axis-aligned grid (nilearn's reorder_img with resampling): same voxel sizes,
/// the bounding box of the image's corners, resampled with the lead's <see cref="Resampling"/>.
/// </summary>
internal static class AxisAlignment
{
    public static Volume<double> Align(Volume<double> volume, Interpolation interpolation)
    {
        var grid = volume.Grid;
        if (OrientedGrid.TryCreate(grid) is not null) return volume;
        var (sx, sy, sz) = grid.VoxelSizes;
        double[] min = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];
        double[] max = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
        foreach (int i in new[] { 0, grid.Nx - 1 })
            foreach (int j in new[] { 0, grid.Ny - 1 })
                foreach (int k in new[] { 0, grid.Nz - 1 })
                {
                    var p = grid.VoxelToWorld(i, j, k);
                    double[] c = [p.X, p.Y, p.Z];
                    for (int a = 0; a < 3; a++) { min[a] = Math.Min(min[a], c[a]); max[a] = Math.Max(max[a], c[a]); }
                }
        double[] step = [sx, sy, sz];
        var n = new int[3];
        for (int a = 0; a < 3; a++) n[a] = (int)Math.Ceiling((max[a] - min[a]) / step[a] - 1e-9) + 1;
        var target = new ImageGrid(n[0], n[1], n[2], Affine.FromScaleAndOffset(sx, sy, sz, min[0], min[1], min[2]));
        return Resampling.Resample(volume, target, interpolation);
    }
}
