using SkiaSharp;

namespace Ari.Plotting.Fonts;

/// <summary>
/// DejaVu Sans, embedded in this assembly (never the machine's default font), so that figures look the same
/// everywhere and like matplotlib's, whose default font it is.
/// </summary>
internal static class FigureFont
{
    private const string ResourceName = "Ari.Plotting.Fonts.DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> Regular = new(() =>
    {
        using var stream = typeof(FigureFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded font {ResourceName} is missing from {typeof(FigureFont).Assembly.GetName().Name}");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"the embedded font {ResourceName} could not be loaded");
    });

    /// <summary>The regular DejaVu Sans typeface.</summary>
    public static SKTypeface Typeface => Regular.Value;

    /// <summary>A font of <paramref name="points"/> points at <paramref name="dpi"/> dots per inch, antialiased.</summary>
    public static SKFont Create(double points, double dpi = 100) => new(Typeface, (float)(points * dpi / 72.0))
    {
        Edging = SKFontEdging.Antialias,
        Hinting = SKFontHinting.Slight,
        Subpixel = true,
    };
}
