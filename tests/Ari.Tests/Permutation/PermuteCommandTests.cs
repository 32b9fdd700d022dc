using System.Text.Json;
using System.Text.Json.Nodes;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Permutation;

/// <summary>`ari permute` shards and bad inputs, on the small cropped data set.</summary>
public class PermuteCommandTests(PermuteFixture fixture) : IClassFixture<PermuteFixture>
{
    private static readonly string[] Run = ["--n-perm", "300", "--seed", "7", "--two-sided", "--cluster-threshold", "0.01", "--tfce"];

    [Fact]
    public void OneShardAndFourShardsCombinedInAnyOrderGiveTheFilesOfASingleRun()
    {
        string single = fixture.NewFolder();
        Assert.Equal(0, fixture.Permute(single, Run).ExitCode);
        var shards = new string[4];
        for (int k = 1; k <= 4; k++)
        {
            shards[k - 1] = fixture.NewFolder();
            var r = fixture.Permute(shards[k - 1], [.. Run, "--shard", $"{k}/4"]);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.True(File.Exists(Path.Combine(shards[k - 1], "shard.json")));
        }
        string one = fixture.NewFolder();
        Assert.Equal(0, fixture.Permute(one, [.. Run, "--shard", "1/1"]).ExitCode);

        string fromOne = fixture.NewFolder(), fromFour = fixture.NewFolder(), fromFourShuffled = fixture.NewFolder();
        Assert.Equal(0, AriProcess.Run("permute", "combine", one, "--out", fromOne, "-q").ExitCode);
        Assert.Equal(0, AriProcess.Run("permute", "combine", shards[0], shards[1], shards[2], shards[3], "--out", fromFour, "-q").ExitCode);
        var r2 = AriProcess.Run("permute", "combine", shards[2], shards[0], shards[3], shards[1], "--out", fromFourShuffled, "-q");
        Assert.True(r2.ExitCode == 0, r2.ToString());

        var files = Directory.GetFiles(single).Select(Path.GetFileName).Order().ToArray();
        Assert.Contains("logp_max_tfce.nii.gz", files);
        foreach (string other in new[] { fromOne, fromFour, fromFourShuffled })
        {
            Assert.Equal(files, Directory.GetFiles(other).Select(Path.GetFileName).Order().ToArray());
            foreach (string file in files.Where(f => f != "permute.json").Select(f => f!))
                Assert.True(File.ReadAllBytes(Path.Combine(single, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(other, file))), $"{file} differs in {other}");
            Assert.Equal(Comparable(single), Comparable(other));
        }
    }

    [Theory]
    [InlineData("simes")]
    [InlineData("pari")]
    [InlineData("notip")]
    public void TdpTemplateFromFourShardsIsTheTemplateOfASingleRun(string method)
    {
        string[] run = ["--n-perm", "120", "--seed", "5", "--cluster-threshold", "0.01", "--tdp-template", method,
            .. method == "notip" ? new[] { "--k-max", "60", "--train-perm", "50" } : []];
        string single = fixture.NewFolder();
        var r = fixture.Permute(single, run);
        Assert.True(r.ExitCode == 0, r.ToString());
        var shards = new string[4];
        for (int k = 1; k <= 4; k++)
        {
            shards[k - 1] = fixture.NewFolder();
            var rk = fixture.Permute(shards[k - 1], [.. run, "--shard", $"{k}/4"]);
            Assert.True(rk.ExitCode == 0, rk.ToString());
            Assert.True(File.Exists(Path.Combine(shards[k - 1], "calibration.bin")));
        }
        string combined = fixture.NewFolder();
        var rc = AriProcess.Run("permute", "combine", shards[3], shards[1], shards[0], shards[2], "--out", combined, "-q");
        Assert.True(rc.ExitCode == 0, rc.ToString());
        foreach (string file in new[] { "template.tsv", "null_maxima.tsv", "logp_max_t.nii.gz", "logp_max_mass.nii.gz" })
            Assert.True(File.ReadAllBytes(Path.Combine(single, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(combined, file))), $"{file} differs");
        var a = JsonNode.Parse(File.ReadAllText(Path.Combine(single, "template.json")))!.AsObject();
        var b = JsonNode.Parse(File.ReadAllText(Path.Combine(combined, "template.json")))!.AsObject();
        a.Remove("command"); b.Remove("command");
        Assert.Equal(a.ToJsonString(), b.ToJsonString());
        Assert.Equal(Comparable(single), Comparable(combined));
        Assert.Equal(120, a["B"]!.GetValue<int>());

        // a shard calibrating another template belongs to another run
        string other = fixture.NewFolder();
        Assert.Equal(0, fixture.Permute(other, ["--n-perm", "120", "--seed", "5", "--cluster-threshold", "0.01", "--tdp-template", method == "simes" ? "pari" : "simes", "--shard", "2/4"]).ExitCode);
        AriProcess.AssertCleanError(AriProcess.Run("permute", "combine", shards[0], other, shards[2], shards[3], "--out", fixture.NewFolder()), 1, "tdp_template");
    }

