namespace Ari.Plotting.StatMaps;

/// <summary>
/// The value range the colormap spans (<see cref="Vmin"/>..<see cref="Vmax"/>) and the range the colorbar shows
/// (<see cref="ColorbarMin"/>..<see cref="ColorbarMax"/>), chosen as nilearn 0.10.3's plot_stat_map chooses them
/// (get_colorbar_and_data_ranges): a signed map gets a symmetric range by default; a map that is all positive
/// shows its colorbar from 0.
/// </summary>
internal readonly record struct ColorRange(double Vmin, double Vmax, double ColorbarMin, double ColorbarMax, bool Symmetric)
{
    /// <param name="dataMin">Smallest finite value of the map (non-finite values count as 0, as nilearn plots them).</param>
    /// <param name="dataMax">Largest finite value.</param>
    /// <param name="vmin">Requested lower end, or null.</param>
    /// <param name="vmax">Requested upper end, or null.</param>
    /// <param name="symmetric">Symmetric colorbar: true, false, or null for automatic (signed map, or vmin = -vmax).</param>
    public static ColorRange Choose(double dataMin, double dataMax, double? vmin, double? vmax, bool? symmetric)
    {
        if (vmin is { } a && !double.IsFinite(a)) vmin = null;
        if (vmax is { } b && !double.IsFinite(b)) vmax = null;
        bool isSymmetric = symmetric ?? (vmin is null || vmax is null
            ? dataMin < 0 && dataMax > 0
            : IsClose(vmin.Value, -vmax.Value));

        double? cbarMin, cbarMax;
        if (isSymmetric)
        {
            if (vmin is null && vmax is null)
            {
                vmax = Math.Max(-dataMin, dataMax);
                vmin = -vmax;
            }
            else if (vmin is null) vmin = -vmax;
            else if (vmax is null) vmax = -vmin;
            else if (!IsClose(vmin.Value, -vmax.Value))
                throw new AriException("vmin must equal -vmax when the colorbar is symmetric");
            cbarMin = vmin;
            cbarMax = vmax;
        }
        else if (dataMin >= 0)
        {
            cbarMin = vmin ?? 0;
            cbarMax = vmax;
        }
        else if (dataMax <= 0)
        {
            cbarMax = vmax ?? 0;
            cbarMin = vmin;
        }
        else
        {
            cbarMin = vmin;
            cbarMax = vmax;
        }
        double lo = vmin ?? dataMin, hi = vmax ?? dataMax;
        return new ColorRange(lo, hi, cbarMin ?? lo, cbarMax ?? hi, isSymmetric);
    }

    /// <summary>numpy.isclose with its default tolerances.</summary>
    private static bool IsClose(double a, double b) => Math.Abs(a - b) <= 1e-8 + 1e-5 * Math.Abs(b);
}
