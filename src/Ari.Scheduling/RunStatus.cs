using System.Globalization;

namespace Ari.Scheduling;

internal enum TaskState { Done, Running, Failed, NotSubmitted }

/// <summary>One shard (or the combine step) and why it is in its state.</summary>
internal sealed record TaskStatus(int Shard, TaskState State, string Detail);

/// <summary>The whole run: complete (exit 0), still running (exit 3), or failed / incomplete (exit 1).</summary>
internal enum RunState { Complete, Running, Failed }

/// <summary>
/// Where a sharded run stands, from the shard files in DIR/shards (a shard is done exactly when its file is
/// there: files are written atomically), squeue (queued and running tasks), sacct (how ended tasks ended, when
/// the cluster keeps accounting) and the local executor's records (logs/shard-K.pid while running, .exit after).
/// </summary>
internal sealed record RunStatus(ShardedRun Run, IReadOnlyList<TaskStatus> Shards, TaskStatus Combine, RunState State)
{
    public int ExitCode => State switch { RunState.Complete => 0, RunState.Running => 3, _ => 1 };

    /// <summary>Shards that neither have their file nor are running: the ones to submit again.</summary>
    public IReadOnlyList<int> ToResubmit => Shards.Where(s => s.State is TaskState.Failed or TaskState.NotSubmitted).Select(s => s.Shard).ToArray();

    public static RunStatus Of(ShardedRun run, SlurmClient? slurm)
    {
        // The queue first, then the files: a task that ends in between is seen done, never lost.
        var names = new[] { run.JobName, run.CombineJobName };
        bool submittedToSlurm = run.Submissions.Any(s => s.JobId != LocalExecutor.JobId);
        var queue = submittedToSlurm ? slurm?.Queue(names) : null;
        var accounting = submittedToSlurm ? slurm?.Accounting(names) : null;
        var done = DoneShards(run);

        var shards = new List<TaskStatus>();
        for (int k = 1; k <= run.Shards; k++)
        {
            if (done.Contains(k)) { shards.Add(new(k, TaskState.Done, "shard file written")); continue; }
            shards.Add(PendingShard(run, k, queue, accounting));
        }
        var combine = CombineStatus(run, shards, queue, accounting);
        var state = combine.State == TaskState.Done ? RunState.Complete
            : shards.Any(s => s.State is TaskState.Failed or TaskState.NotSubmitted) || combine.State is TaskState.Failed or TaskState.NotSubmitted ? RunState.Failed
            : RunState.Running;
        return new RunStatus(run, shards, combine, state);
    }

    /// <summary>Shards whose done file is in their folder (DIR/shards/shard-K-of-N/...; written atomically, so never partial).</summary>
    public static HashSet<int> DoneShards(ShardedRun run) =>
        Enumerable.Range(1, run.Shards).Where(k => File.Exists(run.ShardDonePath(k))).ToHashSet();

    private static TaskStatus PendingShard(ShardedRun run, int k, IReadOnlyList<SlurmTask>? queue, IReadOnlyList<SlurmTask>? accounting)
    {
        if (LocalExecutor.RunningPid(run, k) is { } pid) return new(k, TaskState.Running, $"running here (process {pid})");
        string log = $"; log {run.ShardLog(k)}";
        var known = Latest(queue, run.JobName, k) ?? Latest(accounting, run.JobName, k);
        if (known is not null)
        {
            if (IsActive(known.State))
                return new(k, TaskState.Running, $"{known.State.ToLowerInvariant()} (job {known.JobId}{(known.State == "PENDING" && known.Detail.Length > 0 ? ", " + known.Detail : "")})");
            return new(k, TaskState.Failed, known.State == "COMPLETED"
                ? $"job {known.JobId} ended without writing its shard file{log}"
                : $"job {known.JobId} {Ended(known.State)}{(known.Detail is "" or "None" ? "" : $" ({known.Detail})")}{log}");
        }
        if (LocalExecutor.ExitCode(run, k) is { } exit)
            return new(k, TaskState.Failed, $"exited with code {exit} without writing its shard file{log}");
        bool submitted = run.Submissions.Any(s => s.What == "shards" && Covers(s.Tasks, k));
        return submitted
            ? new(k, TaskState.Failed, $"no longer queued or running, and no shard file (killed?){log}")
            : new(k, TaskState.NotSubmitted, "not submitted");
    }

