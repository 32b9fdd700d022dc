using Ari.Tests.Cli;
using Ari.Tests.TestSupport;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Ari.Tests.Scheduling;

/// <summary>
/// On a real SLURM (one node; .ci/slurm-up.sh): `ari slurm glm --submit` runs the shards as an array job and the
/// combine job after them; the outputs are those of the local executor bit for bit. A shard killed midway is
/// named by `ari slurm status` (exit 1) and `ari slurm resubmit` completes the run by submitting it alone.
/// </summary>
public class SlurmIntegrationTests(ITestOutputHelper output)
{
    private static string Localizer(string file) => TestPaths.SharedFile("data", "sim", "localizer16", file);
    private static readonly string[] Glm = ["--design", Localizer("participants.tsv"), "--contrast", "age", "--fwhm", "8"];

    /// <summary>
    /// Polls `ari slurm status` until it stops answering 3 (running) and no shard is still running (a run with a
    /// failed shard answers 1 at once, while its other shards may still be running); returns the last answer.
    /// </summary>
    private CliResult WaitForRun(string run)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var status = AriProcess.Run("slurm", "status", run);
            bool shardsRunning = Regex.IsMatch(status.StdOut, @"^shards .*\d+ running", RegexOptions.Multiline);
            if ((status.ExitCode != 3 && !shardsRunning) || DateTime.UtcNow > deadline)
            {
                output.WriteLine(status.ToString());
                return status;
            }
            Thread.Sleep(1000);
        }
    }

    [SlurmFact]
    public void GlmShardsThroughSbatchMatchTheLocalExecutorAndSurviveAKilledShard()
    {
        using var dir = new TempDirectory();
        var submitted = AriProcess.Run(dir.Path, null, ["slurm", "glm", .. Glm, "--shards", "4", "--submit", "--out", dir.File("slurm")]);
        output.WriteLine(submitted.ToString());
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Matches(@"submitted  shards: job \d+ \(array 1-4\)", submitted.StdOut);
        Assert.Matches(@"submitted  combine: job \d+ \(after \d+\)", submitted.StdOut);

        // Meanwhile: a run whose shard 2 is killed while writing (the variable reaches the tasks through sbatch's environment).
        var faulty = AriProcess.Run(dir.Path, new Dictionary<string, string?> { ["ARI_FAULT_KILL_SHARD"] = "2" },
            ["slurm", "glm", .. Glm, "--shards", "4", "--submit", "--out", dir.File("faulty")]);
        Assert.True(faulty.ExitCode == 0, faulty.ToString());

        var local = AriProcess.Run(dir.Path, null, ["slurm", "glm", .. Glm, "--shards", "4", "--local", "--out", dir.File("local"), "--quiet"]);
        Assert.True(local.ExitCode == 0, local.ToString());

        var done = WaitForRun(dir.File("slurm"));
        Assert.True(done.ExitCode == 0, done.ToString());
        Assert.EndsWith("complete\n", done.StdOut);
        foreach (string name in GlmShardCommandTests.Outputs)
            Assert.True(GlmShardCommandTests.Identical(dir.File($"local/{name}.nii.gz"), dir.File($"slurm/{name}.nii.gz")), $"{name}: SLURM and local differ");
        Assert.Equal(File.ReadAllText(dir.File("local/design.tsv")), File.ReadAllText(dir.File("slurm/design.tsv")));

        var failed = WaitForRun(dir.File("faulty"));
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("shard 2    failed", failed.StdOut);
        Assert.Contains("3 of 4 done", failed.StdOut);
        Assert.False(File.Exists(dir.File("faulty/shards/shard-2-of-4/shard-2-of-4.glmstats")));
        Assert.False(File.Exists(dir.File("faulty/glm.json")));

        var resubmitted = AriProcess.Run("slurm", "resubmit", dir.File("faulty"));
        output.WriteLine(resubmitted.ToString());
        Assert.True(resubmitted.ExitCode == 0, resubmitted.ToString());
        Assert.Matches(@"submitted  shards: job \d+ \(array 2\)", resubmitted.StdOut);
        var recovered = WaitForRun(dir.File("faulty"));
        Assert.True(recovered.ExitCode == 0, recovered.ToString());
        foreach (string name in GlmShardCommandTests.Outputs)
            Assert.True(GlmShardCommandTests.Identical(dir.File($"local/{name}.nii.gz"), dir.File($"faulty/{name}.nii.gz")), $"{name}: the resubmitted run differs");
    }

    [SlurmFact]
    public void PermutationShardsThroughSbatchAreTheSingleRunBitForBit()
    {
        using var dir = new TempDirectory();
        var submitted = AriProcess.Run(dir.Path, null, ["slurm", "permute", .. SlurmCommandTests.Permute, "--shards", "4", "--submit", "--out", dir.File("slurm")]);
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Matches(@"submitted  shards: job \d+ \(array 1-4\)", submitted.StdOut);
        var single = AriProcess.Run(["permute", .. SlurmCommandTests.Permute, "--out", dir.File("single"), "--quiet"]);
        Assert.True(single.ExitCode == 0, single.ToString());
        var done = WaitForRun(dir.File("slurm"));
        Assert.True(done.ExitCode == 0, done.ToString());
        Assert.EndsWith("complete\n", done.StdOut);
        SlurmCommandTests.AssertSamePermutationOutputs(dir.File("single"), dir.File("slurm"));
    }
}