    /// <summary>permute.json without what legitimately differs between a run and a combine: command, shard folders, seconds.</summary>
    private static string Comparable(string dir)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "permute.json")))!.AsObject();
        node.Remove("command"); node.Remove("shards"); node.Remove("seconds");
        foreach (var input in node["inputs"]!.AsArray()) input!.AsObject().Remove("path");
        return node.ToJsonString();
    }

    [Fact]
    public void CombineRefusesShardsOfAnotherRunMissingOrDuplicatedShards()
    {
        string a1 = fixture.NewFolder(), a2 = fixture.NewFolder(), b2 = fixture.NewFolder();
        Assert.Equal(0, fixture.Permute(a1, [.. Run, "--shard", "1/2"]).ExitCode);
        Assert.Equal(0, fixture.Permute(a2, [.. Run, "--shard", "2/2"]).ExitCode);
        Assert.Equal(0, fixture.Permute(b2, ["--n-perm", "300", "--seed", "8", "--two-sided", "--cluster-threshold", "0.01", "--tfce", "--shard", "2/2"]).ExitCode);
        string outDir = fixture.NewFolder();
        AriProcess.AssertCleanError(AriProcess.Run("permute", "combine", a1, b2, "--out", outDir), 1, b2, "another run", "seed");
        AriProcess.AssertCleanError(AriProcess.Run("permute", "combine", a1, "--out", outDir), 1, "missing shard 2 of 2");
        AriProcess.AssertCleanError(AriProcess.Run("permute", "combine", a1, a1, a2, "--out", outDir), 1, "also given");
        AriProcess.AssertCleanError(AriProcess.Run("permute", "combine", fixture.File("maps"), "--out", outDir), 1, "not a shard folder");
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData(new[] { "--n-perm", "0" }, 2, "--n-perm")]
    [InlineData(new[] { "--n-perm", "-3" }, 2, "--n-perm")]
    [InlineData(new[] { "--shard", "5/4" }, 2, "--shard")]
    [InlineData(new[] { "--shard", "two" }, 2, "--shard")]
    [InlineData(new[] { "--tfce", "fast" }, 2, "--tfce")]
    [InlineData(new[] { "--cluster-threshold", "1.5" }, 2, "--cluster-threshold")]
    public void BadOptionsAreOneErrorLineAndNoOutput(string[] args, int exit, string fragment)
    {
        string outDir = fixture.NewFolder();
        AriProcess.AssertCleanError(fixture.Permute(outDir, args), exit, fragment);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void AnFContrastIsRefused()
    {
        string outDir = fixture.NewFolder();
        AriProcess.AssertCleanError(fixture.Permute(outDir, "--design", fixture.File("groups.tsv"), "--contrast", "g1; g2"), 1, "--contrast", "single t contrast");
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("1\t-1\t1", "3 columns, expected 10")]
    [InlineData("1\t1\t1\t1\t1\t1\t1\t1\t1\t2", "not +1 or -1")]
    public void BadFlipsTablesAreRefused(string row, string fragment)
    {
        string table = fixture.File("bad-" + Guid.NewGuid().ToString("N")[..6] + ".tsv");
        File.WriteAllLines(table, ["1\t1\t1\t1\t1\t1\t1\t1\t1\t1", row]);
        string outDir = fixture.NewFolder();
        AriProcess.AssertCleanError(fixture.Permute(outDir, "--flips", table), 1, "--flips", fragment);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void DuplicatedFlipsAreKeptWithAWarning()
    {
        string table = fixture.File("duplicates.tsv");
        File.WriteAllLines(table, ["1\t1\t1\t1\t1\t1\t1\t1\t1\t1", "-1\t1\t1\t1\t1\t1\t1\t1\t1\t1", "-1\t1\t1\t1\t1\t1\t1\t1\t1\t1"]);
        string outDir = fixture.NewFolder();
        var result = fixture.Permute(outDir, "--flips", table);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning:", result.StdErr);
        Assert.Contains("duplicated", result.StdErr);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(outDir, "null_maxima.tsv")).Length);
    }
}
