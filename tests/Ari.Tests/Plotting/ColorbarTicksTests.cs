using Ari.Plotting.StatMaps;

namespace Ari.Tests.Plotting;

public class ColorbarTicksTests
{
    [Fact]
    public void SymmetricThresholdedMapTicksAtPlusMinusThreshold()
    {
        // the z figure of nilearn's example: labels -5.6, -3.1, 0, 3.1, 5.6
        double v = 5.576866527270708, t = 3.090232306167813;
        var ticks = ColorbarTicks.Compute(-v, v, t);
        Assert.Equal(new[] { -v, -t, 0, t, v }, ticks);
    }

    [Fact]
    public void SmallThresholdKeepsEvenTicks()
    {
        // threshold/vmax below 0.12: even spacing (the TDP figure: 0, 0.25, 0.5, 0.75, 1)
        var ticks = ColorbarTicks.Compute(0, 1, 0);
        Assert.Equal(new[] { 0, 0.25, 0.5, 0.75, 1 }, ticks);
        ticks = ColorbarTicks.Compute(-10, 10, 1e-6);
        Assert.Equal(new[] { -10, -5, 0, 5, 10.0 }, ticks);
    }

    [Fact]
    public void PositiveRangeMovesTheClosestTickOntoTheThreshold()
    {
        var ticks = ColorbarTicks.Compute(0, 4, 1.2);
        Assert.Equal(new[] { 0, 1.2, 2, 3, 4 }, ticks);
    }

    [Fact]
    public void NoThresholdGivesEvenTicks() =>
        Assert.Equal(new[] { -2, -1, 0, 1, 2.0 }, ColorbarTicks.Compute(-2, 2, null));

    [Fact]
    public void LinspaceEndsExactly()
    {
        var values = ColorbarTicks.Linspace(-5.576866527270708, 5.576866527270708, 5);
        Assert.Equal(5.576866527270708, values[^1]);
        Assert.Equal(0.0, values[2]);
    }
}
