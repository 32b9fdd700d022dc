using System.Text.Json;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>
/// `ari glm --shard K/N` + `ari glm combine`: one shard is a single run bit for bit; four shards are a single run
/// to 1e-12 relative (normwise, every output; see README for the proven per-voxel bound); bad shard sets are refused.
/// </summary>
public class GlmShardCommandTests
{
    private static string Localizer(string file) => TestPaths.SharedFile("data", "sim", "localizer16", file);

    internal static readonly string[] Outputs = ["z_score", "stat", "p_value", "effect_size", "effect_variance", "mask"];

    internal static void Shard(string parts, int k, int n, params string[] arguments)
    {
        var result = AriProcess.Run([.. arguments, "--shard", $"{k}/{n}", "--out", parts, "--quiet"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"shard-{k}-of-{n}.glmstats", result.StdOut);
    }

    /// <summary>Largest |a - b| over the largest |a|, per output (0 for identical maps).</summary>
    internal static double RelativeDifference(string a, string b)
    {
        double difference = 0, scale = 0;
        foreach (var (x, y) in NiftiFile.ReadFrames<double>(a).Zip(NiftiFile.ReadFrames<double>(b)))
            for (int v = 0; v < x.Data.Length; v++)
            {
                difference = Math.Max(difference, Math.Abs(x.Data[v] - y.Data[v]));
                scale = Math.Max(scale, Math.Abs(x.Data[v]));
            }
        return scale == 0 ? difference : difference / scale;
    }

    internal static bool Identical(string a, string b) =>
        NiftiFile.ReadFrames<double>(a).Zip(NiftiFile.ReadFrames<double>(b)).All(p => p.First.Data.AsSpan().SequenceEqual(p.Second.Data));

    [Fact]
    public void OneShardIsTheSingleRunAndFourAreWithinTheBound()
    {
        using var dir = new TempDirectory();
        string[] glm = ["glm", "--design", Localizer("participants.tsv"), "--contrast", "age", "--fwhm", "8"];
        var single = AriProcess.Run([.. glm, "--out", dir.File("single"), "--quiet"]);
        Assert.True(single.ExitCode == 0, single.ToString());

        Shard(dir.File("one"), 1, 1, glm);
        var one = AriProcess.Run("glm", "combine", dir.File("one"), "--out", dir.File("one-out"), "--quiet");
        Assert.True(one.ExitCode == 0, one.ToString());
        for (int k = 1; k <= 4; k++) Shard(dir.File("four"), k, 4, glm);
        var four = AriProcess.Run(["glm", "combine", .. Enumerable.Range(1, 4).Select(k => dir.File($"four/shard-{k}-of-4.glmstats")).Reverse(), "--out", dir.File("four-out")]);
        Assert.True(four.ExitCode == 0, four.ToString());
        Assert.Contains("Combining 4 shards", four.StdErr);
        Assert.Contains("intercept, age (intercept added)", four.StdOut);

        foreach (string name in Outputs)
        {
            string reference = dir.File($"single/{name}.nii.gz");
            Assert.True(Identical(reference, dir.File($"one-out/{name}.nii.gz")), $"{name}: one shard differs from the single run");
            double relative = RelativeDifference(reference, dir.File($"four-out/{name}.nii.gz"));
            Assert.True(relative <= 1e-12, $"{name}: four shards differ from the single run by {relative:E2} (relative)");
        }
        Assert.Equal(File.ReadAllText(dir.File("single/design.tsv")), File.ReadAllText(dir.File("four-out/design.tsv")));
        using var singleJson = JsonDocument.Parse(File.ReadAllText(dir.File("single/glm.json")));
        using var fourJson = JsonDocument.Parse(File.ReadAllText(dir.File("four-out/glm.json")));
        Assert.Equal(singleJson.RootElement.GetProperty("inputs").ToString(), fourJson.RootElement.GetProperty("inputs").ToString());
        foreach (string key in new[] { "design", "contrast", "mask", "dof", "grid", "outputs", "smoothing_fwhm_mm" })
            Assert.Equal(singleJson.RootElement.GetProperty(key).ToString(), fourJson.RootElement.GetProperty(key).ToString());
    }

    [Fact]
    public void AOneSampleRunInFloat32KeepsItsTypeAndCohensDThroughShards()
    {
        using var dir = new TempDirectory();
        string[] glm = ["glm", "--maps", Localizer("sub-*_contrast.nii.gz"), "--fwhm", "6", "--dtype", "float32"];
        var single = AriProcess.Run([.. glm, "--out", dir.File("single"), "--quiet"]);
        Assert.True(single.ExitCode == 0, single.ToString());
        for (int k = 1; k <= 2; k++) Shard(dir.File("parts"), k, 2, glm);
        var combined = AriProcess.Run("glm", "combine", dir.File("parts"), "--out", dir.File("combined"), "--quiet");
        Assert.True(combined.ExitCode == 0, combined.ToString());
        foreach (string name in Outputs.Append("cohens_d"))
        {
            string reference = dir.File($"single/{name}.nii.gz"), ours = dir.File($"combined/{name}.nii.gz");
            Assert.True(File.Exists(ours), $"{name}: missing from the combined run");
            Assert.Equal(NiftiFile.ReadHeader(reference).DataType, NiftiFile.ReadHeader(ours).DataType);
            double relative = RelativeDifference(reference, ours);
            Assert.True(relative <= 1e-6, $"{name}: two float32 shards differ from the single run by {relative:E2} (relative)");
        }
        Assert.Equal(NiftiDataType.Float32, NiftiFile.ReadHeader(dir.File("combined/z_score.nii.gz")).DataType);

        // a float64 shard of the same analysis belongs to another run
        Shard(dir.File("mixed"), 1, 2, glm);
        Shard(dir.File("mixed"), 2, 2, [.. glm[..^2]]);
        var mixed = AriProcess.Run("glm", "combine", dir.File("mixed"), "--out", dir.File("mixed-out"), "--quiet");
        Assert.NotEqual(0, mixed.ExitCode);
        Assert.False(Directory.Exists(dir.File("mixed-out")));
    }

    [Fact]
    public void CombineRefusesMissingMixedDuplicatedAndDamagedShards()
    {
        using var dir = new TempDirectory();
        string[] smoothed = ["glm", "--maps", Localizer("sub-*_contrast.nii.gz"), "--fwhm", "6"];
        string[] raw = ["glm", "--maps", Localizer("sub-*_contrast.nii.gz")];
        for (int k = 1; k <= 3; k++) Shard(dir.File("a"), k, 3, smoothed);
        Shard(dir.File("b"), 2, 3, raw);

        var missing = AriProcess.Run("glm", "combine", dir.File("a/shard-1-of-3.glmstats"), dir.File("a/shard-3-of-3.glmstats"), "--out", dir.File("out"));
        AriProcess.AssertCleanError(missing, 1, "shard 2 of 3", "missing");
        var mixed = AriProcess.Run("glm", "combine", dir.File("a/shard-1-of-3.glmstats"), dir.File("b/shard-2-of-3.glmstats"), dir.File("a/shard-3-of-3.glmstats"), "--out", dir.File("out"));
        AriProcess.AssertCleanError(mixed, 1, "shard-2-of-3.glmstats", "another run");
        Directory.CreateDirectory(dir.File("copy"));
        File.Copy(dir.File("a/shard-2-of-3.glmstats"), dir.File("copy/shard-2-of-3.glmstats"));
        var twice = AriProcess.Run("glm", "combine", dir.File("a"), dir.File("copy"), "--out", dir.File("out"));
        AriProcess.AssertCleanError(twice, 1, "given twice");

        var bytes = File.ReadAllBytes(dir.File("a/shard-2-of-3.glmstats"));
        File.WriteAllBytes(dir.File("copy/shard-2-of-3.glmstats"), bytes[..(bytes.Length - 1000)]);
        var truncated = AriProcess.Run("glm", "combine", dir.File("a/shard-1-of-3.glmstats"), dir.File("copy"), dir.File("a/shard-3-of-3.glmstats"), "--out", dir.File("out"));
        AriProcess.AssertCleanError(truncated, 1, "shard-2-of-3.glmstats", "truncated");
        var empty = AriProcess.Run("glm", "combine", dir.Path, "--out", dir.File("out"));
        AriProcess.AssertCleanError(empty, 1, "no GLM shard files");
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void BadShardsAreUsageErrors()
    {
        using var dir = new TempDirectory();
        string[] glm = ["glm", "--maps", Localizer("sub-*_contrast.nii.gz"), "--out", dir.File("parts")];
        AriProcess.AssertCleanError(AriProcess.Run([.. glm, "--shard", "5/4"]), 2, "--shard", "5 of 4");
        AriProcess.AssertCleanError(AriProcess.Run([.. glm, "--shard", "half"]), 2, "--shard", "K/N");
        AriProcess.AssertCleanError(AriProcess.Run([.. glm, "--shard", "1/20"]), 1, "--shard", "at most 16");
        Assert.False(Directory.Exists(dir.File("parts")));
    }
}
