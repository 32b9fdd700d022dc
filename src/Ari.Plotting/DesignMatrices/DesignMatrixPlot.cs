using Ari.Plotting.Colormaps;
using Ari.Plotting.Figures;
using Ari.Plotting.Fonts;
using SkiaSharp;

namespace Ari.Plotting.DesignMatrices;

/// <summary>
/// nilearn's plot_design_matrix: one row per map, one column per regressor, each column scaled by its norm and
/// coloured with viridis over the matrix's range; column names on top at 60 degrees, "scan number" down the left.
/// Drawn as vectors (SVG) so it stays sharp in a report.
/// </summary>
public static class DesignMatrixPlot
{
    /// <param name="columns">Column names.</param>
    /// <param name="rows">One array of values per row (map), as many values as columns.</param>
    /// <param name="dpi">Pixels per inch of the SVG's user units.</param>
    public static string ToSvg(IReadOnlyList<string> columns, IReadOnlyList<double[]> rows, double dpi = 100)
    {
        if (columns.Count == 0) throw new ArgumentException("a design matrix needs at least one column", nameof(columns));
        int n = rows.Count, p = columns.Count;
        foreach (var row in rows)
            if (row.Length != p) throw new ArgumentException($"every row needs {p} values", nameof(rows));

        // Columns scaled by their Euclidean norm (nilearn's rescale=True).
        var scaled = new double[n, p];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int c = 0; c < p; c++)
        {
            double norm = 0;
            for (int r = 0; r < n; r++) norm += rows[r][c] * rows[r][c];
            norm = Math.Max(1e-12, Math.Sqrt(norm));
            for (int r = 0; r < n; r++)
            {
                scaled[r, c] = rows[r][c] / norm;
                min = Math.Min(min, scaled[r, c]);
                max = Math.Max(max, scaled[r, c]);
            }
        }

        using var tickFont = FigureFont.Create(10, dpi);
        using var labelFont = FigureFont.Create(10, dpi);
        float longest = columns.Max(c => tickFont.MeasureText(c));
        float cell = (float)(0.36 * dpi);
        float matrixWidth = cell * p;
        float matrixHeight = Math.Clamp((float)(0.12 * dpi) * n, (float)(2.4 * dpi), (float)(6 * dpi));
        const double angle = 60 * Math.PI / 180;
        float top = (float)(longest * Math.Sin(angle)) + 16;
        float left = 70;
        float right = (float)(longest * Math.Cos(angle)) + 12;
        float width = left + matrixWidth + right, height = top + matrixHeight + 12;

        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), managed))
        {
            var text = new TextPainter(outlines: true);
            canvas.Clear(SKColors.White);
            var viridis = Colormap.Named("viridis");
            using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = false };
            float rowHeight = matrixHeight / n;
            for (int c = 0; c < p; c++)
                for (int r = 0; r < n;)
                {
                    // one rectangle per run of equal colours (no seams between rows in SVG viewers)
                    var color = viridis.At(max > min ? (scaled[r, c] - min) / (max - min) : 0);
                    int end = r + 1;
                    while (end < n && viridis.At(max > min ? (scaled[end, c] - min) / (max - min) : 0) == color) end++;
                    fill.Color = new SKColor(color.R, color.G, color.B);
                    canvas.DrawRect(SKRect.Create(left + c * cell, top + r * rowHeight, cell, (end - r) * rowHeight), fill);
                    r = end;
                }
            using var ink = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 0.8f * (float)(dpi / 72), IsAntialias = true };
            canvas.DrawRect(SKRect.Create(left, top, matrixWidth, matrixHeight), ink);

            // Column names on top, rotated 60 degrees, starting at each column's centre (ha="left").
            for (int c = 0; c < p; c++)
            {
                float x = left + (c + 0.5f) * cell;
                canvas.DrawLine(x, top, x, top - 4, ink);
                canvas.Save();
                canvas.Translate(x - 3, top - 7);
                canvas.RotateDegrees(-60);
                text.Draw(canvas, tickFont, columns[c], 0, 0, HorizontalAlignment.Left, VerticalAlignment.Bottom, SKColors.Black);
                canvas.Restore();
            }
            // Row numbers on the left at "nice" steps.
            int step = NiceStep(n);
            for (int r = 0; r < n; r += step)
            {
                float y = top + (r + 0.5f) * rowHeight;
                canvas.DrawLine(left, y, left - 4, y, ink);
                text.Draw(canvas, tickFont, r.ToString(System.Globalization.CultureInfo.InvariantCulture), left - 6, y,
                    HorizontalAlignment.Right, VerticalAlignment.CenterBaseline, SKColors.Black);
            }
            canvas.Save();
            canvas.Translate(16, top + matrixHeight / 2);
            canvas.RotateDegrees(-90);
            var (box, _) = TextPainter.Place(labelFont, "scan number", 0, 0, HorizontalAlignment.Left, VerticalAlignment.Top);
            text.Draw(canvas, labelFont, "scan number", -box.Width / 2, -box.Height / 2, HorizontalAlignment.Left, VerticalAlignment.Top, SKColors.Black);
            canvas.Restore();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A step of 1, 2, 5, 10, 20, 50... giving at most 8 row labels.</summary>
    private static int NiceStep(int rows)
    {
        foreach (int magnitude in new[] { 1, 10, 100, 1000, 10000 })
            foreach (int m in new[] { 1, 2, 5 })
                if (rows / (m * magnitude) < 8) return m * magnitude;
        return 100000;
    }
}
