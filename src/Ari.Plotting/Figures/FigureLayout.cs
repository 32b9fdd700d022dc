using Ari.Plotting.Geometry;
using Ari.Plotting.StatMaps;
using SkiaSharp;

namespace Ari.Plotting.Figures;

/// <summary>One cut's place in the figure: its pixel rectangle and the world rectangle it shows.</summary>
internal sealed record CutAxes(Cut Cut, SKRect Rect, double HorizontalMin, double HorizontalMax, double VerticalMin, double VerticalMax)
{
    /// <summary>The figure pixel (x right, y down) showing world point (<paramref name="horizontal"/>, <paramref name="vertical"/>) of this cut.</summary>
    public SKPoint ToPixel(double horizontal, double vertical) => new(
        (float)(Rect.Left + (horizontal - HorizontalMin) / (HorizontalMax - HorizontalMin) * Rect.Width),
        (float)(Rect.Bottom - (vertical - VerticalMin) / (VerticalMax - VerticalMin) * Rect.Height));
}

/// <summary>
/// Figure size and where each cut and the colorbar go, computed as nilearn 0.10.3's slicers place their matplotlib
/// axes: each cut gets a share of the width proportional to the width of what it shows, the whole height, and is
/// then shrunk to keep millimetres square; the colorbar sits in a strip on the right.
/// </summary>
/// <param name="Width">Canvas width in pixels.</param>
/// <param name="Height">Canvas height in pixels.</param>
/// <param name="Axes">The cuts, in reading order.</param>
/// <param name="Colorbar">The colorbar's rectangle, or null.</param>
/// <param name="Dpi">Pixels per inch.</param>
internal sealed record FigureLayout(int Width, int Height, IReadOnlyList<CutAxes> Axes, SKRect? Colorbar, double Dpi)
{
    /// <summary>Points to pixels at this figure's resolution.</summary>
    public float Points(double points) => (float)(points * Dpi / 72.0);

    /// <param name="mode">Display mode.</param>
    /// <param name="cuts">The cuts in display order (ortho: y, x, z; mosaic: any order, grouped by axis).</param>
    /// <param name="bounds">World extent shown along each axis.</param>
    /// <param name="colorbar">Whether to leave room for a colorbar.</param>
    /// <param name="dpi">Pixels per inch.</param>
    public static FigureLayout Create(DisplayMode mode, IReadOnlyList<Cut> cuts, Func<WorldAxis, (double Min, double Max)> bounds, bool colorbar, double dpi)
    {
        if (cuts.Count == 0) throw new ArgumentException("a figure needs at least one cut", nameof(cuts));
        var rows = mode == DisplayMode.Mosaic
            ? new[] { WorldAxis.Y, WorldAxis.X, WorldAxis.Z }.Select(a => cuts.Where(c => c.Axis == a).ToArray()).Where(r => r.Length > 0).ToArray()
            : [cuts.ToArray()];
        int perRow = rows.Max(r => r.Length);

        // nilearn's figure sizes in inches for one cut (ortho: per view), plus 0.7 in for the colorbar.
        (double w, double h) size = mode switch
        {
            DisplayMode.X => (2.6 * perRow, 2.3),
            DisplayMode.Y => (2.2 * perRow, 3.0),
            DisplayMode.Z => (2.2 * perRow, 3.2),
            DisplayMode.Ortho => (2.2 * perRow, 3.5),
            // nilearn's MosaicSlicer: 11.1 x 20 in per direction, three rows of equal height.
            _ => (11.1 * rows.Length, 20.0),
        };
        if (colorbar) size.w += 0.7;
        // matplotlib lays out on the nominal size and renders onto a canvas truncated to whole pixels
        // (2.3 in at 100 dpi is 229 px), flipping y with the truncated height.
        double nominalWidth = size.w * dpi, nominalHeight = size.h * dpi;
        int width = (int)nominalWidth, height = (int)nominalHeight;

        // Figure fractions, y up, as matplotlib places axes; the colorbar strip is sized by the cuts per row.
        double x0 = 0, x1 = 1;
        // matplotlib divides the colorbar strip by the number of axes (all rows of a mosaic).
        int axesCount = cuts.Count;
        if (colorbar) x1 -= (0.05 + 0.25 + 0.02) / axesCount;

        var axes = new List<CutAxes>();
        double rowBottom = 0;
        double totalHeight = mode == DisplayMode.Mosaic ? rows.Length : 1;
        foreach (var row in rows)
        {
            double rowHeight = mode == DisplayMode.Mosaic ? 1 / totalHeight : 1;
            var widths = row.Select(c => Extent(bounds(c.Axis.ScreenAxes().Horizontal))).ToArray();
            double total = widths.Sum(), left = x0;
            for (int i = 0; i < row.Length; i++)
            {
                double share = widths[i] / total * (x1 - x0);
                var (h, v) = row[i].Axis.ScreenAxes();
                var (hMin, hMax) = bounds(h);
                var (vMin, vMax) = bounds(v);
                var (l, b, w, ht) = FitAspect(left * nominalWidth, rowBottom * nominalHeight, share * nominalWidth, rowHeight * nominalHeight,
                    hMax - hMin, vMax - vMin);
                axes.Add(new CutAxes(row[i], new SKRect((float)l, (float)(height - b - ht), (float)(l + w), (float)(height - b)), hMin, hMax, vMin, vMax));
                left += share;
            }
            rowBottom += rowHeight;
        }
        // Mosaic rows were laid out bottom (y) to top (z); list them top first as they read.
        if (mode == DisplayMode.Mosaic) axes = axes.OrderBy(a => a.Rect.Top).ThenBy(a => a.Rect.Left).ToList();

        SKRect? bar = null;
        if (colorbar)
        {
            double cw = 0.05 / axesCount, margin = 0.02 / axesCount;
            double left = (1 - (cw + margin)) * nominalWidth;
            bar = new SKRect((float)left, (float)(height - 0.95 * nominalHeight), (float)(left + cw * nominalWidth), (float)(height - 0.05 * nominalHeight));
        }
        return new FigureLayout(width, height, axes, bar, dpi);

        static double Extent((double Min, double Max) b) => Math.Max(b.Max - b.Min, 1e-9);
    }

