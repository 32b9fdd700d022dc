using System.Globalization;
using System.Text.Json;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>
/// Issue 14's data-loss reproductions, run as users run them: outputs that would replace inputs, participants
/// tables paired with maps by id, masks on another grid or not binary, and output folders with missing parents.
/// The small images are made here.
/// </summary>
public class InputSafetyTests
{
    private static readonly ImageGrid Grid = new(8, 8, 8, Affine.FromScaleAndOffset(3, 3, 3, -12, -12, -12));

    /// <summary>Map of subject s: age * pattern + noise (seeded), so that pairing ages with the wrong maps changes z.</summary>
    private static void WriteMap(string path, double age, int seed)
    {
        var random = new Random(seed);
        var data = new float[Grid.VoxelCount];
        for (int v = 0; v < data.Length; v++)
            data[v] = (float)(0.2 * age * ((v % 7) - 3) / 3 + random.NextDouble() - 0.5);
        NiftiFile.Write(path, new Volume<float>(Grid, data));
    }

    private static double Age(int subject) => 20 + (subject * 7) % 23;

    /// <summary>sub-1 ... sub-16 (no zero padding) and a BIDS participants.tsv in natural order.</summary>
    private static void WriteBidsStudy(TempDirectory dir, int maps = 16, int rows = 16)
    {
        for (int s = 1; s <= maps; s++) WriteMap(dir.File($"sub-{s}_contrast.nii.gz"), Age(s), s);
        File.WriteAllText(dir.File("participants.tsv"), "participant_id\tage\n" +
            string.Concat(Enumerable.Range(1, rows).Select(s => string.Create(CultureInfo.InvariantCulture, $"sub-{s}\t{Age(s)}\n"))));
    }

    private static double[] Z(string outDir) => NiftiFile.Read(Path.Combine(outDir, "z_score.nii.gz")).Data;

    [Fact]
    public void GlmRefusesToReplaceItsDesignAndMask()
    {
        using var dir = new TempDirectory();
        for (int s = 1; s <= 4; s++) WriteMap(dir.File($"sub-{s}.nii.gz"), Age(s), s);
        File.WriteAllText(dir.File("design.tsv"), "age\n1\n2\n3\n5\n");
        NiftiFile.Write(dir.File("mask.nii.gz"), new Volume<byte>(Grid, Enumerable.Repeat((byte)1, Grid.VoxelCount).ToArray()));
        string design = File.ReadAllText(dir.File("design.tsv"));
        byte[] mask = File.ReadAllBytes(dir.File("mask.nii.gz"));

        var run = AriProcess.Run("glm", "--maps", dir.File("sub-*.nii.gz"), "--design", dir.File("design.tsv"), "--mask", dir.File("mask.nii.gz"), "--out", dir.Path);
        AriProcess.AssertCleanError(run, 2, "--out", "would replace the input", dir.Path);
        Assert.Equal(design, File.ReadAllText(dir.File("design.tsv")));
        Assert.Equal(mask, File.ReadAllBytes(dir.File("mask.nii.gz")));
        Assert.False(File.Exists(dir.File("z_score.nii.gz")));

        // The mask alone (no design) is caught too, and through a symbolic link to the folder.
        Directory.CreateSymbolicLink(dir.File("alias"), dir.Path);
        run = AriProcess.Run("glm", "--maps", dir.File("sub-*.nii.gz"), "--mask", dir.File("mask.nii.gz"), "--out", dir.File("alias"));
        AriProcess.AssertCleanError(run, 2, "--out", "mask.nii.gz would replace the input " + dir.File("mask.nii.gz"));
        Assert.Equal(mask, File.ReadAllBytes(dir.File("mask.nii.gz")));
    }

