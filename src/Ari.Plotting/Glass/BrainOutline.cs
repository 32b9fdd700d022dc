using Ari.Plotting.Geometry;

namespace Ari.Plotting.Glass;

/// <summary>
/// A glass-brain panel's drawing of the brain, in world millimetres (horizontal, vertical screen axes): the contour
/// of the projection of the brain mask (<see cref="Outer"/>), and lighter contours of the mean intensity through the
/// brain (<see cref="Inner"/>) that show the ventricles and the brain's thickness.
/// </summary>
internal sealed record BrainOutline(IReadOnlyList<Segment> Outer, IReadOnlyList<Segment> Inner, double HorizontalMin, double HorizontalMax,
    double VerticalMin, double VerticalMax)
{
    /// <summary>The share of the image's maximum above which a voxel is brain (nilearn's load_mni152_brain_mask threshold).</summary>
    public const double MaskThreshold = 0.2;

    /// <summary>The outline of <paramref name="anatomy"/> (axis-aligned) for one view.</summary>
    public static BrainOutline For(float[] anatomy, OrientedGrid grid, GlassView view)
    {
        float max = 0;
        foreach (float value in anatomy) if (value > max) max = value;
        float cut = (float)(MaskThreshold * max);

        var along = view.Along();
        var (h, v) = along.ScreenAxes();
        int width = grid.Count(h), height = grid.Count(v), depth = grid.Count(along);
        var (from, to) = (0, depth);
        if (view is GlassView.L or GlassView.R)
        {
            int center = Math.Clamp((int)(-grid.World(WorldAxis.X, 0) / grid.Step(WorldAxis.X)), 0, depth);
            (from, to) = view == GlassView.L ? (0, center) : (center, depth);
            if (to <= from) (from, to) = (0, depth);
        }
        int[] strides = [1, grid.Grid.Nx, grid.Grid.Nx * grid.Grid.Ny];
        int hStride = strides[grid.VoxelAxisOf(h)], vStride = strides[grid.VoxelAxisOf(v)], dStride = strides[grid.VoxelAxisOf(along)];
        var inside = new float[width * height];
        var mean = new float[width * height];
        double hMin = double.PositiveInfinity, hMax = double.NegativeInfinity, vMin = double.PositiveInfinity, vMax = double.NegativeInfinity;
        for (int row = 0; row < height; row++)
        {
            int rowOffset = grid.VoxelIndex(v, height - 1 - row) * vStride;
            for (int col = 0; col < width; col++)
            {
                int offset = rowOffset + grid.VoxelIndex(h, col) * hStride;
                int count = 0;
                double sum = 0;
                for (int d = from; d < to; d++)
                {
                    float value = anatomy[offset + grid.VoxelIndex(along, d) * dStride];
                    if (value > cut) { count++; sum += value; }
                }
                if (count == 0) continue;
                inside[row * width + col] = 1;
                mean[row * width + col] = (float)(sum / (to - from) / max);
                double x = grid.World(h, col), y = grid.World(v, height - 1 - row);
                hMin = Math.Min(hMin, x); hMax = Math.Max(hMax, x);
                vMin = Math.Min(vMin, y); vMax = Math.Max(vMax, y);
            }
        }
        if (double.IsInfinity(hMin)) return new BrainOutline([], [], 0, 0, 0, 0);

        // Smooth the 0/1 projection a little so the contour follows the brain rather than the voxel staircase; a margin of
        // empty pixels closes the contour where the brain touches the image's edge (the brainstem at the template's bottom).
        const int margin = 3;
        int pw = width + 2 * margin, ph = height + 2 * margin;
        var smooth = Blur(Pad(inside), pw, ph, 1.0);
        var outer = ToWorld(MarchingSquares.Contour(smooth, pw, ph, 0.5f));
        var inner = new List<Segment>();
        var blurredMean = Blur(Pad(mean), pw, ph, 1.0);
        float peak = blurredMean.Max();
        foreach (float level in new[] { 0.45f, 0.7f })
            inner.AddRange(ToWorld(MarchingSquares.Contour(blurredMean, pw, ph, level * peak)));
        foreach (var s in outer)
        {
            hMin = Math.Min(hMin, Math.Min(s.X0, s.X1)); hMax = Math.Max(hMax, Math.Max(s.X0, s.X1));
            vMin = Math.Min(vMin, Math.Min(s.Y0, s.Y1)); vMax = Math.Max(vMax, Math.Max(s.Y0, s.Y1));
        }
        return new BrainOutline(outer, inner, hMin, hMax, vMin, vMax);

        float[] Pad(float[] field)
        {
            var padded = new float[pw * ph];
            for (int r = 0; r < height; r++)
                field.AsSpan(r * width, width).CopyTo(padded.AsSpan((r + margin) * pw + margin, width));
            return padded;
        }

        List<Segment> ToWorld(List<Segment> pixels) => pixels.Select(s => new Segment(
            grid.World(h, s.X0 - margin), grid.World(v, height - 1 - (s.Y0 - margin)),
            grid.World(h, s.X1 - margin), grid.World(v, height - 1 - (s.Y1 - margin)))).ToList();
    }

    /// <summary>A separable Gaussian blur (sigma in pixels), edges clamped.</summary>
    private static float[] Blur(float[] field, int width, int height, double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new float[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) total += kernel[i + radius] = (float)Math.Exp(-0.5 * i * i / (sigma * sigma));
        for (int i = 0; i < kernel.Length; i++) kernel[i] /= (float)total;
        var temp = new float[field.Length];
        var result = new float[field.Length];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                float s = 0;
                for (int k = -radius; k <= radius; k++) s += kernel[k + radius] * field[r * width + Math.Clamp(c + k, 0, width - 1)];
                temp[r * width + c] = s;
            }
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                float s = 0;
                for (int k = -radius; k <= radius; k++) s += kernel[k + radius] * temp[Math.Clamp(r + k, 0, height - 1) * width + c];
                result[r * width + c] = s;
            }
        return result;
    }
}
