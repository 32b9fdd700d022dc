using System.Xml.Linq;
using Ari.Imaging;
using Ari.Plotting;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.Colormaps;
using Ari.Plotting.Figures;
using Ari.Plotting.Geometry;
using Ari.Plotting.StatMaps;
using Ari.Tests.TestSupport;
using SkiaSharp;
using static Ari.Tests.Plotting.PlotFixtures;

namespace Ari.Tests.Plotting;

/// <summary>The seed's two figures drawn over the template, checked pixel by pixel where the answer is known.</summary>
public class StatMapPlotTests
{
    private static readonly StatMapOptions TdpOptions = new()
    {
        Display = DisplayMode.Z, CutCoordinates = SeedCuts, Colormap = "inferno", Vmax = 1, Threshold = 0,
        Title = "proportion true positives",
    };

    private static readonly StatMapOptions ZOptions = new()
    {
        Display = DisplayMode.Z, CutCoordinates = SeedCuts, Threshold = 3.090232306167813, Title = "z (uncorrected p < 0.001)",
    };

    [Fact]
    public void TdpFigureHasNilearnsSizeAndColours()
    {
        var tdp = Tdp;
        var figure = StatMapPlot.Plot(tdp, Template, TdpOptions);
        using var png = Decode(figure.ToPng());
        using var nilearn = SKBitmap.Decode(TestPaths.NilearnReference("tdp.png"));
        Assert.Equal((nilearn.Width, nilearn.Height), (png.Width, png.Height));

        // Inside each cluster (3 x 3 neighbourhoods of one TDP value) the colour is exactly the one nilearn drew there.
        int compared = 0;
        foreach (var axes in figure.Layout.Axes)
            foreach (var (x, y, value) in AxialVoxels(tdp, axes.Cut.Coordinate, v => v[0] > 0 && v.All(w => w == v[0])))
            {
                var p = axes.ToPixel(x, y);
                Assert.True(Pixel(nilearn, p) == Pixel(png, p), $"{axes.Cut.Label} ({x}, {y}) = {value} at {p}: nilearn {Pixel(nilearn, p)}, Ari {Pixel(png, p)}");
                compared++;
            }
        Assert.True(compared > 20, $"only {compared} voxels compared");

        var cut57 = figure.Layout.Axes[5];
        Assert.Equal("z=57", cut57.Cut.Label);
        // a voxel with TDP 0 (not drawn, |v| <= threshold 0) over the brain: the template's grey shows through
        var brain = FindBrainPixel(png, cut57, tdp, 57);
        var (r, g, b) = Pixel(png, brain);
        Assert.True(r == g && g == b && r is > 60 and < 250, $"expected template grey at {brain}, got {(r, g, b)}");
        // outside the head: the white figure
        Assert.Equal((255, 255, 255), Pixel(png, cut57.ToPixel(90, -125)));
    }

    [Fact]
    public void ZFigureColoursMatchNilearnsWhereTheMapIsAboveThreshold()
    {
        var z = Z;
        double threshold = ZOptions.Threshold!.Value;
        var figure = StatMapPlot.Plot(z, Template, ZOptions);
        using var png = Decode(figure.ToPng());
        using var nilearn = SKBitmap.Decode(TestPaths.NilearnReference("z.png"));
        int compared = 0, same = 0;
        foreach (var axes in figure.Layout.Axes)
            foreach (var (x, y, _) in AxialVoxels(z, axes.Cut.Coordinate, v => v.All(w => Math.Abs(w) > threshold)))
            {
                var p = axes.ToPixel(x, y);
                compared++;
                if (Pixel(nilearn, p) == Pixel(png, p)) same++;
            }
        // nilearn stretches a map's voxels over the span of their centres (up to 1.5 mm off at the image edges),
        // so a few pixels at voxel centres may show a neighbour's colour there.
        Assert.True(compared > 100, $"only {compared} voxels compared");
        Assert.True(same >= 0.95 * compared, $"{same} of {compared} voxel centres drawn in nilearn's colour");
    }

    [Fact]
    public void TdpColorbarSpansZeroToOne()
    {
        var figure = StatMapPlot.Plot(Tdp, Template, TdpOptions);
        using var png = Decode(figure.ToPng());
        var bar = figure.Layout.Colorbar!.Value;
        var inferno = Colormap.Named("inferno");
        var top = Pixel(png, new SKPoint(bar.MidX, bar.Top + 3));
        var bottom = Pixel(png, new SKPoint(bar.MidX, bar.Bottom - 3));
        Assert.Equal((inferno[253].R, inferno[253].G, inferno[253].B), top, ColourClose);
        Assert.Equal((inferno[2].R, inferno[2].G, inferno[2].B), bottom, ColourClose);
        Assert.Equal(new[] { 0, 0.25, 0.5, 0.75, 1 }, figure.Colorbar!.Ticks);
        // tick labels left of the bar at its top ("1") and bottom ("0")
        Assert.True(HasInk(png, bar.Left - 40, bar.Top - 8, bar.Left - 4, bar.Top + 8));
        Assert.True(HasInk(png, bar.Left - 40, bar.Bottom - 8, bar.Left - 4, bar.Bottom + 8));
        Assert.False(HasInk(png, bar.Left - 40, bar.MidY + 20, bar.Left - 4, bar.MidY + 40));
    }