    [Fact]
    public void TdpRefusesToReplaceItsInputAndMissingParentsAreCreatedInEveryCommand()
    {
        using var dir = new TempDirectory();
        for (int s = 1; s <= 4; s++) WriteMap(dir.File($"sub-{s}.nii.gz"), Age(s), s);
        string glmDir = dir.File("a/b/glm");
        var glm = AriProcess.Run("glm", "--maps", dir.File("sub-*.nii.gz"), "--out", glmDir, "--quiet");
        Assert.True(glm.ExitCode == 0, glm.ToString());

        string tdpDir = dir.File("c/d/tdp");
        var tdp = AriProcess.Run("tdp", "--stat", Path.Combine(glmDir, "z_score.nii.gz"), "--threshold", "0.5", "--out", tdpDir);
        Assert.True(tdp.ExitCode == 0, tdp.ToString());

        // ari tdp --stat X/tdp.nii.gz --out X would replace its input.
        string tdpMap = Path.Combine(tdpDir, "tdp.nii.gz");
        byte[] before = File.ReadAllBytes(tdpMap);
        var again = AriProcess.Run("tdp", "--stat", tdpMap, "--threshold", "0.5", "--out", tdpDir);
        AriProcess.AssertCleanError(again, 2, "--out", tdpMap + " would replace the input " + tdpMap);
        Assert.Equal(before, File.ReadAllBytes(tdpMap));

        var plot = AriProcess.Run("plot", "--stat", tdpMap, "--bg", Path.Combine(glmDir, "mask.nii.gz"), "--out", dir.File("e/f/tdp.png"));
        Assert.True(plot.ExitCode == 0, plot.ToString());
        var report = AriProcess.Run("report", "--glm", glmDir, "--tdp", tdpDir, "--bg", Path.Combine(glmDir, "mask.nii.gz"), "--out", dir.File("g/h/report.html"));
        Assert.True(report.ExitCode == 0, report.ToString());
        var plotOverInput = AriProcess.Run("plot", "--stat", tdpMap, "--bg", Path.Combine(glmDir, "mask.nii.gz"), "--out", Path.Combine(glmDir, "mask.png"));
        Assert.True(plotOverInput.ExitCode == 0, plotOverInput.ToString());
        var simulate = AriProcess.Run("simulate", "--out", dir.File("i/j/sim"), "--subjects", "2", "--quiet");
        Assert.True(simulate.ExitCode == 0, simulate.ToString());
        foreach (string made in new[] { "c/d/tdp/summary.json", "e/f/tdp.png", "g/h/report.html", "i/j/sim/dataset.json" })
            Assert.True(File.Exists(dir.File(made)), made);

        // A file where a parent folder should be: the same usage error (exit 2) in every command.
        File.WriteAllText(dir.File("file"), "x");
        foreach (var args in new[]
                 {
                     new[] { "glm", "--maps", dir.File("sub-*.nii.gz"), "--out", dir.File("file/out") },
                     ["tdp", "--stat", tdpMap, "--out", dir.File("file/out")],
                     ["plot", "--stat", tdpMap, "--bg", tdpMap, "--out", dir.File("file/out/x.png")],
                     ["report", "--glm", glmDir, "--tdp", tdpDir, "--out", dir.File("file/r.html")],
                     ["simulate", "--out", dir.File("file/sim")],
                 })
            AriProcess.AssertCleanError(AriProcess.Run(args), 2, "--out", "is a file");
    }

