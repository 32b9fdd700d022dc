using Ari.Cli.Cli;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

public class PathPatternsTests
{
    [Theory]
    [InlineData("*.nii.gz", "sub-01_contrast.nii.gz", true)]
    [InlineData("sub-??_*.nii.gz", "sub-01_contrast.nii.gz", true)]
    [InlineData("sub-0[1-3]*", "sub-02_x", true)]
    [InlineData("sub-0[!1-3]*", "sub-02_x", false)]
    [InlineData("*.nii", "a.nii.gz", false)]
    [InlineData("*", ".hidden", false)]
    public void MatchesLikeAShell(string pattern, string name, bool expected) =>
        Assert.Equal(expected, PathPatterns.Matches(pattern, name));

    [Fact]
    public void ExpandsSortedAndRefusesEmptyMatches()
    {
        string dir = TestPaths.SharedFile("data", "sim", "localizer16");
        var maps = PathPatterns.Expand("--maps", [Path.Combine(dir, "sub-*_contrast.nii.gz")]);
        Assert.Equal(16, maps.Count);
        Assert.EndsWith("sub-01_contrast.nii.gz", maps[0]);
        Assert.EndsWith("sub-16_contrast.nii.gz", maps[15]);
        var e = Assert.Throws<AriException>(() => PathPatterns.Expand("--maps", [Path.Combine(dir, "nothing-*.nii")]));
        Assert.Contains("--maps", e.Message);
        Assert.Contains("matches no file", e.Message);
    }
}
