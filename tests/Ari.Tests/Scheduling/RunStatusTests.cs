using Ari.Scheduling;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Scheduling;

/// <summary>Status from shard files and from what SLURM reports (a fake squeue here; the real one in SlurmIntegrationTests).</summary>
public class RunStatusTests
{
    private sealed class FakeSlurm(params SlurmTask[] queue) : SlurmClient
    {
        public override IReadOnlyList<SlurmTask>? Queue(IReadOnlyList<string> jobNames) => queue;
        public override IReadOnlyList<SlurmTask>? Accounting(IReadOnlyList<string> jobNames) => null;
    }

    private static ShardedRun Submitted(TempDirectory dir)
    {
        var run = ShardedRuns.Create("glm", [], 4, ["/bin/true"], "glm.json", "shard-{K}-of-{N}.glmstats", new SlurmResources(), dir.File("run"), dir.Path);
        return run.WithSubmission(new Submission("shards", "100", "1-4", "now")).WithSubmission(new Submission("combine", "101", null, "now"));
    }

    private static void Done(ShardedRun run, int k)
    {
        Directory.CreateDirectory(run.ShardFolder(k));
        File.WriteAllText(run.ShardDonePath(k), "");
    }

    [Fact]
    public void ExitCodesFollowTheShardFilesAndTheQueue()
    {
        using var dir = new TempDirectory();
        var run = Submitted(dir);
        Done(run, 1);
        Done(run, 2);
        Directory.CreateDirectory(run.ShardFolder(3));
        File.WriteAllText(Path.Combine(run.ShardFolder(3), ".shard-3-of-4.glmstats.abc.tmp"), "partial"); // a killed writer's leftover

        var running = RunStatus.Of(run, new FakeSlurm(
            new SlurmTask(run.JobName, "100_3", 3, "RUNNING", "None"),
            new SlurmTask(run.JobName, "100_4", 4, "PENDING", "Priority"),
            new SlurmTask(run.CombineJobName, "101", null, "PENDING", "Dependency")));
        Assert.Equal(RunState.Running, running.State);
        Assert.Equal(3, running.ExitCode);
        Assert.Equal([TaskState.Done, TaskState.Done, TaskState.Running, TaskState.Running], running.Shards.Select(s => s.State));

        var failed = RunStatus.Of(run, new FakeSlurm(
            new SlurmTask(run.JobName, "100_3", 3, "CANCELLED", "None"),
            new SlurmTask(run.JobName, "100_4", 4, "RUNNING", "None"),
            new SlurmTask(run.CombineJobName, "101", null, "PENDING", "Dependency")));
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal([3], failed.ToResubmit);
        Assert.Contains("cancelled", failed.Shards[2].Detail);
        Assert.Contains("job 100_3", failed.Shards[2].Detail);

        // Gone from the queue without a shard file: failed too (killed, node lost).
        var vanished = RunStatus.Of(run, new FakeSlurm());
        Assert.Equal([3, 4], vanished.ToResubmit);
        Assert.Equal(1, vanished.ExitCode);

        // A resubmission of shard 3 is newer than the cancelled task.
        var resubmitted = RunStatus.Of(run, new FakeSlurm(
            new SlurmTask(run.JobName, "100_3", 3, "CANCELLED", "None"),
            new SlurmTask(run.JobName, "102_3", 3, "RUNNING", "None"),
            new SlurmTask(run.JobName, "100_4", 4, "COMPLETED", "None")));
        Assert.Equal(TaskState.Running, resubmitted.Shards[2].State);
        Assert.Equal(TaskState.Failed, resubmitted.Shards[3].State);
        Assert.Contains("without writing its shard file", resubmitted.Shards[3].Detail);

        Done(run, 3);
        Done(run, 4);
        var combining = RunStatus.Of(run, new FakeSlurm(new SlurmTask(run.CombineJobName, "101", null, "RUNNING", "None")));
        Assert.Equal(3, combining.ExitCode);
        File.WriteAllText(run.CompleteMarker, "");
        var complete = RunStatus.Of(run, new FakeSlurm());
        Assert.Equal(RunState.Complete, complete.State);
        Assert.Equal(0, complete.ExitCode);
    }

    [Fact]
    public void ANeverSubmittedRunIsIncomplete()
    {
        using var dir = new TempDirectory();
        var run = ShardedRuns.Create("glm", [], 3, ["/bin/true"], "glm.json", "shard-{K}-of-{N}.glmstats", new SlurmResources(), dir.File("run"), dir.Path);
        var status = RunStatus.Of(run, new FakeSlurm());
        Assert.Equal(1, status.ExitCode);
        Assert.All(status.Shards, s => Assert.Equal(TaskState.NotSubmitted, s.State));
        Assert.Equal([1, 2, 3], status.ToResubmit);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 5, 7, 8 }, "1-3,5,7-8")]
    [InlineData(new[] { 4 }, "4")]
    public void ArraySpecsRoundTrip(int[] tasks, string spec)
    {
        Assert.Equal(spec, RunStatus.ArraySpec(tasks));
        for (int k = 1; k <= 9; k++) Assert.Equal(tasks.Contains(k), RunStatus.Covers(spec, k));
    }
}