    [Fact]
    public void ABidsParticipantsTableIsPairedByIdNotByGlobOrder()
    {
        using var dir = new TempDirectory();
        WriteBidsStudy(dir);
        string glob = dir.File("sub-*_contrast.nii.gz");

        // Paired by participant_id: the glob's order (sub-1, sub-10, ..., sub-2, ...) does not matter.
        var byId = AriProcess.Run("glm", "--maps", glob, "--design", dir.File("participants.tsv"), "--contrast", "age", "--out", dir.File("by-id"), "--quiet");
        Assert.True(byId.ExitCode == 0, byId.ToString());
        Assert.Equal("", byId.StdErr);
        using (var json = JsonDocument.Parse(File.ReadAllText(dir.File("by-id/glm.json"))))
            Assert.Equal("participant_id", json.RootElement.GetProperty("design").GetProperty("rows_paired_by").GetString());

        // The truth: a table naming each row's map.
        File.WriteAllText(dir.File("with-maps.tsv"), "map\tage\n" +
            string.Concat(Enumerable.Range(1, 16).Select(s => string.Create(CultureInfo.InvariantCulture, $"sub-{s}_contrast.nii.gz\t{Age(s)}\n"))));
        var truth = AriProcess.Run("glm", "--design", dir.File("with-maps.tsv"), "--contrast", "age", "--out", dir.File("truth"), "--quiet");
        Assert.True(truth.ExitCode == 0, truth.ToString());
        double[] zById = Z(dir.File("by-id")), zTruth = Z(dir.File("truth"));
        Assert.All(Enumerable.Range(0, zById.Length), v => Assert.True(Math.Abs(zById[v] - zTruth[v]) < 1e-9, $"voxel {v}"));
        Assert.Contains(zTruth, z => Math.Abs(z) > 3);

        // Before the fix (rows taken in the glob's order; here a table without ids): z is far off, and a note says how rows were paired.
        File.WriteAllText(dir.File("ages.tsv"), "age\n" + string.Concat(Enumerable.Range(1, 16).Select(s => string.Create(CultureInfo.InvariantCulture, $"{Age(s)}\n"))));
        var byOrder = AriProcess.Run("glm", "--maps", glob, "--design", dir.File("ages.tsv"), "--contrast", "age", "--out", dir.File("by-order"), "--quiet");
        Assert.True(byOrder.ExitCode == 0, byOrder.ToString());
        Assert.Contains("note:", byOrder.StdErr);
        Assert.Contains("in the order given", byOrder.StdErr);
        double[] zOrder = Z(dir.File("by-order"));
        Assert.True(Enumerable.Range(0, zOrder.Length).Max(v => Math.Abs(zOrder[v] - zTruth[v])) > 2);
    }

    [Fact]
    public void IncompleteOrAmbiguousPairingsAreRefusedNamingTheIdsAndFiles()
    {
        using var dir = new TempDirectory();
        WriteBidsStudy(dir, maps: 16, rows: 15);
        string glob = dir.File("sub-*_contrast.nii.gz");
        var missingRow = AriProcess.Run("glm", "--maps", glob, "--design", dir.File("participants.tsv"), "--out", dir.File("o"));
        AriProcess.AssertCleanError(missingRow, 1, "participants.tsv", "participant_id", "no row for " + dir.File("sub-16_contrast.nii.gz"));

        File.AppendAllText(dir.File("participants.tsv"), "sub-16\t30\nsub-17\t31\n");
        var missingMap = AriProcess.Run("glm", "--maps", glob, "--design", dir.File("participants.tsv"), "--out", dir.File("o"));
        AriProcess.AssertCleanError(missingMap, 1, "no map for sub-17");

        // The same file twice: a warning, then (paired by id) one row matching two maps is refused.
        File.WriteAllText(dir.File("two.tsv"), "participant_id\tage\nsub-1\t1\nsub-2\t2\nsub-3\t4\n");
        string[] twice = [dir.File("sub-1_contrast.nii.gz"), dir.File("sub-2_contrast.nii.gz"), dir.File("sub-3_contrast.nii.gz"), dir.File("sub-1_contrast.nii.gz")];
        var duplicate = AriProcess.Run(["glm", "--maps", .. twice, "--design", dir.File("two.tsv"), "--out", dir.File("o"), "--quiet"]);
        Assert.Contains("warning: the map " + dir.File("sub-1_contrast.nii.gz") + " is given twice", duplicate.StdErr);
        AriProcess.AssertCleanError(duplicate, 1, "sub-1 matches several maps");
        var warnedOnly = AriProcess.Run(["glm", "--maps", .. twice, "--out", dir.File("o2"), "--quiet"]);
        Assert.True(warnedOnly.ExitCode == 0, warnedOnly.ToString());
        Assert.Contains("is given twice (maps 1 and 4)", warnedOnly.StdErr);
        Assert.False(Directory.Exists(dir.File("o")));
    }

