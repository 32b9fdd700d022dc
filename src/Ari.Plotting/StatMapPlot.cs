using Ari.Imaging;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.Colormaps;
using Ari.Plotting.CutCoordinates;
using Ari.Plotting.Figures;
using Ari.Plotting.Geometry;
using Ari.Plotting.StatMaps;

namespace Ari.Plotting;

/// <summary>
/// nilearn's plot_stat_map: a statistical map over an anatomical background, cut along x, y and/or z at world
/// coordinates, thresholded, with a colorbar, L/R labels and the cut positions. The map is resampled onto the
/// background's grid (nearest neighbour unless asked otherwise) one cut at a time.
/// </summary>
public static class StatMapPlot
{
    private const int DefaultCutCount = 7;

    /// <summary>Draws <paramref name="statMap"/> over <paramref name="background"/>.</summary>
    /// <param name="statMap">The map to show (non-finite values are drawn as 0).</param>
    /// <param name="background">The anatomy to draw it over, or null for none (a white figure).</param>
    /// <param name="options">What to show; nilearn's defaults.</param>
    public static StatMapFigure Plot(Volume<double> statMap, BackgroundImage? background, StatMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(statMap);
        options ??= new StatMapOptions();
        var colormap = Colormap.Named(options.Colormap);
        if (options.Threshold is { } t && !(t >= 0 && double.IsFinite(t)))
            throw new AriException($"the threshold must be a finite number of zero or more, got {t}");

        var stat = Finite(statMap);
        double dataMin = double.PositiveInfinity, dataMax = double.NegativeInfinity;
        foreach (double v in stat.Data)
        {
            if (v < dataMin) dataMin = v;
            if (v > dataMax) dataMax = v;
        }
        var range = ColorRange.Choose(dataMin, dataMax, options.Vmin, options.Vmax, options.SymmetricColorbar);
        if (range.Vmin > range.Vmax)
            throw new AriException($"vmin ({range.Vmin:G6}) is above vmax ({range.Vmax:G6})");

        var interpolation = options.LinearResampling ? Interpolation.Linear : Interpolation.Nearest;
        var statAligned = AxisAlignment.Align(stat, interpolation);
        var statGrid = OrientedGrid.TryCreate(statAligned.Grid)!;

        BackgroundStyle? style = null;
        Volume<float>? backgroundImage = null;
        if (background is not null)
        {
            backgroundImage = AlignBackground(background.Image);
            style = BackgroundStyle.For(background.Image.Grid.Matches(backgroundImage.Grid) ? background : new BackgroundImage(backgroundImage, background.Kind), options.BlackBackground, options.Dim);
        }
        var displayGrid = backgroundImage is null ? statGrid : OrientedGrid.TryCreate(backgroundImage.Grid)!;

        var cuts = ChooseCuts(statAligned, statGrid, displayGrid, options);
        var layout = FigureLayout.Create(options.Display, cuts, displayGrid.Bounds, options.Colorbar, options.Dpi);

        var overlay = new OverlayColors(colormap, range, options.Threshold);
        var gray = Colormap.Named("gray").ToArgb();
        var images = new CutImage[layout.Axes.Count];
        for (int n = 0; n < images.Length; n++)
        {
            var cut = layout.Axes[n].Cut;
            int index = Math.Clamp(displayGrid.NearestIndex(cut.Axis, cut.Coordinate), 0, displayGrid.Count(cut.Axis) - 1);
            double[] statSlice;
            int width, height;
            if (ReferenceEquals(displayGrid, statGrid) || statAligned.Grid.Matches(displayGrid.Grid))
                statSlice = statGrid.Slice<double>(statAligned.Data, cut.Axis, index, out width, out height);
            else
            {
                // nilearn takes the stat map's own voxel nearest to the cut (np.round in its grid), then draws it over
                // the background's cut: the one-voxel-thick cut grid is moved to that voxel's plane before resampling.
                int statIndex = StatSliceIndex(statGrid, cut.Axis, cut.Coordinate);
                var cutGrid = AtPlane(displayGrid.CutGrid(cut.Axis, index), cut.Axis, statGrid.World(cut.Axis, statIndex));
                var sampled = Resampling.Resample(statAligned, cutGrid, interpolation);
                statSlice = OrientedGrid.TryCreate(cutGrid)!.Slice<double>(sampled.Data, cut.Axis, 0, out width, out height);
            }
            var argb = new uint[width * height];
            if (backgroundImage is not null && style is not null)
            {
                var bg = displayGrid.Slice<float>(backgroundImage.Data, cut.Axis, index, out _, out _);
                byte[]? hidden = style.Hidden is null ? null : displayGrid.Slice<byte>(style.Hidden, cut.Axis, index, out _, out _);
                double scale = style.GrayMax > style.GrayMin ? 1.0 / (style.GrayMax - style.GrayMin) : 0;
                for (int p = 0; p < argb.Length; p++)
                    if (hidden is null || BackgroundStyle.IsDrawn(hidden[p]))
                        argb[p] = gray[Colormap.IndexOf((bg[p] - style.GrayMin) * scale)];
            }
            for (int p = 0; p < argb.Length; p++)
            {
                uint color = overlay.ColorOf(statSlice[p]);
                if (color != 0) argb[p] = color;
            }
            var (h, v) = cut.Axis.ScreenAxes();
            images[n] = new CutImage(width, height, argb,
                displayGrid.World(h, 0), displayGrid.Step(h), displayGrid.World(v, displayGrid.Count(v) - 1), displayGrid.Step(v));
        }

        ColorbarSpec? colorbar = null;
        if (options.Colorbar && range.ColorbarMin != range.ColorbarMax)
            colorbar = new ColorbarSpec(colormap, range.Vmin, range.Vmax, range.ColorbarMin, range.ColorbarMax, options.Threshold,
                ColorbarTicks.Compute(range.ColorbarMin, range.ColorbarMax, options.Threshold));
        bool black = style?.BlackFigure ?? options.BlackBackground ?? false;
        return new StatMapFigure(layout, images, colorbar, options.Title, black, options.Annotate,
            options.DrawCross && options.Display == DisplayMode.Ortho);
    }

