using System.Text.Json;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>`ari glm`: Cohen's d for one-sample tests, and the note on rank-deficient designs.</summary>
public class GlmEffectSizeTests
{
    private static string Localizer(string file) => TestPaths.SharedFile("data", "sim", "localizer16", file);

    [Fact]
    public void OneSampleTestWritesCohensDAsMeanOverSd()
    {
        using var dir = new TempDirectory();
        string outDir = dir.File("out");
        var maps = Enumerable.Range(1, 6).Select(i => Localizer($"sub-{i:00}_contrast.nii.gz")).ToArray();
        var result = AriProcess.Run(["glm", "--maps", .. maps, "--out", outDir, "--quiet"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var d = NiftiFile.Read(Path.Combine(outDir, "cohens_d.nii.gz"));
        var mask = NiftiFile.Read(Path.Combine(outDir, "mask.nii.gz"));
        var subjects = maps.Select(NiftiFile.Read).ToArray();
        int checkedVoxels = 0;
        for (int v = 0; v < d.Data.Length; v += 97)
        {
            if (mask.Data[v] == 0) { Assert.Equal(0, d.Data[v]); continue; }
            var x = subjects.Select(s => s.Data[v]).ToArray();
            double mean = x.Average();
            double sd = Math.Sqrt(x.Sum(a => (a - mean) * (a - mean)) / (x.Length - 1));
            Assert.Equal(mean / sd, d.Data[v], 1e-9);
            checkedVoxels++;
        }
        Assert.True(checkedVoxels > 100);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "glm.json"))).RootElement;
        Assert.Equal("cohens_d.nii.gz", json.GetProperty("outputs").GetProperty("cohens_d").GetString());
        Assert.Equal(0, json.GetProperty("notes").GetArrayLength());
    }

    [Fact]
    public void RankDeficientDesignIsNotedAndHasNoCohensD()
    {
        using var dir = new TempDirectory();
        string design = dir.File("design.tsv");
        var maps = Enumerable.Range(1, 6).Select(i => Localizer($"sub-{i:00}_contrast.nii.gz")).ToArray();
        // a + b = intercept: three columns of rank 2.
        File.WriteAllText(design, "intercept\ta\tb\n" + string.Join("", Enumerable.Range(0, 6).Select(i => $"1\t{(i < 3 ? 1 : 0)}\t{(i < 3 ? 0 : 1)}\n")));
        string outDir = dir.File("out");
        var result = AriProcess.Run(["glm", "--maps", .. maps, "--design", design, "--contrast", "a - b", "--out", outDir, "--quiet"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("note: the design is rank-deficient (rank 2 < 3 columns)", result.StdErr);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "glm.json"))).RootElement;
        Assert.Contains("nilearn divides it by n - columns", json.GetProperty("notes")[0].GetString());
        Assert.Equal(2, json.GetProperty("rank").GetInt32());
        Assert.False(File.Exists(Path.Combine(outDir, "cohens_d.nii.gz")));
    }
}