    [Fact]
    public void ZFigureLeavesAGapForThresholdedValues()
    {
        var z = Z;
        var figure = StatMapPlot.Plot(z, Template, ZOptions);
        using var png = Decode(figure.ToPng());
        var bar = figure.Layout.Colorbar!.Value;
        Assert.Equal((128, 128, 128), Pixel(png, new SKPoint(bar.MidX, bar.MidY)));
        Assert.Equal(new[] { "-5.6", "-3.1", "0", "3.1", "5.6" }, figure.Colorbar!.Ticks.Select(t => PrintfFormat.G(t)).ToArray());

        var cut45 = figure.Layout.Axes[4];
        // sub-threshold voxels in the brain are not drawn: the template's grey shows
        var (qx, qy) = FindAxialVoxel(z, 45, v => Math.Abs(v) is > 0.3 and < 2);
        var (r, g, b) = Pixel(png, cut45.ToPixel(qx, qy));
        Assert.True(r == g && g == b, $"sub-threshold voxel should show the template, got {(r, g, b)}");
    }

    [Fact]
    public void AnnotationsAreWhereNilearnPutsThem()
    {
        var figure = StatMapPlot.Plot(Tdp, Template, TdpOptions);
        using var png = Decode(figure.ToPng());
        foreach (var axes in figure.Layout.Axes)
        {
            var r = axes.Rect;
            float top = r.Top + 0.05f * r.Height;
            // "L" just right of 10 % of the width, "R" just left of 90 %, both 12 pt high from 5 % below the top
            Assert.True(HasInk(png, r.Left + 0.1f * r.Width, top, r.Left + 0.1f * r.Width + 12, top + 14), $"L of {axes.Cut.Label}");
            Assert.True(HasInk(png, r.Left + 0.9f * r.Width - 12, top, r.Left + 0.9f * r.Width, top + 14), $"R of {axes.Cut.Label}");
            // "z=NN" at the bottom left
            Assert.True(HasInk(png, r.Left, r.Bottom - 14, r.Left + 40, r.Bottom), $"label {axes.Cut.Label}");
        }
        // the title: white text on a black box at the top left
        Assert.Equal((0, 0, 0), Pixel(png, new SKPoint(12, 2)));
        Assert.True(HasInk(png, 16, 3, 270, 22, lightInk: true));
    }

    [Fact]
    public void LeftHemisphereIsOnTheLeft()
    {
        // a map with one bright block at x = -40 (left) drawn in the ortho display's axial view
        var grid = new ImageGrid(30, 36, 30, Affine.FromScaleAndOffset(-6, 6, 6, 87, -126, -72));
        var map = new Volume<double>(grid);
        var centre = grid.WorldToVoxel(new Point3(-40, -20, 30));
        for (int k = -1; k <= 1; k++)
            for (int j = -1; j <= 1; j++)
                for (int i = -1; i <= 1; i++)
                    map[(int)Math.Round(centre.X) + i, (int)Math.Round(centre.Y) + j, (int)Math.Round(centre.Z) + k] = 5;
        var figure = StatMapPlot.Plot(map, Template, new StatMapOptions { CutCoordinates = [-40, -20, 30], Colormap = "RdBu_r" });
        using var png = Decode(figure.ToPng());
        var axial = figure.Layout.Axes.Single(a => a.Cut.Axis == WorldAxis.Z);
        var spot = axial.ToPixel(-40, -20);
        Assert.True(spot.X < axial.Rect.MidX);
        var (r, g, b) = Pixel(png, spot + new SKPoint(3, 3));
        Assert.True(r > b + 50, $"expected RdBu_r's red at the left, got {(r, g, b)}");
        var mirror = Pixel(png, axial.ToPixel(40, -20) + new SKPoint(3, 3));
        Assert.True(mirror.R == mirror.G && mirror.G == mirror.B, "the right side shows only the template");
    }

    [Fact]
    public void AutomaticOrthoCutsAreNilearns()
    {
        var figure = StatMapPlot.Plot(Z, Template, new StatMapOptions { Threshold = 3 });
        Assert.Equal(new[] { "y=-22", "x=38", "z=58" }, figure.Layout.Axes.Select(a => a.Cut.Label).ToArray());
        Assert.Equal((730, 350), (figure.Width, figure.Height));
    }

    [Fact]
    public void MosaicHasThreeRows()
    {
        var figure = StatMapPlot.Plot(Z, Template, new StatMapOptions { Display = DisplayMode.Mosaic, CutCount = 4, Threshold = 3 });
        Assert.Equal(12, figure.Layout.Axes.Count);
        Assert.Equal(new[] { WorldAxis.Z, WorldAxis.X, WorldAxis.Y },
            figure.Layout.Axes.Select(a => a.Cut.Axis).Distinct().ToArray());
        using var png = Decode(figure.ToPng());
        Assert.Equal((figure.Width, figure.Height), (png.Width, png.Height));
    }