    /// <summary>
    /// One row of panels with their own world limits (a limit pair may run backwards to mirror a panel), as nilearn's
    /// projectors (plot_glass_brain) place them: widths proportional to each panel's horizontal extent, then shrunk to
    /// square millimetres; <paramref name="inches"/> is the figure size without the colorbar.
    /// </summary>
    internal static FigureLayout CreateRow(IReadOnlyList<PanelLimits> panels, (double Width, double Height) inches, bool colorbar, double dpi)
    {
        if (panels.Count == 0) throw new ArgumentException("a figure needs at least one panel", nameof(panels));
        double nominalWidth = (inches.Width + (colorbar ? 0.7 : 0)) * dpi, nominalHeight = inches.Height * dpi;
        int width = (int)nominalWidth, height = (int)nominalHeight;
        double x1 = 1;
        if (colorbar) x1 -= (0.05 + 0.25 + 0.02) / panels.Count;
        var widths = panels.Select(p => Math.Max(Math.Abs(p.HorizontalMax - p.HorizontalMin), 1e-9)).ToArray();
        double total = widths.Sum(), left = 0;
        var axes = new List<CutAxes>();
        for (int i = 0; i < panels.Count; i++)
        {
            var p = panels[i];
            double share = widths[i] / total * x1;
            var (l, b, w, ht) = FitAspect(left * nominalWidth, 0, share * nominalWidth, nominalHeight,
                Math.Abs(p.HorizontalMax - p.HorizontalMin), Math.Abs(p.VerticalMax - p.VerticalMin));
            axes.Add(new CutAxes(p.Cut, new SKRect((float)l, (float)(height - b - ht), (float)(l + w), (float)(height - b)),
                p.HorizontalMin, p.HorizontalMax, p.VerticalMin, p.VerticalMax));
            left += share;
        }
        SKRect? bar = null;
        if (colorbar)
        {
            double cw = 0.05 / panels.Count, margin = 0.02 / panels.Count;
            double barLeft = (1 - (cw + margin)) * nominalWidth;
            bar = new SKRect((float)barLeft, (float)(height - 0.95 * nominalHeight), (float)(barLeft + cw * nominalWidth), (float)(height - 0.05 * nominalHeight));
        }
        return new FigureLayout(width, height, axes, bar, dpi);
    }

    /// <summary>matplotlib's aspect="equal" with adjustable="box", anchor "C": the largest box of the data's aspect
    /// inside the given one (left, bottom, width, height; y up), centred.</summary>
    private static (double Left, double Bottom, double Width, double Height) FitAspect(double left, double bottom, double width, double height,
        double dataWidth, double dataHeight)
    {
        double aspect = dataHeight / Math.Max(dataWidth, 1e-9);
        double w = width, h = height;
        if (height / width > aspect) h = width * aspect;
        else w = height / aspect;
        return (left + 0.5 * (width - w), bottom + 0.5 * (height - h), w, h);
    }
}

/// <summary>A panel to lay out: what it shows and the world limits of its horizontal and vertical axes.</summary>
internal readonly record struct PanelLimits(Cut Cut, double HorizontalMin, double HorizontalMax, double VerticalMin, double VerticalMax);