    /// <summary>
    /// The colour each value gets in a figure of a map whose finite values span <paramref name="dataMin"/> to
    /// <paramref name="dataMax"/> drawn with <paramref name="options"/> (colormap, colour range, threshold): packed
    /// 0xAARRGGBB, 0 where the value is not drawn. For other renderings of the same map (the report's viewer).
    /// </summary>
    public static uint[] ColorsOf(double dataMin, double dataMax, StatMapOptions options, ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(options);
        var range = ColorRange.Choose(dataMin, dataMax, options.Vmin, options.Vmax, options.SymmetricColorbar);
        var overlay = new OverlayColors(Colormap.Named(options.Colormap), range, options.Threshold);
        var colors = new uint[values.Length];
        for (int i = 0; i < values.Length; i++) colors[i] = overlay.ColorOf(values[i]);
        return colors;
    }

    /// <summary>The cuts in display order: given ones checked against both images, or found as nilearn finds them.</summary>
    private static List<Cut> ChooseCuts(Volume<double> stat, OrientedGrid statGrid, OrientedGrid displayGrid, StatMapOptions options)
    {
        var given = options.CutCoordinates;
        var cuts = new List<Cut>();
        switch (options.Display)
        {
            case DisplayMode.Ortho:
            {
                if (options.CutCount is not null)
                    throw AriException.For("cutCoords", "the ortho display has exactly three cuts; give x,y,z instead of a number of cuts");
                Point3 point;
                if (given is null) point = XyzCutFinder.Find(stat, options.Threshold);
                else if (given.Count != 3)
                    throw new AriException($"the ortho display needs three cut coordinates (x,y,z in mm), got {given.Count}");
                else point = new Point3(given[0], given[1], given[2]);
                cuts.Add(new Cut(WorldAxis.Y, point.Y));
                cuts.Add(new Cut(WorldAxis.X, point.X));
                cuts.Add(new Cut(WorldAxis.Z, point.Z));
                break;
            }
            case DisplayMode.Mosaic:
            {
                if (given is not null)
                    throw new AriException("the mosaic display places its cuts itself; give a number of cuts per direction instead of cut coordinates");
                int count = CheckCount(options.CutCount ?? DefaultCutCount);
                foreach (var axis in new[] { WorldAxis.Z, WorldAxis.X, WorldAxis.Y })
                    cuts.AddRange(CutSliceFinder.Find(stat, axis, count).Select(c => new Cut(axis, c)));
                break;
            }
            default:
            {
                var axis = options.Display switch { DisplayMode.X => WorldAxis.X, DisplayMode.Y => WorldAxis.Y, _ => WorldAxis.Z };
                if (given is not null && options.CutCount is not null && options.CutCount != given.Count)
                    throw new AriException($"{given.Count} cut coordinates were given but {options.CutCount} cuts asked for");
                if (given is not null && given.Count == 0)
                    throw new AriException("no cut coordinates given");
                var positions = given ?? CutSliceFinder.Find(stat, axis, CheckCount(options.CutCount ?? DefaultCutCount));
                cuts.AddRange(positions.Select(c => new Cut(axis, c)));
                break;
            }
        }
        if (given is not null)
            foreach (var cut in cuts)
            {
                foreach (var (grid, what) in new[] { (statGrid, "the stat map"), (displayGrid, "the background") })
                    if (!grid.Covers(cut.Axis, cut.Coordinate))
                    {
                        var (lo, hi) = grid.Bounds(cut.Axis);
                        throw new CutOutsideImageException(FormattableString.Invariant(
                            $"cut {cut.Axis.Letter()}={cut.Coordinate:G6} mm is outside {what} ({cut.Axis.Letter()} from {lo:G6} to {hi:G6} mm)"));
                    }
            }
        return cuts;
    }

