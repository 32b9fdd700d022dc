using System.Globalization;
using System.Text.Json;
using Ari.Imaging;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>`ari tdp` as users run it: acceptance numbers (nilearn, ARIbrain), modes, and clean errors.</summary>
public class TdpCommandTests
{
    private static string Fsl(string name) => TestPaths.SharedFile("data", "real", "fsl_auditory", name);

    [Fact]
    public void Localizer16MatchesNilearn()
    {
        using var dir = new TempDirectory();
        string output = dir.File("out");
        var result = AriProcess.Run("tdp", "--stat", TestPaths.NilearnReference("z_score.nii.gz"),
            "--threshold", "2.5,3.5,4.5", "--alpha", "0.05", "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());

        var ours = NiftiFile.Read(Path.Combine(output, "tdp.nii.gz"));
        var nilearn = NiftiFile.Read(TestPaths.NilearnReference("tdp.nii.gz"));
        Assert.Equal(NiftiDataType.Float64, NiftiFile.ReadHeader(Path.Combine(output, "tdp.nii.gz")).DataType);
        Assert.True(ours.Grid.Matches(nilearn.Grid));
        double worst = ours.Data.Zip(nilearn.Data, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1e-12, $"largest difference from nilearn: {worst}");

        var reference = JsonDocument.Parse(File.ReadAllText(TestPaths.NilearnReference("summary.json"))).RootElement;
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))).RootElement;
        Assert.Equal(reference.GetProperty("hommel").GetInt32(), summary.GetProperty("hommel_h").GetInt32());
        Assert.Equal(reference.GetProperty("mask_voxels").GetInt32(), summary.GetProperty("n_voxels").GetInt32());
        Assert.Equal(summary.GetProperty("n_voxels").GetInt32() - summary.GetProperty("hommel_h").GetInt32(), summary.GetProperty("true_discoveries").GetInt32());
        Assert.Equal([2.5, 3.5, 4.5], summary.GetProperty("thresholds").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(6, summary.GetProperty("connectivity").GetInt32());
        Assert.False(summary.GetProperty("two_sided").GetBoolean());
        Assert.Equal(0.05, summary.GetProperty("alpha").GetDouble());
        foreach (string key in new[] { "ari_version", "command", "stat", "mask", "n_clusters", "seconds" })
            Assert.True(summary.TryGetProperty(key, out _), key);

        var table = ReadTsv(Path.Combine(output, "clusters.tsv"));
        Assert.Equal("cluster_id\tthreshold\tsize\tsize_mm3\ttrue_discoveries\ttdp\tpeak_stat\tpeak_x\tpeak_y\tpeak_z\tpeak_i\tpeak_j\tpeak_k\tcom_x\tcom_y\tcom_z",
            File.ReadLines(Path.Combine(output, "clusters.tsv")).First());
        Assert.Equal(summary.GetProperty("n_clusters").GetInt32(), table.Count);
        // 3 mm voxels: 27 mm3 each.
        Assert.All(table, row => Assert.Equal(27L * long.Parse(row["size"], CultureInfo.InvariantCulture), long.Parse(row["size_mm3"], CultureInfo.InvariantCulture)));
        // The table's TDPs are the map's: nilearn's distinct values, and the largest cluster first on the terminal.
        var distinct = reference.GetProperty("tdp_distinct_values").EnumerateArray().Select(e => Math.Round(e.GetDouble(), 9)).ToHashSet();
        Assert.All(table, row => Assert.Contains(Math.Round(double.Parse(row["tdp"], CultureInfo.InvariantCulture), 9), distinct));
        Assert.Contains("1,151", result.StdOut);
        Assert.True(result.StdOut.IndexOf("1,151", StringComparison.Ordinal) < result.StdOut.IndexOf("229", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("z")]
    [InlineData("pvalue_file")]
    public void FslAuditoryMatchesAribrain(string pSource)
    {
        using var dir = new TempDirectory();
        var args = new List<string> { "tdp", "--stat", Fsl("zstat.nii.gz"), "--mask", Fsl("mask.nii.gz"), "--threshold", "3.2", "--connectivity", "26", "--out", dir.Path };
        if (pSource == "pvalue_file") args.AddRange(["--pvalues", Fsl("pvalue.nii.gz")]);
        var result = AriProcess.Run([.. args]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var expected = ReadTsv(TestPaths.TestFile("Inference", "aribrain_fsl_auditory.tsv"))
            .Where(r => r["p_source"] == pSource && r["cluster"] is not ("mask" or "0"))
            .Select(r => (int.Parse(r["size"], CultureInfo.InvariantCulture), int.Parse(r["true_discoveries"], CultureInfo.InvariantCulture)))
            .Order().ToArray();
        var ours = ReadTsv(Path.Combine(dir.Path, "clusters.tsv"))
            .Select(r => (int.Parse(r["size"], CultureInfo.InvariantCulture), int.Parse(r["true_discoveries"], CultureInfo.InvariantCulture)))
            .Order().ToArray();
        Assert.Equal(expected, ours);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "summary.json"))).RootElement;
        Assert.Equal(145872, summary.GetProperty("n_voxels").GetInt32());
        Assert.Equal(10857, summary.GetProperty("true_discoveries").GetInt32()); // ARIbrain: "at least 10857 discoveries"
    }

    [Fact]
    public void LabelMapGivesOneRowPerLabel()
    {
        using var dir = new TempDirectory();
        var result = AriProcess.Run("tdp", "--stat", Fsl("zstat.nii.gz"), "--mask", Fsl("mask.nii.gz"),
            "--clusters", Fsl("cluster_th_3.2.nii.gz"), "--out", dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = ReadTsv(Path.Combine(dir.Path, "clusters.tsv"));
        Assert.Equal(Enumerable.Range(1, 18).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r["cluster_id"]));
        Assert.All(rows, r => Assert.Equal("n/a", r["threshold"]));
        var biggest = rows.Single(r => r["cluster_id"] == "18");
        Assert.Equal(("6907", "5179"), (biggest["size"], biggest["true_discoveries"]));
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "summary.json"))).RootElement;
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("connectivity").ValueKind);
        Assert.Empty(summary.GetProperty("thresholds").EnumerateArray());
    }

    [Fact]
    public void TwoSidedWritesASignedMapAndNegativeThresholds()
    {
        using var dir = new TempDirectory();
        var grid = new ImageGrid(10, 10, 10, Affine.FromScaleAndOffset(2, 2, 2, -10, -10, -10));
        var z = new Volume<double>(grid);
        var random = new Random(1);
        for (int v = 0; v < z.Data.Length; v++) z.Data[v] = random.NextDouble() - 0.5;
        for (int i = 1; i < 4; i++) for (int j = 1; j < 4; j++) { z[i, j, 2] = 7; z[i + 5, j + 5, 7] = -7; }
        string stat = dir.File("z.nii.gz");
        NiftiWriter.Write(stat, z);

        var result = AriProcess.Run("tdp", "--stat", stat, "--threshold", "3", "--two-sided", "--out", dir.File("out"));
        Assert.True(result.ExitCode == 0, result.ToString());

        var tdp = NiftiFile.Read(dir.File("out/tdp.nii.gz"));
        Assert.True(tdp[2, 2, 2] > 0);
        Assert.True(tdp[7, 7, 7] < 0);
        Assert.Equal(tdp[2, 2, 2], -tdp[7, 7, 7]);
        var rows = ReadTsv(dir.File("out/clusters.tsv"));
        Assert.Equal(new[] { ("1", "3"), ("2", "-3") }, rows.Select(r => (r["cluster_id"], r["threshold"])));
        Assert.Equal("-7", rows[1]["peak_stat"]);
        Assert.Contains("z < -3", result.StdOut);
        Assert.True(JsonDocument.Parse(File.ReadAllText(dir.File("out/summary.json"))).RootElement.GetProperty("two_sided").GetBoolean());
    }

    [Fact]
    public void HcpGroupWithMinusInfinityRuns()
    {
        using var dir = new TempDirectory();
        string folder = TestPaths.SharedFile("data", "real", "hcp_group");
        var result = AriProcess.Run("tdp", "--stat", Path.Combine(folder, "z.nii.gz"), "--mask", Path.Combine(folder, "mask.nii.gz"),
            "--threshold", "3.1", "--connectivity", "26", "--out", dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        var tdp = NiftiFile.Read(Path.Combine(dir.Path, "tdp.nii.gz"));
        Assert.All(tdp.Data, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Contains(tdp.Data, v => v > 0);
    }

    public static TheoryData<string, string[], int, string[]> BadInputs() => new()
    {
        { "alpha 0", ["--alpha", "0"], 2, ["--alpha"] },
        { "alpha 1.5", ["--alpha", "1.5"], 2, ["--alpha"] },
        { "negative threshold", ["--threshold", "2.5,-3"], 2, ["--threshold", "negative"] },
        { "connectivity 8", ["--connectivity", "8"], 2, ["--connectivity"] },
        { "threshold with a label map", ["--clusters", "{labels}", "--threshold", "3"], 2, ["--threshold", "--clusters"] },
        { "4D stat map", ["--stat", "{4d}"], 1, ["--stat", "4D"] },
        { "mask on another grid", ["--mask", "{otherGrid}"], 1, ["--mask", "grid"] },
        { "label map on another grid", ["--clusters", "{otherGrid}"], 1, ["--clusters", "grid"] },
        { "p-values on another grid", ["--pvalues", "{otherGrid}"], 1, ["--pvalues", "grid"] },
        { "empty mask", ["--mask", "{empty}"], 1, ["--mask", "empty"] },
        { "no finite value", ["--stat", "{nan}"], 1, ["--stat", "no finite value"] },
        { "missing stat file", ["--stat", "{missing}"], 1, ["--stat", "no such file"] },
        { "p-value above 1", ["--pvalues", "{badP}"], 1, ["--pvalues", "between 0 and 1"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputIsACleanErrorWithNoOutput(string name, string[] overrides, int exitCode, string[] fragments)
    {
        using var dir = new TempDirectory();
        var grid = new ImageGrid(6, 5, 4, Affine.FromScaleAndOffset(3, 3, 3));
        var files = new Dictionary<string, string>
        {
            ["stat"] = Write(dir, "z.nii.gz", grid, v => v % 7 == 0 ? 4.0 : 0.5),
            ["labels"] = Write(dir, "labels.nii.gz", grid, v => v % 3),
            ["otherGrid"] = Write(dir, "other.nii.gz", new ImageGrid(6, 5, 5, grid.Affine), _ => 1),
            ["empty"] = Write(dir, "empty.nii.gz", grid, _ => 0),
            ["nan"] = Write(dir, "nan.nii.gz", grid, _ => double.NaN),
            ["badP"] = Write(dir, "p.nii.gz", grid, v => v == 14 ? 1.5 : 0.5),
            ["4d"] = TestPaths.TestFile("Nifti", "Fixtures", "float32_4d.nii.gz"),
            ["missing"] = dir.File("missing.nii.gz"),
        };
        var options = new Dictionary<string, string> { ["--stat"] = files["stat"], ["--out"] = dir.File("out") };
        for (int i = 0; i < overrides.Length; i += 2)
        {
            string value = overrides[i + 1];
            options[overrides[i]] = value.StartsWith('{') ? files[value.Trim('{', '}')] : value;
        }

        var result = AriProcess.Run(["tdp", .. options.SelectMany(o => new[] { o.Key, o.Value })]);

        AriProcess.AssertCleanError(result, exitCode, fragments);
        Assert.False(Directory.Exists(dir.File("out")), $"{name}: the output folder should not exist");
    }

    private static string Write(TempDirectory dir, string name, ImageGrid grid, Func<int, double> value)
    {
        var data = Enumerable.Range(0, grid.VoxelCount).Select(value).ToArray();
        string path = dir.File(name);
        NiftiWriter.Write(path, new Volume<double>(grid, data));
        return path;
    }

    private static List<Dictionary<string, string>> ReadTsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split('\t').Select((v, i) => (header[i], v)).ToDictionary(x => x.Item1, x => x.v)).ToList();
    }
}
