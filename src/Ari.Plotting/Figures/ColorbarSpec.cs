using Ari.Plotting.Colormaps;
using SkiaSharp;

namespace Ari.Plotting.Figures;

/// <summary>
/// A vertical colorbar as nilearn draws it: 255 bands from <see cref="Minimum"/> to <see cref="Maximum"/>, each
/// coloured by the map's colormap and colour range, the bands of thresholded values left grey (a gap), ticks on the
/// left labelled "%.2g".
/// </summary>
internal sealed record ColorbarSpec(Colormap Colormap, double Vmin, double Vmax, double Minimum, double Maximum, double? Threshold, double[] Ticks)
{
    /// <summary>The grey nilearn shows through the gap (its brain_color, 0.5).</summary>
    public static readonly SKColor GapColor = new(128, 128, 128);

    private const int Bands = 255;

    /// <summary>Colour of each of the 255 bands, bottom first.</summary>
    public SKColor[] BandColors()
    {
        double offset = Math.Min(Threshold ?? 0, Vmax);
        int gapStart = (int)(Clip01(Normalize(-offset)) * (Colormap.Size - 1));
        int gapStop = (int)(Clip01(Normalize(offset)) * (Colormap.Size - 1));
        var boundaries = StatMaps.ColorbarTicks.Linspace(Minimum, Maximum, Bands + 1);
        var colors = new SKColor[Bands];
        for (int k = 0; k < Bands; k++)
        {
            int index = Colormap.IndexOf(Normalize(0.5 * (boundaries[k] + boundaries[k + 1])));
            if (index >= gapStart && index < gapStop) colors[k] = GapColor;
            else
            {
                var c = Colormap[index];
                colors[k] = new SKColor(c.R, c.G, c.B);
            }
        }
        return colors;
    }

    private double Normalize(double value) => Vmax == Vmin ? 0 : (value - Vmin) / (Vmax - Vmin);

    private static double Clip01(double x) => Math.Clamp(x, 0, 1);
}
