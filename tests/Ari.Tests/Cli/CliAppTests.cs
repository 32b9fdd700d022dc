using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

public class CliAppTests
{
    [Fact]
    public void HelpListsTheCommands()
    {
        var result = AriProcess.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string command in new[] { "example", "fetch", "simulate", "glm", "tdp", "plot", "report", "info" })
            Assert.Contains(command, result.StdOut);
    }

    [Theory]
    [InlineData("example")]
    [InlineData("fetch")]
    [InlineData("simulate")]
    [InlineData("glm")]
    [InlineData("tdp")]
    [InlineData("plot")]
    [InlineData("report")]
    [InlineData("info")]
    public void EachCommandHasHelp(string command)
    {
        var result = AriProcess.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.StdOut);
        Assert.Contains(command, result.StdOut);
    }

    [Fact]
    public void UnknownCommandIsAUsageError()
    {
        AriProcess.AssertCleanError(AriProcess.Run("frobnicate"), 2, "frobnicate");
    }

    [Fact]
    public void UnreadableFileIsAFailureNamingTheFile()
    {
        AriProcess.AssertCleanError(AriProcess.Run("info", "/no/such/map.nii.gz"), 1, "/no/such/map.nii.gz", "no such file");
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("fake.nii"), "not an image");
        AriProcess.AssertCleanError(AriProcess.Run("info", temp.File("fake.nii")), 1, "fake.nii", "not a NIfTI");
    }

    [Fact]
    public void VerboseShowsTheStackTrace()
    {
        var result = AriProcess.Run("info", "--verbose", "/no/such/map.nii.gz");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("   at ", result.StdErr);
    }

    [Fact]
    public void InfoDescribesAnImage()
    {
        var result = AriProcess.Run("info", TestPaths.SharedFile("data", "real", "mni152_2009_t1_1mm.nii.gz"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("197x233x189", result.StdOut);
        Assert.Contains("uint8", result.StdOut);
    }
}