    [Fact]
    public void SvgIsValidXmlWithImagesAndTextOutlines()
    {
        var figure = StatMapPlot.Plot(Tdp, Template, TdpOptions);
        var svg = XDocument.Parse(figure.ToSvg());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal("1610", svg.Root.Attribute("width")!.Value);
        Assert.Equal("320", svg.Root.Attribute("height")!.Value);
        Assert.True(svg.Descendants(ns + "image").Count() >= 8); // seven cuts and the colorbar
        Assert.True(svg.Descendants(ns + "path").Count() > 20); // labels drawn as outlines
        Assert.Empty(svg.Descendants(ns + "text"));
    }

    [Fact]
    public void DarkBorderedAnatomyGetsABlackFigure()
    {
        // the template on a shifted grid is an ordinary anatomy: nilearn's rule gives a black figure (dark border)
        var t = Template.Image;
        var moved = new Volume<float>(new ImageGrid(t.Grid.Nx, t.Grid.Ny, t.Grid.Nz, t.Grid.Affine with { M03 = t.Grid.Affine.M03 + 1 }), t.Data);
        var anatomy = new BackgroundImage(moved, BackgroundKind.Anatomy);
        var figure = StatMapPlot.Plot(Tdp, anatomy, TdpOptions with { CutCoordinates = [45] });
        Assert.True(figure.BlackFigure);
        using var png = Decode(figure.ToPng());
        Assert.Equal((0, 0, 0), Pixel(png, new SKPoint(2, png.Height - 2)));
        Assert.True(HasInk(png, figure.Layout.Axes[0].Rect.Left, figure.Layout.Axes[0].Rect.Bottom - 14,
            figure.Layout.Axes[0].Rect.Left + 40, figure.Layout.Axes[0].Rect.Bottom, lightInk: true));
    }

    [Fact]
    public void SilhouetteBackgroundShowsTheMapsArea()
    {
        var tdp = Tdp;
        var figure = StatMapPlot.Plot(tdp, BackgroundImage.SilhouetteOf(Z), TdpOptions with { CutCoordinates = [57] });
        using var png = Decode(figure.ToPng());
        var axes = figure.Layout.Axes[0];
        var inside = FindBrainPixel(png, axes, tdp, 57);
        Assert.Equal((192, 192, 192), Pixel(png, inside)); // grey at 75 %: entry int(0.75 * 256) of matplotlib's gray
        Assert.Equal((255, 255, 255), Pixel(png, axes.ToPixel(90, -125)));
    }

    [Fact]
    public void CutOutsideTheImageIsAnError()
    {
        var e = Assert.Throws<CutOutsideImageException>(() => StatMapPlot.Plot(Tdp, Template, TdpOptions with { CutCoordinates = [-24, 200] }));
        Assert.Contains("z=200", e.Message);
        Assert.Contains("outside", e.Message);
    }

    [Fact]
    public void OrthoNeedsThreeCoordinates() =>
        Assert.Throws<AriException>(() => StatMapPlot.Plot(Tdp, Template, new StatMapOptions { CutCoordinates = [1, 2] }));

    [Fact]
    public void NonFiniteValuesAreDrawnAsZero()
    {
        var tdp = Tdp;
        var data = (double[])tdp.Data.Clone();
        data[0] = double.NaN;
        data[1] = double.PositiveInfinity;
        var figure = StatMapPlot.Plot(new Volume<double>(tdp.Grid, data), Template, TdpOptions);
        Assert.Equal(1.0, figure.Colorbar!.Maximum);
    }

    private static readonly IEqualityComparer<(byte, byte, byte)> ColourClose = EqualityComparer<(byte, byte, byte)>.Create(
        (a, b) => Math.Abs(a.Item1 - b.Item1) <= 6 && Math.Abs(a.Item2 - b.Item2) <= 6 && Math.Abs(a.Item3 - b.Item3) <= 6, _ => 0);

    /// <summary>A pixel of a cut over the brain where the map is 0 all around: the middle of the head, searched outward.</summary>
    private static SKPoint FindBrainPixel(SKBitmap png, CutAxes axes, Volume<double> map, double z)
    {
        var g = map.Grid;
        int k = (int)Math.Round(g.WorldToVoxel(new Point3(0, 0, z)).Z);
        for (double y = -20; y <= 40; y += 3)
            for (double x = -30; x <= 30; x += 3)
            {
                var v = g.WorldToVoxel(new Point3(x, y, z));
                int i = (int)Math.Round(v.X), j = (int)Math.Round(v.Y);
                bool zero = true;
                for (int dj = -1; dj <= 1; dj++)
                    for (int di = -1; di <= 1; di++)
                        zero &= map[i + di, j + dj, k] == 0;
                var p = axes.ToPixel(x, y);
                var c = png.GetPixel((int)p.X, (int)p.Y);
                if (zero && !(c.Red == 255 && c.Green == 255 && c.Blue == 255)) return p;
            }
        throw new InvalidOperationException("no brain pixel found");
    }
}
