using System.Globalization;
using System.Text.Json;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>`ari clusters` as users run it: ARIbrain 0.9's vignette numbers on fsl_auditory, outputs, and clean errors.</summary>
public class ClustersCommandTests
{
    private static string Fsl(string name) => TestPaths.SharedFile("data", "real", "fsl_auditory", name);

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> ReadTsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split('\t');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split('\t')).ToDictionary(p => p.First, p => p.Second))];
    }

    /// <summary>The vignette's voxel (17, 57, 38), one-based, in mm.</summary>
    private static string VignetteVoxelMm()
    {
        var mm = NiftiFile.Read(Fsl("pvalue.nii.gz")).Grid.VoxelToWorld(16, 56, 37);
        return string.Create(CultureInfo.InvariantCulture, $"{mm.X:R},{mm.Y:R},{mm.Z:R}");
    }

    [Fact]
    public void FslAuditoryMatchesAribrainQueriesAndChanges()
    {
        using var dir = new TempDirectory();
        // Queries at three gammas.
        var query = AriProcess.Run("clusters", "--pvalues", Fsl("pvalue.nii.gz"), "--mask", Fsl("mask.nii.gz"),
            "--gamma", "0.4,0.7,0.9", "--connectivity", "18", "--alpha", "0.05", "--out", dir.File("query"));
        Assert.True(query.ExitCode == 0, query.ToString());
        // TDPChange +0.01, +0.01, -0.01 at the vignette's voxel, gamma 0.7.
        var change = AriProcess.Run("clusters", "--pvalues", Fsl("pvalue.nii.gz"), "--mask", Fsl("mask.nii.gz"), "--gamma", "0.7",
            "--at=" + VignetteVoxelMm(), "--delta", "0.01", "--delta", "0.01", "--delta=-0.01", "--out", dir.File("change"));
        Assert.True(change.ExitCode == 0, change.ToString());

        var expected = ReadTsv(TestPaths.TestFile("Inference", "aribrain_tdp_clusters.tsv"));
        var queried = ReadTsv(dir.File("query/tdp_clusters.tsv"));
        var changed = ReadTsv(dir.File("change/tdp_clusters.tsv"));
        Assert.Equal(expected.Count(r => r["step"] == "0"), queried.Count);
        Assert.Equal(expected.Count(r => r["step"] is not ("0" or "stc")) + expected.Count(r => r["step"] == "0" && D(r["gamma"]) == 0.7), changed.Count);
        // Every bound, ARIbrain's clusters' included, is the closed-testing value of hommel::discoveries.
        Assert.All(expected.Where(r => r["step"] != "stc" && D(r["gamma"]) != 0.4), r => Assert.Equal(r["true_discoveries"], r["hommel_discoveries"]));

        // gamma 0.4: ARIbrain's bound of the 26,960-voxel STC around the peak is too small (unsorted p-values, see the
        // reference script): Ari returns that STC, with the closed-testing bound; ARIbrain a sub-cluster of it.
        var stc = expected.Single(r => r["step"] == "stc" && r["cluster"] == "1");
        var stcRest = expected.Single(r => r["step"] == "stc" && r["cluster"] == "rest");
        var weak = queried.Where(r => D(r["gamma"]) == 0.4).ToList();
        Assert.Equal(2, weak.Count);
        Assert.Equal(stc["size"], weak[0]["size"]);
        Assert.Equal(stc["hommel_discoveries"], weak[0]["true_discoveries"]);
        Assert.True(D(stc["true_discoveries"]) < D(weak[0]["true_discoveries"]));
        Assert.True(D(weak[0]["tdp"]) >= 0.4 && D(stc["tdp"]) < 0.4);
        var weakLabels = NiftiFile.ReadVolume<int>(dir.File("query/clusters_gamma-0.4.nii.gz")).Data;
        var weakVoxels = Enumerable.Range(0, weakLabels.Length).Where(v => weakLabels[v] == 1).ToArray();
        Assert.Equal(D(stc["voxel_sum"]), weakVoxels.Sum(v => (double)v));
        Assert.Equal(D(stc["voxel_min"]), weakVoxels.Min());
        Assert.Equal((stcRest["size"], stcRest["hommel_discoveries"]), (weak[1]["size"], weak[1]["true_discoveries"]));
        var aribrainWeak = expected.First(r => r["step"] == "0" && D(r["gamma"]) == 0.4);
        Assert.Equal((aribrainWeak["peak_i"], aribrainWeak["peak_j"], aribrainWeak["peak_k"]), (weak[0]["peak_i"], weak[0]["peak_j"], weak[0]["peak_k"]));

        foreach (var group in expected.Where(r => r["step"] != "stc" && D(r["gamma"]) != 0.4).GroupBy(r => (Gamma: D(r["gamma"]), Step: r["step"])))
        {
            var ours = group.Key.Step == "0" && group.Key.Gamma != 0.7
                ? queried.Where(r => D(r["gamma"]) == group.Key.Gamma).ToList()
                : changed.Where(r => r["step"] == group.Key.Step).ToList();
            var theirs = group.ToList();
            Assert.Equal(theirs.Count, ours.Count);
            string labels = group.Key.Step == "0"
                ? dir.File($"query/clusters_gamma-{group.Key.Gamma.ToString(CultureInfo.InvariantCulture)}.nii.gz")
                : dir.File($"change/clusters_gamma-0.7_step-{group.Key.Step}.nii.gz");
            var labelData = NiftiFile.ReadVolume<int>(labels).Data;
            for (int n = 0; n < theirs.Count; n++)
            {
                var (a, b) = (theirs[n], ours[n]);
                string where = $"gamma {group.Key.Gamma} step {group.Key.Step} row {n + 1}";
                Assert.True(a["cluster"] == b["cluster_id"], where);
                foreach (var column in new[] { "size", "true_discoveries", "true_nulls_upper", "peak_i", "peak_j", "peak_k" })
                    Assert.True(D(a[column]) == D(b[column]), $"{where} {column}: ARIbrain {a[column]}, Ari {b[column]}");
                Assert.True(D(a["tdp"]) == D(b["tdp"]), $"{where} tdp: ARIbrain {a["tdp"]}, Ari {b["tdp"]}");
                Assert.True(Math.Abs(D(a["peak_stat"]) - D(b["peak_stat"])) <= 1e-9 * Math.Abs(D(a["peak_stat"])), $"{where} peak_stat");
                if (a["cluster"] == "rest") continue;
                int label = int.Parse(a["cluster"], CultureInfo.InvariantCulture);
                var voxels = Enumerable.Range(0, labelData.Length).Where(v => labelData[v] == label).ToArray();
                Assert.Equal(D(a["voxel_sum"]), voxels.Sum(v => (double)v));
                Assert.Equal(D(a["voxel_min"]), voxels.Min());
            }
        }

        var summary = JsonDocument.Parse(File.ReadAllText(dir.File("query/summary.json"))).RootElement;
        Assert.Equal(145872, summary.GetProperty("m").GetInt32());
        Assert.Equal(10857, summary.GetProperty("true_discoveries").GetInt32());
        Assert.Equal(18, summary.GetProperty("connectivity").GetInt32());
        Assert.True(summary.GetProperty("n_admissible").GetInt32() <= summary.GetProperty("n_stcs").GetInt32());
        foreach (string key in new[] { "alpha", "hommel_h", "n_stcs", "n_local_minima", "gammas", "seconds" })
            Assert.True(summary.TryGetProperty(key, out _), key);
        // Printed largest first: 7,398 before 4,870.
        Assert.True(query.StdOut.IndexOf("7,398", StringComparison.Ordinal) < query.StdOut.IndexOf("4,870", StringComparison.Ordinal), query.StdOut);
        Assert.Equal("gamma\tstep\tcluster_id", string.Join('\t', File.ReadLines(dir.File("change/tdp_clusters.tsv")).First().Split('\t')[..3]));
    }

    [Fact]
    public void StatAloneGivesPFromZAndTheTable()
    {
        using var dir = new TempDirectory();
        var result = AriProcess.Run("clusters", "--stat", Fsl("zstat.nii.gz"), "--mask", Fsl("mask.nii.gz"), "--gamma", "0.8", "--out", dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = ReadTsv(dir.File("tdp_clusters.tsv"));
        Assert.Equal("rest", rows[^1]["cluster_id"]);
        Assert.All(rows.SkipLast(1), r => Assert.True(D(r["tdp"]) >= 0.8));
        Assert.Equal(145872, rows.Sum(r => int.Parse(r["size"], CultureInfo.InvariantCulture)));
        // nilearn's cluster size in mm³: int(voxels x voxel volume), 2 mm voxels here
        Assert.All(rows, r => Assert.Equal(8L * long.Parse(r["size"], CultureInfo.InvariantCulture), long.Parse(r["size_mm3"], CultureInfo.InvariantCulture)));
        Assert.True(File.Exists(dir.File("cluster_tree.bin")));
        // Printed to a pipe, the table keeps every number on one line (rest: the mask's size minus the clusters').
        var rest = rows[^1];
        string restLine = result.StdOut.Split('\n').Single(l => l.TrimStart().StartsWith("rest", StringComparison.Ordinal));
        Assert.Contains(int.Parse(rest["size"], CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture), restLine);
        Assert.Contains(int.Parse(rest["true_nulls_upper"], CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture), restLine);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{D(rest["peak_x"]):0}, {D(rest["peak_y"]):0}, {D(rest["peak_z"]):0}"), restLine);
    }

    public static TheoryData<string, string[], int, string> BadInputs() => new()
    {
        { "gamma zero", ["--gamma", "0"], 2, "--gamma" },
        { "gamma above one", ["--gamma", "1.5"], 2, "--gamma" },
        { "at outside the image", ["--gamma", "0.7", "--at=5000,0,0", "--delta", "0.01"], 1, "outside the image" },
        { "at outside every cluster", ["--gamma", "0.7", "--at=0,0,0", "--delta", "0.01"], 1, "not inside any reported cluster" },
        { "delta without at", ["--delta", "0.01"], 2, "--delta" },
        { "steps with two gammas", ["--gamma", "0.4,0.7", "--at=0,0,0", "--delta", "0.01"], 2, "exactly one --gamma" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputsGiveOneErrorLineAndNoOutput(string name, string[] extra, int exitCode, string fragment)
    {
        _ = name;
        using var dir = new TempDirectory();
        var result = AriProcess.Run(["clusters", "--pvalues", Fsl("pvalue.nii.gz"), "--mask", Fsl("mask.nii.gz"), .. extra, "--out", dir.File("out")]);
        AriProcess.AssertCleanError(result, exitCode, fragment);
        Assert.False(Directory.Exists(dir.File("out")) && Directory.EnumerateFileSystemEntries(dir.File("out")).Any());
    }

    [Fact]
    public void EmptyMaskPValuesOutOfRangeAnd4DAreRefused()
    {
        using var dir = new TempDirectory();
        var grid = NiftiFile.Read(Fsl("mask.nii.gz")).Grid;
        NiftiFile.Write(dir.File("empty.nii.gz"), new Volume<double>(grid));
        var p = NiftiFile.Read(Fsl("pvalue.nii.gz"));
        var mask = NiftiFile.Read(Fsl("mask.nii.gz"));
        int inside = Array.FindIndex(mask.Data, v => v != 0);
        p.Data[inside] = 1.5;
        NiftiFile.Write(dir.File("badp.nii.gz"), p);
        NiftiWriter.WriteFrames(dir.File("four.nii.gz"), grid, [new double[grid.VoxelCount], new double[grid.VoxelCount]]);

        AriProcess.AssertCleanError(AriProcess.Run("clusters", "--pvalues", Fsl("pvalue.nii.gz"), "--mask", dir.File("empty.nii.gz"), "--out", dir.File("a")), 1, "--mask", "empty");
        AriProcess.AssertCleanError(AriProcess.Run("clusters", "--pvalues", dir.File("badp.nii.gz"), "--mask", Fsl("mask.nii.gz"), "--out", dir.File("b")), 1, "--pvalues", "1.5");
        AriProcess.AssertCleanError(AriProcess.Run("clusters", "--stat", dir.File("four.nii.gz"), "--out", dir.File("c")), 1, "--stat", "4D");
        foreach (var name in new[] { "a", "b", "c" }) Assert.False(Directory.Exists(dir.File(name)));
    }
}
