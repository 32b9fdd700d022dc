using System.Text.Json;
using Ari.Nifti;
using Ari.Pipelines.Threshold;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>`ari threshold` as users run it: nilearn's numbers in the files, the printed threshold, and clean errors.</summary>
public class ThresholdCommandTests
{
    private static string Fsl(string name) => TestPaths.SharedFile("data", "real", "fsl_auditory", name);

    [Fact]
    public void FdrTwoSidedWithExtentWritesNilearnsThresholdMapAndPeaks()
    {
        var expected = TestPaths.Json("Thresholding", "threshold_values.json").GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("map").GetString() == "fsl_auditory" && c.GetProperty("height_control").GetString() == "fdr"
                && c.GetProperty("extent").GetInt32() == 10 && c.GetProperty("two_sided").GetBoolean());
        using var dir = new TempDirectory();
        string output = dir.File("out");
        var result = AriProcess.Run("threshold", "--stat", Fsl("zstat.nii.gz"), "--height-control", "fdr", "--alpha", "0.05",
            "--cluster-extent", "10", "--two-sided", "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Threshold: 2.542024", result.StdOut);

        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "threshold.json"))).RootElement;
        Assert.Equal(expected.GetProperty("threshold").GetDouble(), json.GetProperty("threshold").GetDouble(), 1e-9);
        Assert.Equal("fdr", json.GetProperty("height_control").GetString());
        var map = NiftiFile.Read(Path.Combine(output, "thresholded.nii.gz"));
        Assert.Equal(expected.GetProperty("nonzero").GetInt32(), map.Data.Count(v => v != 0));

        var lines = File.ReadAllLines(Path.Combine(output, "peaks.tsv"));
        Assert.Equal("cluster_id\tx\ty\tz\tpeak_stat\tcluster_size_mm3", lines[0]);
        Assert.Equal(expected.GetProperty("peaks").GetArrayLength(), lines.Length - 1);
        Assert.EndsWith("\t", lines.First(l => l.StartsWith("1a\t")));

        // The schema type reads back what it wrote.
        var folder = ThresholdFolder.Read(output);
        Assert.Equal(lines.Length - 1, folder.Peaks.Count);
        Assert.Contains(folder.Peaks, p => p.Sign < 0 && p.PeakStat < 0);
        Assert.All(folder.Peaks.Where(p => p.Sign > 0), p => Assert.True(p.PeakStat > 0));
    }

    [Theory]
    [InlineData(new[] { "--height-control", "holm" }, "--height-control", "holm")]
    [InlineData(new[] { "--alpha", "1.5" }, "--alpha", "between 0 (exclusive) and 1")]
    [InlineData(new[] { "--alpha", "0" }, "--alpha", "between 0 (exclusive) and 1")]
    [InlineData(new[] { "--cluster-extent", "-3" }, "--cluster-extent", "-3")]
    [InlineData(new[] { "--height-control", "fdr", "--threshold", "3" }, "--threshold", "none")]
    public void BadOptionsAreOneErrorLine(string[] extra, string option, string fragment)
    {
        using var dir = new TempDirectory();
        string output = dir.File("out");
        var result = AriProcess.Run(["threshold", "--stat", Fsl("zstat.nii.gz"), "--out", output, .. extra]);
        AriProcess.AssertCleanError(result, 2, option, fragment);
        Assert.False(Directory.Exists(output));
    }
}