    /// <summary>
    /// The stat map's slice nilearn draws for a cut: its own voxel nearest to the cut (numpy's round, half to even, in the
    /// reordered grid), clamped to the image; a display index of <paramref name="statGrid"/>.
    /// </summary>
    internal static int StatSliceIndex(OrientedGrid statGrid, WorldAxis axis, double coordinate)
    {
        // As numpy's inverse affine computes it (coordinate / step + offset), so that ties fall as in nilearn.
        double inverse = 1.0 / statGrid.Step(axis);
        double voxel = coordinate * inverse + -statGrid.World(axis, 0) / statGrid.Step(axis);
        return Math.Clamp((int)Math.Round(voxel, MidpointRounding.ToEven), 0, statGrid.Count(axis) - 1);
    }

    /// <summary>A one-voxel-thick, axis-aligned cut grid moved along <paramref name="axis"/> to world coordinate <paramref name="world"/>.</summary>
    private static ImageGrid AtPlane(ImageGrid cutGrid, WorldAxis axis, double world)
    {
        var a = cutGrid.Affine;
        var moved = axis switch
        {
            WorldAxis.X => a with { M03 = world },
            WorldAxis.Y => a with { M13 = world },
            _ => a with { M23 = world },
        };
        return new ImageGrid(cutGrid.Nx, cutGrid.Ny, cutGrid.Nz, moved);
    }

    private static int CheckCount(int count) =>
        count is >= 1 and <= 100 ? count : throw new AriException($"the number of cuts must be between 1 and 100, got {count}");

    private static Volume<double> Finite(Volume<double> map) => NonFinite.Zeroed(map);

    private static Volume<float> AlignBackground(Volume<float> image)
    {
        if (OrientedGrid.TryCreate(image.Grid) is not null) return image;
        var asDouble = new Volume<double>(image.Grid, image.Data.Select(v => (double)v).ToArray());
        var aligned = AxisAlignment.Align(asDouble, Interpolation.Linear);
        return new Volume<float>(aligned.Grid, aligned.Data.Select(v => (float)v).ToArray());
    }
}
