using Ari.Nifti;
using Ari.Tests.Datasets;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

public class SimulateCommandTests
{
    [Fact]
    public void Writes_the_data_set_and_lists_the_maps()
    {
        using var dir = new TempDirectory();
        string output = dir.File("sim");
        var run = AriProcess.Run("simulate", "--subjects", "3", "--out", output, "--seed", "42");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([.. Enumerable.Range(1, 3).Select(s => Path.Combine(output, $"sub-0{s}_contrast.nii.gz"))],
            run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["brain_mask.nii.gz", "dataset.json", "participants.tsv", "sub-01_contrast.nii.gz", "sub-02_contrast.nii.gz",
            "sub-03_contrast.nii.gz", "true_effect.nii.gz", "true_support.nii.gz"], TestImages.FilesUnder(output));
        Assert.Contains("[simulate] 3 maps on the localizer grid (53x63x46", run.StdErr);
        Assert.Contains("seed 42", run.StdErr);

        // the same seed again: the same bytes
        var again = AriProcess.Run("simulate", "--subjects", "3", "--out", dir.File("again"), "--seed", "42", "--quiet");
        Assert.Equal("", again.StdErr);
        foreach (string file in TestImages.FilesUnder(output))
            Assert.Equal(File.ReadAllBytes(Path.Combine(output, file)), File.ReadAllBytes(Path.Combine(dir.File("again"), file)));
    }

    [Fact]
    public void The_mni_grid()
    {
        using var dir = new TempDirectory();
        var run = AriProcess.Run("simulate", "-n", "1", "--out", dir.Path, "--grid", "mni2mm", "-q");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("91x109x91", NiftiFile.ReadHeader(Path.Combine(dir.Path, "sub-01_contrast.nii.gz")).ShapeText);
    }

    [Fact]
    public void Bad_options_are_clear_errors_and_write_nothing()
    {
        using var dir = new TempDirectory();
        string output = dir.File("sim");
        AriProcess.AssertCleanError(AriProcess.Run("simulate", "--out", output, "--grid", "talairach"), 2, "--grid", "localizer, mni2mm");
        AriProcess.AssertCleanError(AriProcess.Run("simulate", "--out", output, "--subjects", "0"), 2, "--subjects");
        AriProcess.AssertCleanError(AriProcess.Run("simulate", "--out", output, "--amplitude", "-1"), 2, "--amplitude");
        AriProcess.AssertCleanError(AriProcess.Run("simulate", "--subjects", "2"), 2, "--out");
        File.WriteAllText(dir.File("file"), "x");
        AriProcess.AssertCleanError(AriProcess.Run("simulate", "--out", dir.File("file")), 2, "is a file, not a folder");
        Assert.False(Directory.Exists(output));
    }
}
