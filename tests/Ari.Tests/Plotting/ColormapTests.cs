using Ari.Plotting.Colormaps;

namespace Ari.Tests.Plotting;

public class ColormapTests
{
    // matplotlib's listed end colours truncated to 8 bits, as its renderer draws them: viridis (0.267004, 0.004874,
    // 0.329415)..(0.993248, 0.906157, 0.143936), inferno (0.001462, 0.000466, 0.013866)..(0.988362, 0.998364,
    // 0.644924); the ColorBrewer RdBu ends (#67001f red, #053061 blue); gray's identity ramp.
    [Theory]
    [InlineData("viridis", 0, 68, 1, 84)]
    [InlineData("viridis", 255, 253, 231, 36)]
    [InlineData("inferno", 0, 0, 0, 3)]
    [InlineData("inferno", 255, 252, 254, 164)]
    [InlineData("RdBu_r", 0, 0x05, 0x30, 0x61)]
    [InlineData("RdBu_r", 255, 0x67, 0x00, 0x1f)]
    [InlineData("gray", 0, 0, 0, 0)]
    [InlineData("gray", 255, 255, 255, 255)]
    public void EndColoursAreMatplotlibs(string name, int index, int r, int g, int b)
    {
        var c = Colormap.Named(name)[index];
        Assert.Equal((r, g, b), (c.R, c.G, c.B));
    }

    [Fact]
    public void GrayIsARamp()
    {
        var gray = Colormap.Named("gray");
        for (int i = 0; i < 256; i++)
            Assert.InRange(gray[i].R, i - 1, i); // matplotlib truncates 255 * i/255 to 8 bits
    }

    [Fact]
    public void ColdHotIsNilearns()
    {
        // nilearn's cold_hot: hot above the middle, hot with red and blue swapped (cyan to white) below it.
        var map = Colormap.Named("cold_hot");
        var hot = Colormap.Named("hot");
        Assert.Equal((255, 255, 255), (map[255].R, map[255].G, map[255].B));
        Assert.Equal((255, 255, 255), (map[0].R, map[0].G, map[0].B));
        Assert.True(map[127].R < 20 && map[127].G < 20 && map[127].B < 20);
        Assert.True(map[128].R < 20 && map[128].G < 20 && map[128].B < 20);
        for (int i = 0; i < 128; i++)
        {
            // the lower half mirrors the upper half with red and blue exchanged
            var low = map[127 - i];
            var high = map[128 + i];
            Assert.InRange(low.B - high.R, -3, 3);
            Assert.InRange(low.R - high.B, -3, 3);
            Assert.InRange(low.G - high.G, -3, 3);
        }
        Assert.True(hot[100].R == 255 && hot[100].B == 0);
    }

    [Fact]
    public void ReversedNamesReverseTheTable()
    {
        var forward = Colormap.Named("viridis");
        var reversed = Colormap.Named("viridis_r");
        for (int i = 0; i < 256; i++)
            Assert.Equal(forward[i], reversed[255 - i]);
    }

    [Theory]
    [InlineData(-0.5, 0)]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 128)]
    [InlineData(0.999, 255)]
    [InlineData(1.0, 255)]
    [InlineData(7.0, 255)]
    [InlineData(1.0 / 256 - 1e-12, 0)]
    [InlineData(1.0 / 256, 1)]
    public void IndexFollowsMatplotlib(double fraction, int index) => Assert.Equal(index, Colormap.IndexOf(fraction));

    [Fact]
    public void UnknownNameIsAnErrorListingTheKnownOnes()
    {
        var e = Assert.Throws<AriException>(() => Colormap.Named("infernal"));
        Assert.Contains("infernal", e.Message);
        Assert.Contains("inferno", e.Message);
        Assert.Contains("cold_hot", e.Message);
    }

    [Fact]
    public void TheIssuesColormapsExist()
    {
        foreach (string name in new[] { "inferno", "viridis", "gray", "cold_hot", "RdBu_r" })
            Assert.True(Colormap.TryNamed(name, out _), name);
    }
}
