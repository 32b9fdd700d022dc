using Ari.Plotting.Geometry;

namespace Ari.Plotting.Glass;

/// <summary>
/// nilearn's GlassBrainAxes.transform_to_2d: the maximum of |v| along the projected axis (plot_abs), or the signed
/// value of largest magnitude (the first along the axis on ties, as numpy's argmax), over the whole image or one
/// hemisphere ('l': display x indices below the truncated voxel index of x = 0; 'r': from it on; all of the image when
/// that half is empty). The result is in screen order: row 0 at the top, columns increasing with the horizontal
/// world axis.
/// </summary>
internal static class MaximumIntensityProjection
{
    public static double[] Project(double[] data, OrientedGrid grid, GlassView view, bool absolute, out int width, out int height)
    {
        var along = view.Along();
        var (h, v) = along.ScreenAxes();
        width = grid.Count(h);
        height = grid.Count(v);
        int depth = grid.Count(along);
        var (from, to) = (0, depth);
        if (view is GlassView.L or GlassView.R)
        {
            // numpy: int(x_center) truncates toward zero; the reordered image's x index is the display index.
            int center = (int)(-grid.World(WorldAxis.X, 0) / grid.Step(WorldAxis.X));
            (from, to) = view == GlassView.L ? (0, Math.Clamp(center, 0, depth)) : (Math.Clamp(center, 0, depth), depth);
            if (to <= from) (from, to) = (0, depth);
        }

        int[] strides = [1, grid.Grid.Nx, grid.Grid.Nx * grid.Grid.Ny];
        int hStride = strides[grid.VoxelAxisOf(h)], vStride = strides[grid.VoxelAxisOf(v)], dStride = strides[grid.VoxelAxisOf(along)];
        var result = new double[width * height];
        int w = width, ht = height;
        Parallel.For(0, height, row =>
        {
            int dv = ht - 1 - row;
            int rowOffset = grid.VoxelIndex(v, dv) * vStride;
            for (int col = 0; col < w; col++)
            {
                int offset = rowOffset + grid.VoxelIndex(h, col) * hStride;
                double best = 0, bestAbs = -1;
                for (int d = from; d < to; d++)
                {
                    double value = data[offset + grid.VoxelIndex(along, d) * dStride];
                    double magnitude = Math.Abs(value);
                    if (magnitude > bestAbs) { bestAbs = magnitude; best = value; }
                }
                result[row * w + col] = absolute ? bestAbs : best;
            }
        });
        return result;
    }
}
