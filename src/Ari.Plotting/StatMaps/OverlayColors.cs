using Ari.Plotting.Colormaps;

namespace Ari.Plotting.StatMaps;

/// <summary>
/// The colour of a stat-map value, as nilearn draws it: transparent (0) when |v| &lt;= threshold (and, as nilearn's
/// _threshold does, below vmin or above vmax when those sit inside the threshold), else the colormap at
/// (v - vmin) / (vmax - vmin), clipped to the colormap's ends.
/// </summary>
internal sealed class OverlayColors
{
    private readonly uint[] _argb;
    private readonly double _vmin, _scale;
    private readonly double? _threshold;
    private readonly bool _maskBelowVmin, _maskAboveVmax;
    private readonly double _vmax;

    public OverlayColors(Colormap colormap, ColorRange range, double? threshold)
    {
        _argb = colormap.ToArgb();
        _vmin = range.Vmin;
        _vmax = range.Vmax;
        _scale = range.Vmax > range.Vmin ? 1.0 / (range.Vmax - range.Vmin) : 0;
        _threshold = threshold;
        if (threshold is { } t)
        {
            _maskBelowVmin = range.Vmin >= -t;
            _maskAboveVmax = range.Vmax <= t;
        }
    }

    /// <summary>Packed 0xAARRGGBB, or 0 when the value is not drawn.</summary>
    public uint ColorOf(double value)
    {
        if (_threshold is { } t)
        {
            if (Math.Abs(value) <= t) return 0;
            if (_maskBelowVmin && value < _vmin) return 0;
            if (_maskAboveVmax && value > _vmax) return 0;
        }
        return _argb[Colormap.IndexOf((value - _vmin) * _scale)];
    }
}
