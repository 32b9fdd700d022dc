using SkiaSharp;

namespace Ari.Plotting.Figures;

/// <summary>
/// One cut's colours, one per voxel of the display grid (packed 0xAARRGGBB, 0 = nothing drawn), in screen order
/// (row 0 at the top), with where those voxels sit in the world.
/// </summary>
/// <param name="Width">Voxels across.</param>
/// <param name="Height">Voxels down.</param>
/// <param name="Argb">Width x Height colours, row 0 first.</param>
/// <param name="Left">World coordinate of column 0's centre (horizontal axis).</param>
/// <param name="ColumnStep">mm between columns (positive).</param>
/// <param name="Top">World coordinate of row 0's centre (vertical axis, its highest value).</param>
/// <param name="RowStep">mm between rows (positive; rows go down in the world).</param>
internal sealed record CutImage(int Width, int Height, uint[] Argb, double Left, double ColumnStep, double Top, double RowStep)
{
    /// <summary>
    /// The cut drawn into <paramref name="axes"/>: each output pixel takes the colour of the voxel under its centre
    /// (matplotlib's nearest interpolation), clipped to the axes. Returns the bitmap and where it goes (figure pixels).
    /// </summary>
    public unsafe (SKBitmap Bitmap, SKRect Destination) Rasterize(CutAxes axes, float scale)
    {
        var rect = axes.Rect;
        int px0 = (int)Math.Floor(rect.Left * scale), py0 = (int)Math.Floor(rect.Top * scale);
        int px1 = (int)Math.Ceiling(rect.Right * scale), py1 = (int)Math.Ceiling(rect.Bottom * scale);
        int w = Math.Max(1, px1 - px0), h = Math.Max(1, py1 - py0);

        var columns = new int[w];
        double hPerPixel = (axes.HorizontalMax - axes.HorizontalMin) / rect.Width;
        for (int x = 0; x < w; x++)
        {
            double centre = (px0 + x + 0.5) / scale;
            if (centre < rect.Left || centre > rect.Right) { columns[x] = -1; continue; }
            double world = axes.HorizontalMin + (centre - rect.Left) * hPerPixel;
            int c = (int)Math.Floor((world - Left) / ColumnStep + 0.5);
            columns[x] = c >= 0 && c < Width ? c : -1;
        }
        var rows = new int[h];
        double vPerPixel = (axes.VerticalMax - axes.VerticalMin) / rect.Height;
        for (int y = 0; y < h; y++)
        {
            double centre = (py0 + y + 0.5) / scale;
            if (centre < rect.Top || centre > rect.Bottom) { rows[y] = -1; continue; }
            double world = axes.VerticalMax - (centre - rect.Top) * vPerPixel;
            int r = (int)Math.Floor((Top - world) / RowStep + 0.5);
            rows[y] = r >= 0 && r < Height ? r : -1;
        }

        var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Bgra8888, SKAlphaType.Premul));
        uint* pixels = (uint*)bitmap.GetPixels();
        int stride = bitmap.RowBytes / 4;
        for (int y = 0; y < h; y++)
        {
            uint* line = pixels + (long)y * stride;
            int r = rows[y];
            if (r < 0) { new Span<uint>(line, w).Clear(); continue; }
            int rowOffset = r * Width;
            for (int x = 0; x < w; x++)
            {
                int c = columns[x];
                line[x] = c < 0 ? 0u : Argb[rowOffset + c];
            }
        }
        bitmap.NotifyPixelsChanged();
        return (bitmap, SKRect.Create(px0 / scale, py0 / scale, w / scale, h / scale));
    }
}