    private static TaskStatus CombineStatus(ShardedRun run, IReadOnlyList<TaskStatus> shards, IReadOnlyList<SlurmTask>? queue, IReadOnlyList<SlurmTask>? accounting)
    {
        if (IsComplete(run)) return new(0, TaskState.Done, $"outputs in {run.Directory}");
        if (LocalExecutor.RunningPid(run, 0) is { } pid) return new(0, TaskState.Running, $"running here (process {pid})");
        var known = Latest(queue, run.CombineJobName, null) ?? Latest(accounting, run.CombineJobName, null);
        if (known is not null && IsActive(known.State))
            return known.Detail.Contains("DependencyNeverSatisfied", StringComparison.Ordinal)
                ? new(0, TaskState.Failed, $"job {known.JobId} will never start: a shard it waits for failed")
                : new(0, TaskState.Running, $"{known.State.ToLowerInvariant()} (job {known.JobId}{(known.State == "PENDING" ? ", waiting for the shards" : "")})");
        bool shardsDone = shards.All(s => s.State == TaskState.Done);
        if (!shardsDone)
            return shards.Any(s => s.State == TaskState.Running)
                ? new(0, TaskState.Running, "waiting for the shards")
                : new(0, TaskState.Failed, "cannot run until every shard is done");
        if (known is not null)
            return new(0, TaskState.Failed, $"{known.State.ToLowerInvariant()} (job {known.JobId}) without outputs; log {run.CombineLog}");
        if (LocalExecutor.ExitCode(run, 0) is { } exit && exit != 0)
            return new(0, TaskState.Failed, $"exited with code {exit}; log {run.CombineLog}");
        return run.Submissions.Any(s => s.What == "combine")
            ? new(0, TaskState.Failed, $"not queued and no outputs; log {run.CombineLog}")
            : new(0, TaskState.NotSubmitted, "not submitted");
    }

    /// <summary>How a job that is no longer queued ended, in words (sacct's state otherwise, lower case).</summary>
    private static string Ended(string state) => state switch
    {
        "FAILED" => "failed",
        "CANCELLED" => "was cancelled",
        "TIMEOUT" => "hit its time limit",
        "OUT_OF_MEMORY" => "ran out of memory",
        "NODE_FAIL" => "lost its node",
        "PREEMPTED" => "was preempted",
        "BOOT_FAIL" => "could not start its node",
        _ => "ended " + state.ToLowerInvariant(),
    };

    /// <summary>The newest record (highest job id) of a job name and task.</summary>
    private static SlurmTask? Latest(IReadOnlyList<SlurmTask>? tasks, string jobName, int? task) =>
        tasks?.Where(t => t.JobName == jobName && (task is null || t.Task == task))
            .MaxBy(t => long.TryParse(t.JobId.Split('_')[0], out long id) ? id : -1);

    /// <summary>The combined outputs are in place: combine.sbatch's marker, or the command's own summary file newer than every shard.</summary>
    public static bool IsComplete(ShardedRun run)
    {
        if (File.Exists(run.CompleteMarker)) return true;
        string summary = Path.Combine(run.Directory, run.CompleteWhen);
        if (!File.Exists(summary) || DoneShards(run).Count != run.Shards) return false;
        var written = File.GetLastWriteTimeUtc(summary);
        return Enumerable.Range(1, run.Shards).All(k => File.GetLastWriteTimeUtc(run.ShardDonePath(k)) <= written);
    }

    private static bool IsActive(string state) => state is "RUNNING" or "PENDING" or "CONFIGURING" or "COMPLETING" or "REQUEUED" or "RESIZING" or "SUSPENDED";

    /// <summary>Whether an array spec ("1-8", "3,5", "2-4,7") covers task k.</summary>
    internal static bool Covers(string? tasks, int k)
    {
        if (tasks is null) return false;
        foreach (string part in tasks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length == 1 && int.TryParse(bounds[0], CultureInfo.InvariantCulture, out int single) && single == k) return true;
            if (bounds.Length == 2 && int.TryParse(bounds[0], CultureInfo.InvariantCulture, out int low)
                && int.TryParse(bounds[1], CultureInfo.InvariantCulture, out int high) && k >= low && k <= high) return true;
        }
        return false;
    }

    /// <summary>"1-3,5" for the tasks 1, 2, 3, 5.</summary>
    internal static string ArraySpec(IReadOnlyList<int> tasks)
    {
        var parts = new List<string>();
        var sorted = tasks.Distinct().Order().ToArray();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }
}
