using Ari.Imaging;

namespace Ari.Plotting.Backgrounds;

/// <summary>
/// How the background is painted, decided as nilearn 0.10.3's load_anat decides it: the grey range (dimmed so that
/// colours stand out), whether the figure is black, and which voxels are drawn at all.
/// </summary>
/// <param name="GrayMin">The value drawn black by the grey colormap.</param>
/// <param name="GrayMax">The value drawn white.</param>
/// <param name="BlackFigure">Black figure, white text (nilearn's black_bg).</param>
/// <param name="Hidden">Per voxel (x fastest), <see cref="HoleFilling.Outside"/> where nothing is drawn (the figure
/// shows through); null when every voxel is drawn.</param>
internal sealed record BackgroundStyle(double GrayMin, double GrayMax, bool BlackFigure, byte[]? Hidden)
{

    public static bool IsDrawn(byte hidden) => hidden != HoleFilling.Outside;

    /// <param name="background">The image.</param>
    /// <param name="blackFigure">Force a black (true) or white (false) figure; null decides as nilearn does.</param>
    /// <param name="dim">Dimming in [-2, 2] as nilearn's dim (positive dims more); null for nilearn's automatic value.</param>
    public static BackgroundStyle For(BackgroundImage background, bool? blackFigure = null, double? dim = null)
    {
        var data = background.Image.Data;
        switch (background.Kind)
        {
            case BackgroundKind.Template:
            {
                // nilearn masks its template outside binary_fill_holes(data > eps).
                var state = new byte[data.Length];
                float max = 0;
                for (int i = 0; i < data.Length; i++)
                {
                    float v = data[i];
                    if (v > 2.220446049250313e-16f) state[i] = HoleFilling.Foreground;
                    if (v > max) max = v;
                }
                HoleFilling.FloodOutside(background.Image.Grid, state);
                bool black = blackFigure ?? false;
                var (lo, hi) = Dimmed(0, max, black, dim);
                return new BackgroundStyle(lo, hi, black, state);
            }
            case BackgroundKind.Silhouette:
            {
                var hidden = new byte[data.Length];
                for (int i = 0; i < data.Length; i++) hidden[i] = data[i] != 0 ? HoleFilling.Foreground : HoleFilling.Outside;
                // A flat light grey (value 1 drawn at 75 % grey) that colours stand out on.
                return new BackgroundStyle(-2, 2, blackFigure ?? false, hidden);
            }
            default:
            {
                double min = double.PositiveInfinity, max = double.NegativeInfinity;
                foreach (float v in data)
                {
                    if (v < min) min = v;
                    if (v > max) max = v;
                }
                bool black = blackFigure ?? !(ImageBorder.Median(ImageBorder.Values<float>(background.Image.Grid, data, 2)) > 0.5 * (min + max));
                var (lo, hi) = Dimmed(min, max, black, dim);
                return new BackgroundStyle(lo, hi, black, null);
            }
        }
    }

    /// <summary>nilearn's dimming: on a white figure the grey range starts below the data, on a black one it ends above.</summary>
    private static (double Lo, double Hi) Dimmed(double vmin, double vmax, bool black, double? dim)
    {
        if (dim == 0) return (vmin, vmax);
        double vmean = 0.5 * (vmin + vmax), ptp = 0.5 * (vmax - vmin);
        if (black) return (vmin, vmean + (1 + (dim ?? 0.8)) * ptp);
        double d = dim ?? 0.6;
        return (0.5 * (2 - d) * vmean - (1 + d) * ptp, vmax);
    }
}
