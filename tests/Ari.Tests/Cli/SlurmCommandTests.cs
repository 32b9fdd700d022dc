using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>
/// `ari slurm glm ... --local`: the shards as processes here give the outputs of `ari glm --shard K/N` + combine
/// bit for bit; a shard killed while writing leaves no shard file, status names it, resubmitting it alone completes.
/// </summary>
public class SlurmCommandTests
{
    private static string Localizer(string file) => TestPaths.SharedFile("data", "sim", "localizer16", file);
    private static readonly string[] Glm = ["--maps", Localizer("sub-*_contrast.nii.gz"), "--fwhm", "8"];

    [Fact]
    public void LocalRunSurvivesAKilledShardAndMatchesManualShardsAndTheSingleRun()
    {
        using var dir = new TempDirectory();
        string run = dir.File("run");
        var killed = AriProcess.Run(dir.Path, new Dictionary<string, string?> { ["ARI_FAULT_KILL_SHARD"] = "3" },
            ["slurm", "glm", .. Glm, "--shards", "4", "--local", "--out", run]);
        Assert.True(killed.ExitCode == 1, killed.ToString());
        Assert.Contains("shard 3    failed", killed.StdOut);
        Assert.EndsWith("failed\n", killed.StdOut);
        Assert.False(File.Exists(Path.Combine(run, "shards", "shard-3-of-4", "shard-3-of-4.glmstats")), "a killed shard left its file");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "shards", "shard-3-of-4"), ".shard-3-of-4.glmstats.*.tmp")); // it was killed while writing
        Assert.Contains("killing shard 3 midway", File.ReadAllText(Path.Combine(run, "logs", "shard-3.log")));
        Assert.False(File.Exists(Path.Combine(run, "glm.json")));

        var status = AriProcess.Run("slurm", "status", run);
        Assert.True(status.ExitCode == 1, status.ToString());
        Assert.Contains("3 of 4 done, 1 failed", status.StdOut);
        Assert.Contains("shard 3    failed: exited with code 137", status.StdOut);
        Assert.Contains("--array=3 ", status.StdOut);

        var resubmit = AriProcess.Run("slurm", "resubmit", run, "--local");
        Assert.True(resubmit.ExitCode == 0, resubmit.ToString());
        Assert.Contains("shards     3 of 4", resubmit.StdOut);
        Assert.Contains("[slurm] shard 3/4: done", resubmit.StdErr);
        Assert.DoesNotContain("shard 1/4", resubmit.StdErr); // only the failed one ran again
        var complete = AriProcess.Run("slurm", "status", run);
        Assert.True(complete.ExitCode == 0, complete.ToString());
        Assert.EndsWith("complete\n", complete.StdOut);
        Assert.Empty(Directory.GetFiles(Path.Combine(run, "shards"), ".*.tmp", SearchOption.AllDirectories));

        // The same shards by hand, and one process.
        for (int k = 1; k <= 4; k++) GlmShardCommandTests.Shard(dir.File("parts"), k, 4, ["glm", .. Glm]);
        var combine = AriProcess.Run("glm", "combine", dir.File("parts"), "--out", dir.File("manual"), "--quiet");
        Assert.True(combine.ExitCode == 0, combine.ToString());
        var single = AriProcess.Run(["glm", .. Glm, "--out", dir.File("single"), "--quiet"]);
        Assert.True(single.ExitCode == 0, single.ToString());
        foreach (string name in GlmShardCommandTests.Outputs)
        {
            Assert.True(GlmShardCommandTests.Identical(dir.File($"manual/{name}.nii.gz"), Path.Combine(run, $"{name}.nii.gz")), name);
            Assert.True(GlmShardCommandTests.RelativeDifference(dir.File($"single/{name}.nii.gz"), Path.Combine(run, $"{name}.nii.gz")) <= 1e-12, name);
        }
        Assert.Equal(File.ReadAllText(dir.File("single/design.tsv")), File.ReadAllText(Path.Combine(run, "design.tsv")));
    }

    internal static readonly string[] Permute = ["--maps", Localizer("sub-*_contrast.nii.gz"), "--n-perm", "120", "--seed", "5", "--cluster-threshold", "0.001"];

    /// <summary>Every image and the null maxima table of two permutation output folders are equal byte for byte (permute.json holds timings).</summary>
    internal static void AssertSamePermutationOutputs(string expected, string actual)
    {
        var files = Directory.GetFiles(expected).Select(Path.GetFileName).Where(f => f!.EndsWith(".nii.gz") || f == "null_maxima.tsv").ToArray();
        Assert.Contains("null_maxima.tsv", files);
        Assert.True(files.Length >= 3, string.Join(", ", files));
        foreach (string? file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file!))), $"{file} differs");
        Assert.True(File.Exists(Path.Combine(actual, "permute.json")));
    }

    [Fact]
    public void LocalPermutationShardsAreTheSingleRunBitForBit()
    {
        using var dir = new TempDirectory();
        var single = AriProcess.Run(["permute", .. Permute, "--out", dir.File("single"), "--quiet"]);
        Assert.True(single.ExitCode == 0, single.ToString());
        var local = AriProcess.Run(dir.Path, null, ["slurm", "permute", .. Permute, "--shards", "4", "--local", "--out", dir.File("local"), "--quiet"]);
        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.EndsWith("complete\n", local.StdOut);
        AssertSamePermutationOutputs(dir.File("single"), dir.File("local"));
        Assert.True(File.Exists(dir.File("local/shards/shard-4-of-4/shard.json")));
    }

    [Fact]
    public void WritesScriptsAndChecksTheCommandsOptionsFirst()
    {
        using var dir = new TempDirectory();
        var written = AriProcess.Run(dir.Path, null, ["slurm", "glm", .. Glm, "--shards", "3", "--partition", "short", "--time", "10:00", "--mem", "2G", "--out", dir.File("run")]);
        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.Contains("job.sbatch (array 1-3)", written.StdOut);
        string script = File.ReadAllText(dir.File("run/job.sbatch"));
        Assert.Contains("#SBATCH --array=1-3", script);
        Assert.Contains("#SBATCH --partition=short", script);
        Assert.Contains("'--fwhm' '8' --shard \"${SLURM_ARRAY_TASK_ID}/3\"", script);
        Assert.True(File.Exists(dir.File("run/combine.sbatch")));
        var status = AriProcess.Run("slurm", "status", dir.File("run"));
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("3 not submitted", status.StdOut);

        AriProcess.AssertCleanError(AriProcess.Run(["slurm", "glm", .. Glm, "--shards", "3", "--out", dir.File("run")]), 1, "already holds");
        AriProcess.AssertCleanError(AriProcess.Run(["slurm", "glm", .. Glm, "--frobnicate", "--shards", "3", "--out", dir.File("x")]), 2, "--frobnicate");
        AriProcess.AssertCleanError(AriProcess.Run(["slurm", "glm", .. Glm, "--shard", "1/3", "--shards", "3", "--out", dir.File("x")]), 2, "--shard");
        AriProcess.AssertCleanError(AriProcess.Run(["slurm", "glm", .. Glm, "--shards", "3", "--local", "--submit", "--out", dir.File("x")]), 2, "--local");
        AriProcess.AssertCleanError(AriProcess.Run(["slurm", "glm", .. Glm, "--shards", "0", "--out", dir.File("x")]), 2, "--shards");
        AriProcess.AssertCleanError(AriProcess.Run(["slurm", "glm", .. Glm, "--shards", "2", "--mem", "much", "--out", dir.File("x")]), 2, "--mem");
        AriProcess.AssertCleanError(AriProcess.Run("slurm", "status", dir.File("nothing")), 1, "nothing");
        Assert.False(Directory.Exists(dir.File("x")));
    }
}