    [Fact]
    public void MasksOnAnotherGridAreResampledAndSaidSoAndNonBinaryMasksAreRefusedByGlmAndTdp()
    {
        using var dir = new TempDirectory();
        for (int s = 1; s <= 4; s++) WriteMap(dir.File($"sub-{s}.nii.gz"), Age(s), s);
        var coarse = new ImageGrid(4, 4, 4, Affine.FromScaleAndOffset(6, 6, 6, -12, -12, -12));
        NiftiFile.Write(dir.File("coarse.nii.gz"), new Volume<byte>(coarse, Enumerable.Repeat((byte)1, coarse.VoxelCount).ToArray()));
        var resampled = AriProcess.Run("glm", "--maps", dir.File("sub-*.nii.gz"), "--mask", dir.File("coarse.nii.gz"), "--out", dir.File("g"), "--quiet");
        Assert.True(resampled.ExitCode == 0, resampled.ToString());
        Assert.Contains("note: the mask " + dir.File("coarse.nii.gz") + " is resampled (nearest neighbour) from 4x4x4", resampled.StdErr);
        using (var json = JsonDocument.Parse(File.ReadAllText(dir.File("g/glm.json"))))
            Assert.StartsWith("resampled (nearest neighbour) from 4x4x4 (6x6x6 mm) to the maps' grid 8x8x8 (3x3x3 mm)",
                json.RootElement.GetProperty("mask").GetProperty("resampled").GetString());

        var data = new double[Grid.VoxelCount];
        for (int v = 0; v < data.Length; v++) data[v] = v % 3 * 0.5; // 0, 0.5, 1
        NiftiFile.Write(dir.File("soft.nii.gz"), new Volume<double>(Grid, data));
        var glm = AriProcess.Run("glm", "--maps", dir.File("sub-*.nii.gz"), "--mask", dir.File("soft.nii.gz"), "--out", dir.File("g2"));
        AriProcess.AssertCleanError(glm, 1, "--mask", "soft.nii.gz", "not a binary mask", "0, 0.5, 1");
        var tdp = AriProcess.Run("tdp", "--stat", dir.File("g/z_score.nii.gz"), "--mask", dir.File("soft.nii.gz"), "--out", dir.File("t"));
        AriProcess.AssertCleanError(tdp, 1, "--mask", "soft.nii.gz", "not a binary mask", "0, 0.5, 1");
        Assert.False(Directory.Exists(dir.File("g2")));
        Assert.False(Directory.Exists(dir.File("t")));
    }

    [Fact]
    public void HugeDesignValuesAndEmptyPathsAreNamedErrors()
    {
        using var dir = new TempDirectory();
        for (int s = 1; s <= 4; s++) WriteMap(dir.File($"sub-{s}.nii.gz"), Age(s), s);
        File.WriteAllText(dir.File("design.tsv"), "x\n1e301\n2\n3\n4\n");
        AriProcess.AssertCleanError(AriProcess.Run("glm", "--maps", dir.File("sub-*.nii.gz"), "--design", dir.File("design.tsv"), "--out", dir.File("o")),
            1, "design.tsv", "line 2, column 'x'", "too large");
        AriProcess.AssertCleanError(AriProcess.Run("glm", "--maps", "", "--out", dir.File("o")), 2, "--maps", "empty path");
        AriProcess.AssertCleanError(AriProcess.Run("tdp", "--stat", "", "--out", dir.File("o")), 2, "--stat", "empty path");
        AriProcess.AssertCleanError(AriProcess.Run("glm", "--maps", dir.File("sub-1.nii.gz"), dir.File("sub-2.nii.gz"), "--out", ""), 2, "--out", "empty path");
        Assert.False(Directory.Exists(dir.File("o")));
    }
}
