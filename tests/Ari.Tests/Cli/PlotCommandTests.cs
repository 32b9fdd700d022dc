using Ari.Tests.TestSupport;
using SkiaSharp;

namespace Ari.Tests.Cli;

public class PlotCommandTests
{
    private static string Tdp => TestPaths.NilearnReference("tdp.nii.gz");
    private static string Template => TestPaths.SharedFile("data", "real", "mni152_2009_t1_1mm.nii.gz");

    /// <summary>An environment whose Ari data folder is <paramref name="dataDir"/> (so the user's own ~/ari_data is not used).</summary>
    private static Dictionary<string, string?> DataDir(string dataDir) => new() { ["ARI_DATA"] = dataDir };

    [Fact]
    public void AcceptanceCallDrawsTheTdpFigure()
    {
        using var temp = new TempDirectory();
        var result = AriProcess.Run("plot", "--stat", Tdp, "--bg", Template, "--display", "z", "--cut-coords=-24,-9,-18,33,45,57,66",
            "--cmap", "inferno", "--vmax", "1", "--threshold", "0", "--title", "proportion true positives", "--out", temp.File("tdp.png"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("z=-24, z=-9, z=-18, z=33, z=45, z=57, z=66", result.StdOut);
        using var png = SKBitmap.Decode(temp.File("tdp.png"));
        Assert.Equal((1610, 320), (png.Width, png.Height));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void SvgOutput()
    {
        using var temp = new TempDirectory();
        var result = AriProcess.Run("plot", "--stat", Tdp, "--bg", Template, "--display", "x", "--cuts", "3", "--out", temp.File("tdp.svg"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var svg = System.Xml.Linq.XDocument.Load(temp.File("tdp.svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
    }

    [Fact]
    public void WithoutTemplateInTheDataFolderItUsesTheShippedOneOffline()
    {
        using var temp = new TempDirectory();
        var result = AriProcess.Run(null, DataDir(temp.File("empty-data")), "plot", "--stat", Tdp, "--out", temp.File("tdp.png"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("note:", result.StdErr);
        Assert.DoesNotContain("Downloading", result.StdErr);
        Assert.True(File.Exists(Path.Combine(temp.File("empty-data"), "templates", "mni152_2009_t1_2mm.nii.gz")));
        Assert.True(File.Exists(temp.File("tdp.png")));
    }

    [Fact]
    public void TemplateInTheDataFolderIsUsed()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("templates"));
        File.CreateSymbolicLink(Path.Combine(temp.File("templates"), "mni152_2009_t1_1mm.nii.gz"), Template);
        var result = AriProcess.Run(null, DataDir(temp.Path), "plot", "--stat", Tdp, "--display", "z", "--cut-coords=45",
            "--out", temp.File("tdp.png"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("no MNI152 template", result.StdErr);
    }

    [Theory]
    [InlineData("--cmap", "infernal", "--cmap")]
    [InlineData("--display", "sideways", "--display")]
    [InlineData("--threshold", "-1", "--threshold")]
    [InlineData("--cuts", "0", "--cuts")]
    [InlineData("--cut-coords", "1,2", "three values")]
    [InlineData("--cut-coords", "1,a,3", "'a' is not a number")]
    public void BadOptionValuesAreUsageErrors(string option, string value, string fragment)
    {
        using var temp = new TempDirectory();
        var result = AriProcess.Run("plot", "--stat", Tdp, "--bg", Template, option, value, "--out", temp.File("f.png"));
        AriProcess.AssertCleanError(result, 2, fragment);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void UnreadableBackgroundNamesTheOption()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("bg.nii.gz"), "not a gzip file");
        var result = AriProcess.Run("plot", "--stat", Tdp, "--bg", temp.File("bg.nii.gz"), "--out", temp.File("f.png"));
        AriProcess.AssertCleanError(result, 1, "--bg", "bg.nii.gz");
        Assert.False(File.Exists(temp.File("f.png")));
        AriProcess.AssertCleanError(AriProcess.Run("plot", "--stat", Tdp, "--bg", temp.File("missing.nii"), "--out", temp.File("f.png")),
            1, "missing.nii", "--bg");
    }

    [Fact]
    public void CutOutsideTheImageIsAnError()
    {
        using var temp = new TempDirectory();
        var result = AriProcess.Run("plot", "--stat", Tdp, "--bg", Template, "--display", "z", "--cut-coords=10,150", "--out", temp.File("f.png"));
        AriProcess.AssertCleanError(result, 1, "--cut-coords", "z=150", "outside");
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void MissingOutputFoldersAreCreated()
    {
        using var temp = new TempDirectory();
        var result = AriProcess.Run("plot", "--stat", Tdp, "--bg", Template, "--out", temp.File("no/such/dir/f.png"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(temp.File("no/such/dir/f.png")));
    }

    [Fact]
    public void UnknownOutputFormatIsAnError()
    {
        using var temp = new TempDirectory();
        AriProcess.AssertCleanError(AriProcess.Run("plot", "--stat", Tdp, "--out", temp.File("f.jpg")), 2, ".png or .svg");
    }

    [Fact]
    public void GlassBrainLayoutsAndOptions()
    {
        using var temp = new TempDirectory();
        var z = TestPaths.NilearnReference("z_score.nii.gz");
        var result = AriProcess.Run(null, DataDir(temp.File("data")), "plot", "--stat", z, "--display", "glass", "--glass-layout", "lyrz",
            "--plot-abs", "false", "--threshold", "3", "--out", temp.File("glass.png"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("glass brain (lyrz, signed)", result.StdOut);
        using (var png = SKBitmap.Decode(temp.File("glass.png")))
            Assert.Equal((950, 350), (png.Width, png.Height));

        result = AriProcess.Run(null, DataDir(temp.File("data")), "plot", "--stat", z, "--display", "glass", "--no-colorbar", "--out", temp.File("ortho.png"));
        Assert.True(result.ExitCode == 0, result.ToString());
        using (var png = SKBitmap.Decode(temp.File("ortho.png")))
            Assert.Equal((660, 350), (png.Width, png.Height));
    }

    [Theory]
    [InlineData("--glass-layout", "xy", "--glass-layout")]
    [InlineData("--plot-abs", "maybe", "--plot-abs")]
    [InlineData("--cut-coords=1,2,3", null, "--cut-coords")]
    [InlineData("--dim", "0.5", "--dim")]
    public void GlassBrainRefusesBadOptions(string option, string? value, string named)
    {
        using var temp = new TempDirectory();
        string[] args = ["plot", "--stat", Tdp, "--display", "glass", "--out", temp.File("g.png"), option];
        if (value is not null) args = [.. args, value];
        var result = AriProcess.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {named}", result.StdErr.Trim());
        Assert.False(File.Exists(temp.File("g.png")));
    }

    [Fact]
    public void GlassLayoutNeedsTheGlassDisplay()
    {
        using var temp = new TempDirectory();
        var result = AriProcess.Run("plot", "--stat", Tdp, "--glass-layout", "x", "--out", temp.File("g.png"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--display glass", result.StdErr);
    }
}
