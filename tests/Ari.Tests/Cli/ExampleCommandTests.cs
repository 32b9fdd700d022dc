using Ari.Masking;
using Ari.Nifti;
using Ari.Tests.Datasets;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>`ari example` end to end, as a user runs it.</summary>
public class ExampleCommandTests
{
    private static string SimulatedMap(int subject) => TestPaths.SharedFile("data", "sim", "localizer16", $"sub-{subject:00}_contrast.nii.gz");

    /// <summary>
    /// A loopback "OSF" serves the shared localizer16 maps as the 16 Localizer subjects, and a loopback server the
    /// MNI template: the example must then reproduce nilearn's reference outputs, and run again with both servers gone.
    /// </summary>
    [Fact]
    public void FetchesTheMapsAndReproducesNilearnsResultsThenRunsOffline()
    {
        using var temp = new TempDirectory();
        var osf = new FakeOsf(subjects: 16, participants: false, contrastMap: s => File.ReadAllBytes(SimulatedMap(s)));
        osf.Server.Serve("/template.nii.gz", File.ReadAllBytes(TestPaths.SharedFile("data", "real", "mni152_2009_t1_1mm.nii.gz")));
        var env = new Dictionary<string, string?>
        {
            ["ARI_OSF_URL"] = osf.Url.ToString(),
            ["ARI_MNI_URL"] = osf.Url + "template.nii.gz",
            ["ARI_DATA"] = temp.File("data"),
        };
        string outDir = temp.File("example");
        var run = AriProcess.Run(null, env, "example", "--out", outDir);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("16 maps (Brainomics/Localizer", run.StdOut);
        Assert.DoesNotContain("note:", run.StdErr);

        var mask = Mask.FromVolume(NiftiFile.Read(Path.Combine(outDir, "glm", "mask.nii.gz")));
        Assert.Equal<int>(Mask.FromVolume(NiftiFile.Read(TestPaths.NilearnReference("mask.nii.gz"))).Indices, mask.Indices);
        var z = NiftiFile.Read(Path.Combine(outDir, "glm", "z_score.nii.gz")).Data;
        var zReference = NiftiFile.Read(TestPaths.NilearnReference("z_score.nii.gz")).Data;
        foreach (int i in mask.Indices) Assert.True(Math.Abs(z[i] - zReference[i]) <= 1e-4, $"z at voxel {i}: {z[i]} vs nilearn {zReference[i]}");
        var tdp = NiftiFile.Read(Path.Combine(outDir, "tdp", "tdp.nii.gz")).Data;
        var tdpReference = NiftiFile.Read(TestPaths.NilearnReference("tdp.nii.gz")).Data;
        for (int i = 0; i < tdp.Length; i++) Assert.True(Math.Abs(tdp[i] - tdpReference[i]) <= 1e-12, $"TDP at voxel {i}: {tdp[i]} vs nilearn {tdpReference[i]}");

        foreach (string figure in new[] { "tdp.png", "z.png" })
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(Path.Combine(outDir, figure));
            Assert.Equal((1610, 320), (bitmap.Width, bitmap.Height));
        }
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("proportion", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(outDir, ".*.tmp", SearchOption.AllDirectories));

        osf.Dispose();
        var offline = AriProcess.Run(null, env, "example", "--out", temp.File("again"));
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.Contains("Dataset found in", offline.StdErr);
        Assert.DoesNotContain("note:", offline.StdErr);
        Assert.Equal(tdp, NiftiFile.Read(Path.Combine(temp.File("again"), "tdp", "tdp.nii.gz")).Data);
    }

    [Fact]
    public void WithNoNetworkItSaysSoAndUsesTheSimulatedSet()
    {
        using var temp = new TempDirectory();
        string outDir = temp.File("example");
        var run = AriProcess.Run("example", "--out", outDir);
        Assert.True(run.ExitCode == 0, run.ToString());
        var notes = run.StdErr.Split('\n').Where(l => l.StartsWith("note:")).ToList();
        Assert.Equal(2, notes.Count);
        Assert.Contains("could not be fetched", notes[0]);
        Assert.Contains("no MNI152 template", notes[1]);
        Assert.Contains("simulated", run.StdOut);
        foreach (string file in new[] { "glm/z_score.nii.gz", "tdp/tdp.nii.gz", "tdp/clusters.tsv", "z.png", "tdp.png", "report.html", "simulated-data/true_support.nii.gz" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), $"{file} is missing");

        // The simulated effects are found: some voxels have a TDP bound above one half.
        Assert.Contains(NiftiFile.Read(Path.Combine(outDir, "tdp", "tdp.nii.gz")).Data, v => v > 0.5);
    }

    [Fact]
    public void AFileInPlaceOfAParentFolderIsAUsageError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("file"), "x");
        var run = AriProcess.Run("example", "--simulated", "--out", dir.File("file/example"));
        AriProcess.AssertCleanError(run, 2, "--out", "is a file");
    }
}
