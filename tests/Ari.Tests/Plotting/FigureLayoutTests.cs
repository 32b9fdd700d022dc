using Ari.Plotting.Figures;
using Ari.Plotting.Geometry;
using Ari.Plotting.StatMaps;

namespace Ari.Tests.Plotting;

/// <summary>Placement against matplotlib's axes positions in nilearn 0.10.3's figures (figure fractions read from
/// ax.get_position() after drawing the reference figures; nilearn run by hand).</summary>
public class FigureLayoutTests
{
    private static (double, double) Bounds(WorldAxis axis) => axis switch
    {
        WorldAxis.X => (-98, 98),
        WorldAxis.Y => (-134, 98),
        _ => (-72, 116),
    };

    /// <summary>Fractions of the nominal figure size (inches x dpi), y up, against pixels of the truncated canvas, y down.</summary>
    private static void AssertFraction(SKRectF actual, double nominalWidth, double nominalHeight, double x, double y, double w, double h)
    {
        int canvasHeight = (int)nominalHeight;
        Assert.Equal(x * nominalWidth, actual.Left, 0.01);
        Assert.Equal(w * nominalWidth, actual.Width, 0.01);
        Assert.Equal(canvasHeight - (y + h) * nominalHeight, actual.Top, 0.01);
        Assert.Equal(h * nominalHeight, actual.Height, 0.01);
    }

    [Fact]
    public void SevenAxialCutsWithAColorbar()
    {
        var cuts = new double[] { -24, -9, -18, 33, 45, 57, 66 }.Select(z => new Cut(WorldAxis.Z, z)).ToList();
        var layout = FigureLayout.Create(DisplayMode.Z, cuts, Bounds, colorbar: true, dpi: 100);
        Assert.Equal((1610, 320), (layout.Width, layout.Height));
        for (int k = 0; k < 7; k++)
            AssertFraction(new(layout.Axes[k].Rect), 1610, 320, 0.1363265306122449 * k, 0.09406341107871707, 0.1363265306122449, 0.8118731778425659);
        AssertFraction(new(layout.Colorbar!.Value), 1610, 320, 0.99, 0.05, 0.0071428571428571175, 0.9);
    }

    [Fact]
    public void OrthoViews()
    {
        var cuts = new List<Cut> { new(WorldAxis.Y, -22), new(WorldAxis.X, 38), new(WorldAxis.Z, 58) };
        var layout = FigureLayout.Create(DisplayMode.Ortho, cuts, Bounds, colorbar: true, dpi: 100);
        Assert.Equal((730, 350), (layout.Width, layout.Height));
        AssertFraction(new(layout.Axes[0].Rect), 730, 350, 0.0, 0.21931990231990223, 0.2805982905982906, 0.5613601953601957);
        AssertFraction(new(layout.Axes[1].Rect), 730, 350, 0.2805982905982906, 0.21931990231990228, 0.33213675213675214, 0.5613601953601954);
        AssertFraction(new(layout.Axes[2].Rect), 730, 350, 0.6127350427350428, 0.15362881562881564, 0.28059829059829056, 0.6927423687423686);
    }

    [Fact]
    public void SagittalRowIsTruncatedLikeMatplotlib()
    {
        var cuts = Enumerable.Range(0, 7).Select(i => new Cut(WorldAxis.X, i * 10 - 30)).ToList();
        var layout = FigureLayout.Create(DisplayMode.X, cuts, Bounds, colorbar: true, dpi: 100);
        Assert.Equal((1889, 229), (layout.Width, layout.Height));
        AssertFraction(new(layout.Axes[1].Rect), (2.6 * 7 + 0.7) * 100, 2.3 * 100, 0.1363265306122449, 0.04610623259798674, 0.1363265306122449, 0.9077875348040265);
    }

    [Fact]
    public void NoColorbarUsesTheWholeWidth()
    {
        var cuts = new List<Cut> { new(WorldAxis.Z, 0) };
        var layout = FigureLayout.Create(DisplayMode.Z, cuts, Bounds, colorbar: false, dpi: 100);
        Assert.Equal((220, 320), (layout.Width, layout.Height));
        Assert.Null(layout.Colorbar);
        Assert.Equal(220, layout.Axes[0].Rect.Width, 0.5);
    }

    /// <summary>A float rectangle without SkiaSharp in the test's signature.</summary>
    private readonly record struct SKRectF(float Left, float Top, float Width, float Height)
    {
        public SKRectF(SkiaSharp.SKRect r) : this(r.Left, r.Top, r.Width, r.Height) { }
    }
}
