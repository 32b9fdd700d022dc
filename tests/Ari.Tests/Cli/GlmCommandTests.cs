using System.Text.Json;
using Ari.Imaging;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>`ari glm` as users run it: outputs against nilearn's, designs from tables, and every bad input a clean error.</summary>
public class GlmCommandTests
{
    private static string Localizer(string file) => TestPaths.SharedFile("data", "sim", "localizer16", file);
    private static string LocalizerGlob => Localizer("sub-*_contrast.nii.gz");

    [Fact]
    public void LocalizerRunMatchesNilearnAndWritesTheDocumentedFiles()
    {
        using var dir = new TempDirectory();
        string outDir = dir.File("out");
        var result = AriProcess.Run("glm", "--maps", LocalizerGlob, "--fwhm", "8", "--out", outDir);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Fitting second level model", result.StdErr);
        Assert.Contains("45448 voxels", result.StdOut);

        var mask = NiftiFile.ReadVolume<double>(Path.Combine(outDir, "mask.nii.gz"));
        Assert.Equal(NiftiDataType.UInt8, NiftiFile.ReadHeader(Path.Combine(outDir, "mask.nii.gz")).DataType);
        var referenceMask = NiftiFile.Read(TestPaths.NilearnReference("mask.nii.gz"));
        Assert.Equal(referenceMask.Data.Select(v => v != 0), mask.Data.Select(v => v != 0));
        foreach (var (name, tolerance) in new[] { ("z_score", 1e-4), ("stat", 1e-4), ("p_value", 1e-7), ("effect_size", 1e-5), ("effect_variance", 1e-5) })
        {
            string file = Path.Combine(outDir, name + ".nii.gz");
            Assert.Equal(NiftiDataType.Float64, NiftiFile.ReadHeader(file).DataType);
            var ours = NiftiFile.Read(file).Data;
            var reference = NiftiFile.ReadFrames<double>(TestPaths.NilearnReference(name + ".nii.gz")).First().Data;
            for (int v = 0; v < ours.Length; v++)
            {
                if (mask.Data[v] == 0) Assert.Equal(0.0, ours[v]);
                else Assert.True(Math.Abs(ours[v] - reference[v]) <= tolerance, $"{name} voxel {v}: {ours[v]:R} vs {reference[v]:R}");
            }
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "glm.json")));
        var root = json.RootElement;
        Assert.Equal("0.1.0", root.GetProperty("ari_version").GetString());
        Assert.StartsWith("ari glm --maps", root.GetProperty("command").GetString());
        Assert.Equal(16, root.GetProperty("inputs").GetArrayLength());
        Assert.Equal(64, root.GetProperty("inputs")[0].GetProperty("sha256").GetString()!.Length);
        Assert.True(root.GetProperty("inputs")[0].GetProperty("bytes").GetInt64() > 0);
        Assert.Equal("design.tsv", root.GetProperty("design").GetProperty("file").GetString());
        Assert.Equal("intercept", root.GetProperty("design").GetProperty("columns")[0].GetString());
        Assert.Equal(16, root.GetProperty("design").GetProperty("rows").GetInt32());
        Assert.Equal("intercept only", root.GetProperty("design").GetProperty("source").GetString());
        Assert.Equal("intercept", root.GetProperty("contrast").GetProperty("expression").GetString());
        Assert.Equal("t", root.GetProperty("contrast").GetProperty("type").GetString());
        Assert.Equal(1.0, root.GetProperty("contrast").GetProperty("matrix")[0][0].GetDouble());
        Assert.Equal(8.0, root.GetProperty("smoothing_fwhm_mm").GetDouble());
        Assert.Equal("background of the mean image", root.GetProperty("mask").GetProperty("source").GetString());
        Assert.Equal(45448, root.GetProperty("mask").GetProperty("voxels").GetInt32());
        Assert.Equal(15, root.GetProperty("dof").GetInt32());
        Assert.Equal([53, 63, 46], root.GetProperty("grid").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(16, root.GetProperty("grid").GetProperty("affine").GetArrayLength());
        foreach (string key in new[] { "z_score", "stat", "p_value", "effect_size", "effect_variance", "mask", "design" })
            Assert.True(File.Exists(Path.Combine(outDir, root.GetProperty("outputs").GetProperty(key).GetString()!)), key);
        foreach (string step in new[] { "read", "mask", "smooth", "fit", "contrast", "write", "total" })
            Assert.True(root.GetProperty("seconds").GetProperty(step).GetDouble() >= 0, step);

        var design = File.ReadAllLines(Path.Combine(outDir, "design.tsv"));
        Assert.Equal("map\tintercept", design[0]);
        Assert.Equal(17, design.Length);
        Assert.EndsWith("sub-01_contrast.nii.gz\t1", design[1]);
    }

    [Fact]
    public void ParticipantsTableSuppliesMapsAndTheAgeCovariate()
    {
        using var dir = new TempDirectory();
        var fromTable = AriProcess.Run("glm", "--design", Localizer("participants.tsv"), "--contrast", "age", "--out", dir.File("table"), "--quiet");
        Assert.True(fromTable.ExitCode == 0, fromTable.ToString());
        Assert.Equal("", fromTable.StdErr);
        Assert.Contains("intercept, age (intercept added)", fromTable.StdOut);
        var design = File.ReadAllLines(dir.File("table/design.tsv"));
        Assert.Equal("map\tintercept\tage", design[0]);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("table/glm.json")));
        Assert.Equal(14, json.RootElement.GetProperty("dof").GetInt32());
        Assert.Equal(Localizer("participants.tsv"), json.RootElement.GetProperty("design").GetProperty("source").GetString());

        // The same maps listed in another order: the table's rows follow them.
        var reversed = Directory.GetFiles(Path.GetDirectoryName(Localizer("participants.tsv"))!, "sub-*_contrast.nii.gz").Order(StringComparer.Ordinal).Reverse().ToArray();
        var withMaps = AriProcess.Run(["glm", "--maps", .. reversed, "--design", Localizer("participants.tsv"), "--contrast", "0,1", "--out", dir.File("maps"), "--quiet"]);
        Assert.True(withMaps.ExitCode == 0, withMaps.ToString());
        var zTable = NiftiFile.Read(dir.File("table/z_score.nii.gz")).Data;
        var zMaps = NiftiFile.Read(dir.File("maps/z_score.nii.gz")).Data;
        for (int v = 0; v < zTable.Length; v++) Assert.Equal(zTable[v], zMaps[v], 1e-12); // same model, maps added in another order
        Assert.EndsWith("sub-16_contrast.nii.gz\t1\t" + File.ReadAllLines(Localizer("participants.tsv"))[16].Split('\t')[2], File.ReadAllLines(dir.File("maps/design.tsv"))[1]);
    }

    [Fact]
    public void GivenMaskAndFContrast()
    {
        using var dir = new TempDirectory();
        var result = AriProcess.Run("glm", "--design", Localizer("participants.tsv"), "--contrast", "intercept; age",
            "--mask", TestPaths.NilearnReference("mask.nii.gz"), "--out", dir.File("out"), "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("out/glm.json")));
        Assert.Equal("F", json.RootElement.GetProperty("contrast").GetProperty("type").GetString());
        Assert.Equal(TestPaths.NilearnReference("mask.nii.gz"), json.RootElement.GetProperty("mask").GetProperty("source").GetString());
        Assert.Equal(2, NiftiFile.ReadHeader(dir.File("out/effect_size.nii.gz")).Dim[4]);
        Assert.Null(json.RootElement.GetProperty("smoothing_fwhm_mm").GetString());
    }

    // ----- bad input: one error line, exit 1 (2 for usage), and no output folder left behind -----

    private static void AssertFailsCleanly(TempDirectory dir, int exitCode, string[] args, params string[] fragments)
    {
        string outDir = dir.File("out");
        var result = AriProcess.Run([.. args, "--out", outDir]);
        AriProcess.AssertCleanError(result, exitCode, fragments);
        Assert.False(Directory.Exists(outDir), $"output folder left behind: {result}");
    }

    private static string[] SomeMaps(int count) =>
        Directory.GetFiles(Path.GetDirectoryName(Localizer("participants.tsv"))!, "sub-*_contrast.nii.gz").Order(StringComparer.Ordinal).Take(count).ToArray();

    [Fact]
    public void MissingAndNonNiftiMapsAreNamed()
    {
        using var dir = new TempDirectory();
        AssertFailsCleanly(dir, 1, ["glm", "--maps", .. SomeMaps(3), dir.File("missing.nii.gz")], "missing.nii.gz");
        File.WriteAllText(dir.File("notes.nii"), "these are not voxels");
        AssertFailsCleanly(dir, 1, ["glm", "--maps", .. SomeMaps(3), dir.File("notes.nii")], "notes.nii");
    }

    [Fact]
    public void TruncatedMapIsNamed()
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(SomeMaps(1)[0]);
        File.WriteAllBytes(dir.File("cut.nii.gz"), bytes[..(bytes.Length / 2)]);
        AssertFailsCleanly(dir, 1, ["glm", "--maps", .. SomeMaps(4), dir.File("cut.nii.gz"), "--fwhm", "8"], "cut.nii.gz", "truncated");
    }

    [Fact]
    public void MapsOnDifferentGridsNameTheFileAndBothShapes()
    {
        using var dir = new TempDirectory();
        NiftiFile.Write(dir.File("small.nii.gz"), new Volume<float>(new ImageGrid(10, 12, 14, Affine.FromScaleAndOffset(3, 3, 3))));
        AssertFailsCleanly(dir, 1, ["glm", "--maps", .. SomeMaps(3), dir.File("small.nii.gz")], "small.nii.gz", "10x12x14", "53x63x46");
    }

    [Fact]
    public void TooFewMapsForAResidualDegreeOfFreedom()
    {
        using var dir = new TempDirectory();
        AssertFailsCleanly(dir, 1, ["glm", "--maps", .. SomeMaps(1)], "1 map is too few", "at least 2");
    }

    [Fact]
    public void DesignRowsMustMatchTheMaps()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("design.tsv"), "age\n20\n30\n40\n");
        AssertFailsCleanly(dir, 1, ["glm", "--maps", .. SomeMaps(5), "--design", dir.File("design.tsv"), "--contrast", "age"], "design.tsv", "3 rows", "5 maps");
    }

    [Fact]
    public void NonNumericDesignValueIsNamed()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("design.tsv"), "age\tgroup\n20\tA\n30\tB\n40\tA\n");
        AssertFailsCleanly(dir, 1, ["glm", "--maps", .. SomeMaps(3), "--design", dir.File("design.tsv")], "design.tsv", "line 2, column 'group'", "'A' is not a number");
    }

    [Fact]
    public void UnknownContrastColumnListsTheColumns()
    {
        using var dir = new TempDirectory();
        AssertFailsCleanly(dir, 1, ["glm", "--design", Localizer("participants.tsv"), "--contrast", "age - height"], "unknown design column 'height'", "intercept, age");
    }

    [Fact]
    public void NonEstimableContrastIsRefused()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("design.csv"), "intercept,g1,g2\n1,1,0\n1,1,0\n1,0,1\n1,0,1\n1,0,1\n");
        AssertFailsCleanly(dir, 1, ["glm", "--maps", .. SomeMaps(5), "--design", dir.File("design.csv"), "--contrast", "g1"], "'g1' is not estimable");
    }

    [Fact]
    public void GlobMatchingNothingIsNamed()
    {
        using var dir = new TempDirectory();
        AssertFailsCleanly(dir, 1, ["glm", "--maps", dir.File("nothing-*.nii.gz")], "--maps", "nothing-*.nii.gz", "matches no file");
    }

    [Fact]
    public void BadOptionValuesAreUsageErrors()
    {
        using var dir = new TempDirectory();
        AssertFailsCleanly(dir, 2, ["glm", "--maps", .. SomeMaps(3), "--fwhm", "-2"], "--fwhm");
        AssertFailsCleanly(dir, 2, ["glm"], "--maps");
    }

    [Fact]
    public void ExistingOutputFolderKeepsNoPartialFiles()
    {
        using var dir = new TempDirectory();
        string outDir = dir.File("existing");
        Directory.CreateDirectory(outDir);
        var result = AriProcess.Run(["glm", "--maps", .. SomeMaps(3), "--contrast", "nope", "--out", outDir]);
        AriProcess.AssertCleanError(result, 1, "unknown design column 'nope'");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir));
    }
}
