using SkiaSharp;

namespace Ari.Plotting.Figures;

internal enum HorizontalAlignment { Left, Right }

internal enum VerticalAlignment { Top, Bottom, CenterBaseline }

/// <summary>
/// Draws text placed the way matplotlib places it: the anchor is aligned with the ink of the text horizontally,
/// and with a line box as tall as "lp" (ascender to descender) vertically; an optional filled box with padding
/// goes behind it (matplotlib's bbox). For SVG output the text is drawn as outlines, so no font is needed to view it.
/// </summary>
internal sealed class TextPainter(bool outlines)
{
    /// <summary>The text's box (before padding) and the baseline origin to draw it at.</summary>
    public static (SKRect Box, SKPoint Origin) Place(SKFont font, string text, float x, float y, HorizontalAlignment ha, VerticalAlignment va)
    {
        font.MeasureText(text, out SKRect ink);
        font.MeasureText("lp", out SKRect lp);
        float ascent = Math.Max(-ink.Top, -lp.Top), descent = Math.Max(ink.Bottom, lp.Bottom);
        float baseline = va switch
        {
            VerticalAlignment.Top => y + ascent,
            VerticalAlignment.Bottom => y - descent,
            _ => y + 0.5f * ascent,
        };
        float originX = ha == HorizontalAlignment.Left ? x - ink.Left : x - ink.Right;
        var box = new SKRect(originX + ink.Left, baseline - ascent, originX + ink.Right, baseline + descent);
        return (box, new SKPoint(originX, baseline));
    }

    public SKRect Draw(SKCanvas canvas, SKFont font, string text, float x, float y, HorizontalAlignment ha, VerticalAlignment va,
        SKColor color, SKColor? boxColor = null, float pad = 0)
    {
        var (box, origin) = Place(font, text, x, y, ha, va);
        var padded = new SKRect(box.Left - pad, box.Top - pad, box.Right + pad, box.Bottom + pad);
        if (boxColor is { } fill)
        {
            using var boxPaint = new SKPaint { Color = fill, IsAntialias = true, Style = SKPaintStyle.Fill };
            canvas.DrawRect(padded, boxPaint);
        }
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        if (outlines)
        {
            using var path = font.GetTextPath(text, origin);
            canvas.DrawPath(path, paint);
        }
        else
            canvas.DrawText(text, origin.X, origin.Y, SKTextAlign.Left, font, paint);
        return padded;
    }
}
