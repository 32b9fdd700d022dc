using Ari.Scheduling;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Scheduling;

/// <summary>The scripts `ari slurm` writes: an array job whose task K runs shard K/N, and a combine job; both runnable without SLURM.</summary>
public class JobScriptsTests
{
    private static ShardedRun Create(TempDirectory dir, SlurmResources resources, params string[] arguments) =>
        ShardedRuns.Create("glm", arguments, 8, ["/opt/ari/ari"], "glm.json", "shard-{K}-of-{N}.glmstats", resources, dir.File("run"), dir.Path);

    [Fact]
    public void ArrayScriptRunsShardKOfNWithTheCommandsOwnArguments()
    {
        using var dir = new TempDirectory();
        var run = Create(dir, new SlurmResources("short", "0:30:00", "4G"), "--maps", "data/sub-*.nii.gz", "--contrast", "a - b", "--design", "it's.tsv");
        string script = File.ReadAllText(run.JobScript);
        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Contains("#SBATCH --array=1-8\n", script);
        Assert.Contains($"#SBATCH --job-name={run.JobName}\n", script);
        Assert.Contains($"#SBATCH --output={dir.File("run")}/logs/shard-%a.log\n", script);
        Assert.Contains("#SBATCH --partition=short\n", script);
        Assert.Contains("#SBATCH --time=0:30:00\n", script);
        Assert.Contains("#SBATCH --mem=4G\n", script);
        Assert.Contains($"cd '{dir.Path}'\n", script);
        Assert.Contains("exec '/opt/ari/ari' 'glm' '--maps' 'data/sub-*.nii.gz' '--contrast' 'a - b' '--design' 'it'\\''s.tsv' " +
                        $"--shard \"${{SLURM_ARRAY_TASK_ID}}/8\" --out '{dir.File("run")}/shards'/shard-\"${{SLURM_ARRAY_TASK_ID}}\"-of-8\n", script);

        string combine = File.ReadAllText(run.CombineScript);
        Assert.DoesNotContain("--array", combine);
        Assert.Contains($"#SBATCH --job-name={run.JobName}-combine\n", combine);
        Assert.Contains($"'/opt/ari/ari' 'glm' 'combine' '{dir.File("run")}/shards'/shard-*-of-8 --out '{dir.File("run")}'\n", combine);
        Assert.Equal(Path.Combine(dir.File("run"), "shards", "shard-3-of-8", "shard-3-of-8.glmstats"), run.ShardDonePath(3));
        Assert.Contains("combine.done", combine);

        var loaded = ShardedRun.Load(dir.File("run"));
        Assert.Equal((run.Command, run.Shards, run.JobName, run.Directory, run.WorkingDirectory, run.CompleteWhen, run.Resources),
            (loaded.Command, loaded.Shards, loaded.JobName, loaded.Directory, loaded.WorkingDirectory, loaded.CompleteWhen, loaded.Resources));
        Assert.Equal(["/opt/ari/ari"], loaded.Executable);
        Assert.Equal(["--maps", "data/sub-*.nii.gz", "--contrast", "a - b", "--design", "it's.tsv"], loaded.Arguments);
    }

    [Fact]
    public void TheScriptRunsWithoutSlurmAndNamesTheMissingTaskId()
    {
        using var dir = new TempDirectory();
        var run = ShardedRuns.Create("glm", [], 2, ["/bin/echo"], "glm.json", "x", new SlurmResources(), dir.File("run"), dir.Path);
        var echo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [run.JobScript])
        { RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["SLURM_ARRAY_TASK_ID"] = "2" } })!;
        string output = echo.StandardOutput.ReadToEnd();
        echo.WaitForExit();
        Assert.Equal($"glm --shard 2/2 --out {dir.File("run")}/shards/shard-2-of-2\n", output);

        var bare = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [run.JobScript])
        { RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["SLURM_ARRAY_TASK_ID"] = null } })!;
        string error = bare.StandardError.ReadToEnd();
        bare.WaitForExit();
        Assert.NotEqual(0, bare.ExitCode);
        Assert.Contains("SLURM_ARRAY_TASK_ID", error);
    }

    [Fact]
    public void BadResourcesAndReusedFoldersAreRefused()
    {
        using var dir = new TempDirectory();
        Assert.Equal("time", Assert.Throws<AriException>(() => Create(dir, new SlurmResources(Time: "1h\n#SBATCH --x"))).Parameter);
        Assert.Equal("mem", Assert.Throws<AriException>(() => Create(dir, new SlurmResources(Memory: "lots"))).Parameter);
        Create(dir, new SlurmResources());
        Assert.Contains("already holds", Assert.Throws<AriException>(() => Create(dir, new SlurmResources())).Message);
        Assert.Contains("spaces", Assert.Throws<AriException>(() =>
            ShardedRuns.Create("glm", [], 2, ["/bin/true"], "glm.json", "x", new SlurmResources(), dir.File("with space"), dir.Path)).Message);
    }
}
