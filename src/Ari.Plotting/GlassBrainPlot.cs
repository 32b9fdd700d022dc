using Ari.Imaging;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.Colormaps;
using Ari.Plotting.Figures;
using Ari.Plotting.Geometry;
using Ari.Plotting.Glass;
using Ari.Plotting.StatMaps;

namespace Ari.Plotting;

/// <summary>
/// nilearn's plot_glass_brain: maximum-intensity projections of a statistical map through a transparent brain, in one
/// of nilearn's layouts, with the same colour, threshold and colorbar rules. The brain's outline is Ari's own: the
/// contour of the projection of the anatomy's brain mask (voxels above 20 % of its maximum, nilearn's
/// load_mni152_brain_mask rule) with light contours of the mean intensity through the brain, instead of nilearn's
/// hand-drawn schematics.
/// </summary>
public static class GlassBrainPlot
{
    /// <summary>Projects <paramref name="statMap"/> through a glass brain.</summary>
    /// <param name="statMap">The map to project (non-finite values count as 0).</param>
    /// <param name="anatomy">The image the brain outline is drawn from (the MNI template), or null for no outline.</param>
    /// <param name="options">What to show; nilearn's defaults.</param>
    public static StatMapFigure Plot(Volume<double> statMap, BackgroundImage? anatomy, GlassBrainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(statMap);
        options ??= new GlassBrainOptions();
        var views = GlassLayouts.Views(options.Layout);
        if (options.Threshold is { } t && !(t >= 0 && double.IsFinite(t)))
            throw AriException.For("threshold", $"the threshold must be a finite number of zero or more, got {t}");

        var stat = AxisAlignment.Align(NonFinite.Zeroed(statMap), Interpolation.Linear);
        var statGrid = OrientedGrid.TryCreate(stat.Grid)!;
        double dataMin = double.PositiveInfinity, dataMax = double.NegativeInfinity;
        foreach (double v in stat.Data)
        {
            if (v < dataMin) dataMin = v;
            if (v > dataMax) dataMax = v;
        }
        double threshold = options.Threshold ?? AutoThreshold(stat.Data);
        // nilearn: plot_abs forces the data minimum to 0 for the colour range (the maximum stays the signed maximum).
        var range = ColorRange.Choose(options.PlotAbsolute ? 0 : dataMin, dataMax, options.Vmin, options.Vmax, options.SymmetricColorbar);
        if (range.Vmin > range.Vmax)
            throw AriException.For("vmin", $"vmin ({range.Vmin:G6}) is above vmax ({range.Vmax:G6})");
        var colormap = ChooseColormap(options);

        var outlines = anatomy is null ? null : Outlines.GetValue(anatomy, _ => new AnatomyOutlines(anatomy));

        var overlay = new OverlayColors(colormap, range, threshold);
        var panels = new List<PanelLimits>();
        var images = new List<CutImage>();
        var panelOutlines = new List<PanelOutline?>();
        foreach (var view in views)
        {
            var along = view.Along();
            var (h, v) = along.ScreenAxes();
            var projection = MaximumIntensityProjection.Project(stat.Data, statGrid, view, options.PlotAbsolute, out int width, out int height);
            var argb = new uint[projection.Length];
            for (int p = 0; p < argb.Length; p++) argb[p] = overlay.ColorOf(projection[p]);
            images.Add(new CutImage(width, height, argb, statGrid.World(h, 0), statGrid.Step(h), statGrid.World(v, height - 1), statGrid.Step(v)));

            var (hMin, hMax) = statGrid.Bounds(h);
            var (vMin, vMax) = statGrid.Bounds(v);
            PanelOutline? panelOutline = null;
            if (outlines?.For(view) is { } outline)
            {
                if (outline.Outer.Count > 0)
                {
                    hMin = Math.Min(hMin, outline.HorizontalMin); hMax = Math.Max(hMax, outline.HorizontalMax);
                    vMin = Math.Min(vMin, outline.VerticalMin); vMax = Math.Max(vMax, outline.VerticalMax);
                    panelOutline = new PanelOutline(
                        outline.Outer.Select(s => (s.X0, s.Y0, s.X1, s.Y1)).ToArray(),
                        outline.Inner.Select(s => (s.X0, s.Y0, s.X1, s.Y1)).ToArray());
                }
            }
            panelOutlines.Add(panelOutline);
            panels.Add(view.HorizontalInverted()
                ? new PanelLimits(new Cut(along, 0), hMax, hMin, vMin, vMax)
                : new PanelLimits(new Cut(along, 0), hMin, hMax, vMin, vMax));
        }

        var layout = FigureLayout.CreateRow(panels, GlassLayouts.FigureSize(options.Layout), options.Colorbar, options.Dpi);
        ColorbarSpec? colorbar = null;
        if (options.Colorbar && range.ColorbarMin != range.ColorbarMax)
            colorbar = new ColorbarSpec(colormap, range.Vmin, range.Vmax, range.ColorbarMin, range.ColorbarMax, threshold,
                ColorbarTicks.Compute(range.ColorbarMin, range.ColorbarMax, threshold));
        return new StatMapFigure(layout, images, colorbar, options.Title, options.BlackBackground, options.Annotate, drawCross: false)
        {
            Outlines = panelOutlines,
            CutLabels = false,
        };
    }

