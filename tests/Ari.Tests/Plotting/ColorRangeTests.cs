using Ari.Plotting.StatMaps;

namespace Ari.Tests.Plotting;

/// <summary>nilearn 0.10.3's get_colorbar_and_data_ranges, case by case.</summary>
public class ColorRangeTests
{
    [Fact]
    public void SignedMapIsSymmetricAroundItsLargestMagnitude()
    {
        var r = ColorRange.Choose(-5.189167530164247, 5.576866527270708, null, null, null);
        Assert.True(r.Symmetric);
        Assert.Equal(-5.576866527270708, r.Vmin);
        Assert.Equal(5.576866527270708, r.Vmax);
        Assert.Equal(r.Vmin, r.ColorbarMin);
        Assert.Equal(r.Vmax, r.ColorbarMax);
    }

    [Fact]
    public void PositiveMapWithVmaxShowsTheColorbarFromZero()
    {
        // the TDP figure: data 0..1, vmax=1
        var r = ColorRange.Choose(0, 1, null, 1, null);
        Assert.False(r.Symmetric);
        Assert.Equal((0.0, 1.0, 0.0, 1.0), (r.Vmin, r.Vmax, r.ColorbarMin, r.ColorbarMax));
    }

    [Fact]
    public void PositiveMapStartsTheColorbarAtZeroButColoursFromItsMinimum()
    {
        var r = ColorRange.Choose(0.3, 2, null, null, null);
        Assert.Equal((0.3, 2.0, 0.0, 2.0), (r.Vmin, r.Vmax, r.ColorbarMin, r.ColorbarMax));
    }

    [Fact]
    public void NegativeMapEndsTheColorbarAtZero()
    {
        var r = ColorRange.Choose(-4, -1, null, null, null);
        Assert.Equal((-4.0, -1.0, -4.0, 0.0), (r.Vmin, r.Vmax, r.ColorbarMin, r.ColorbarMax));
    }

    [Fact]
    public void OneGivenEndMirrorsForSymmetricMaps()
    {
        var r = ColorRange.Choose(-2, 3, null, 4, null);
        Assert.Equal((-4.0, 4.0), (r.Vmin, r.Vmax));
        r = ColorRange.Choose(-2, 3, -1, null, null);
        Assert.Equal((-1.0, 1.0), (r.Vmin, r.Vmax));
    }

    [Fact]
    public void BothEndsGivenAsymmetricallyAreKept()
    {
        var r = ColorRange.Choose(-2, 3, -1, 2, null);
        Assert.False(r.Symmetric);
        Assert.Equal((-1.0, 2.0, -1.0, 2.0), (r.Vmin, r.Vmax, r.ColorbarMin, r.ColorbarMax));
    }

    [Fact]
    public void ForcedSymmetryWithUnequalEndsIsAnError() =>
        Assert.Throws<AriException>(() => ColorRange.Choose(-2, 3, -1, 2, true));
}