    /// <summary>Each anatomy's outlines, computed once per view (a report draws several glass brains over one template).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BackgroundImage, AnatomyOutlines> Outlines = new();

    /// <summary>
    /// An anatomy brought to an axis-aligned grid of voxels no smaller than 2 mm (linear resampling; the outline is
    /// smoothed at that scale anyway), and its outline per view.
    /// </summary>
    private sealed class AnatomyOutlines(BackgroundImage anatomy)
    {
        private readonly Lazy<(float[] Data, OrientedGrid? Grid)> _image = new(() => Prepare(anatomy.Image));
        private readonly System.Collections.Concurrent.ConcurrentDictionary<GlassView, BrainOutline?> _views = new();

        public BrainOutline? For(GlassView view) => _views.GetOrAdd(view, v =>
            _image.Value.Grid is { } grid ? BrainOutline.For(_image.Value.Data, grid, v) : null);

        private static (float[], OrientedGrid?) Prepare(Volume<float> image)
        {
            var values = new double[image.Data.Length];
            for (int i = 0; i < values.Length; i++) values[i] = image.Data[i];
            var volume = AxisAlignment.Align(new Volume<double>(image.Grid, values), Interpolation.Linear);
            var (sx, sy, sz) = volume.Grid.VoxelSizes;
            if (Math.Min(sx, Math.Min(sy, sz)) < 2)
                volume = Resampling.Resample(volume, Coarser(volume.Grid, 2), Interpolation.Linear);
            var data = new float[volume.Data.Length];
            for (int i = 0; i < data.Length; i++) data[i] = (float)volume.Data[i];
            return (data, OrientedGrid.TryCreate(volume.Grid));
        }

        /// <summary>The same box with voxels of at least <paramref name="size"/> mm (same axis directions).</summary>
        private static ImageGrid Coarser(ImageGrid grid, double size)
        {
            var (sx, sy, sz) = grid.VoxelSizes;
            double fx = Math.Max(1, size / sx), fy = Math.Max(1, size / sy), fz = Math.Max(1, size / sz);
            int nx = (int)Math.Floor((grid.Nx - 1) / fx) + 1, ny = (int)Math.Floor((grid.Ny - 1) / fy) + 1, nz = (int)Math.Floor((grid.Nz - 1) / fz) + 1;
            var a = grid.Affine;
            return new ImageGrid(nx, ny, nz, a with
            {
                M00 = a.M00 * fx, M10 = a.M10 * fx, M20 = a.M20 * fx,
                M01 = a.M01 * fy, M11 = a.M11 * fy, M21 = a.M21 * fy,
                M02 = a.M02 * fz, M12 = a.M12 * fz, M22 = a.M22 * fz,
            });
        }
    }

    /// <summary>nilearn's threshold='auto': fast_abs_percentile(data, 80) - 1e-5 (the element at index
    /// int(0.8 n) of the sorted |v|, all voxels counted).</summary>
    internal static double AutoThreshold(double[] data)
    {
        var magnitudes = new double[data.Length];
        for (int i = 0; i < data.Length; i++) magnitudes[i] = Math.Abs(data[i]);
        int index = Math.Min((int)(data.Length * 0.01 * 80), data.Length - 1);
        Array.Sort(magnitudes);
        return magnitudes[index] - 1e-5;
    }

    /// <summary>The colormap as nilearn picks it: the named one as it is; by default cold_white_hot on white, cold_hot on
    /// black, its upper half resampled to 256 entries when projecting absolute values.</summary>
    internal static Colormap ChooseColormap(GlassBrainOptions options)
    {
        if (options.Colormap is { } name) return Colormap.Named(name);
        var colormap = Colormap.Named(options.BlackBackground ? "cold_hot" : "cold_white_hot");
        return options.PlotAbsolute ? colormap.UpperHalf() : colormap;
    }
}
