using System.Security.Cryptography;
using System.Text;

namespace Ari.Scheduling;

/// <summary>Creating a sharded run's folder, and submitting its shards (all, or the failed ones again) with the combine job after them.</summary>
internal static class ShardedRuns
{
    /// <summary>
    /// Writes DIR/job.sbatch, DIR/combine.sbatch and DIR/slurm.json, with DIR/shards and DIR/logs. Refuses a DIR
    /// that already holds a run.
    /// </summary>
    public static ShardedRun Create(string command, IReadOnlyList<string> arguments, int shards, IReadOnlyList<string> executable,
        string completeWhen, string shardDoneFile, SlurmResources resources, string outputDirectory, string workingDirectory)
    {
        if (shards < 1) throw AriException.For("shards", "at least 1");
        resources.Validate();
        string directory = Path.GetFullPath(outputDirectory);
        if (directory.Any(char.IsWhiteSpace) || directory.Contains('%'))
            throw AriException.For("outputDirectory", $"{outputDirectory}: SLURM's #SBATCH lines cannot name a folder with spaces or '%'; choose another");
        if (File.Exists(directory)) throw new AriException($"{outputDirectory}: is a file, not a folder");
        if (File.Exists(Path.Combine(directory, ShardedRun.FileName)))
            throw AriException.For("outputDirectory", $"{outputDirectory}: already holds a sharded run ({ShardedRun.FileName}); check it with `ari slurm status {outputDirectory}`, or choose another folder");
        string? parent = Path.GetDirectoryName(directory);
        if (parent is not null && !Directory.Exists(parent))
            throw new AriException($"{outputDirectory}: its parent folder {parent} does not exist");

        string token = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{directory}\n{DateTime.UtcNow:O}\n{Environment.ProcessId}")))[..8];
        var run = new ShardedRun(command, arguments, shards, executable, Path.GetFullPath(workingDirectory), directory,
            $"ari-{command}-{token}", completeWhen, shardDoneFile, resources, []);
        Directory.CreateDirectory(run.ShardsDirectory);
        Directory.CreateDirectory(run.LogsDirectory);
        Ari.IO.AtomicFile.WriteAllText(run.JobScript, JobScripts.Shards(run));
        Ari.IO.AtomicFile.WriteAllText(run.CombineScript, JobScripts.Combine(run));
        run.Save();
        return run;
    }

    /// <summary>
    /// Submits the shard array (all tasks, or only <paramref name="shards"/>) and the combine job, which starts
    /// after every submitted task succeeded (afterok). A combine job of an earlier submission that is still waiting
    /// is cancelled first. Returns the run with the submissions recorded (saved).
    /// </summary>
    public static ShardedRun Submit(ShardedRun run, SlurmClient slurm, IReadOnlyList<int>? shards = null)
    {
        var tasks = shards ?? Enumerable.Range(1, run.Shards).ToArray();
        string now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        foreach (var old in run.Submissions.Where(s => s.What == "combine" && s.JobId != LocalExecutor.JobId))
            if (slurm.Queue([run.CombineJobName])?.Any(t => t.JobId == old.JobId) == true)
                slurm.Cancel(old.JobId);
        File.Delete(run.CompleteMarker);
        if (tasks.Count > 0)
        {
            string array = RunStatus.ArraySpec(tasks);
            string shardJob = slurm.Submit(run.JobScript, [$"--array={array}"]);
            run = run.WithSubmission(new Submission("shards", shardJob, array, now));
            run.Save();
            string combineJob = slurm.Submit(run.CombineScript, [$"--dependency=afterok:{shardJob}", "--kill-on-invalid-dep=yes"]);
            run = run.WithSubmission(new Submission("combine", combineJob, null, now));
        }
        else
        {
            string combineJob = slurm.Submit(run.CombineScript, []);
            run = run.WithSubmission(new Submission("combine", combineJob, null, now));
        }
        run.Save();
        return run;
    }

    /// <summary>Runs the given shards (all by default) here, then combine; records the run as a local submission.</summary>
    public static (ShardedRun Run, IReadOnlyList<int> Failed) RunLocally(ShardedRun run, int jobs, IReadOnlyList<int>? shards = null, Action<string>? log = null, CancellationToken cancel = default)
    {
        var tasks = shards ?? Enumerable.Range(1, run.Shards).ToArray();
        string now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        File.Delete(run.CompleteMarker);
        if (tasks.Count > 0) run = run.WithSubmission(new Submission("shards", LocalExecutor.JobId, RunStatus.ArraySpec(tasks), now));
        run = run.WithSubmission(new Submission("combine", LocalExecutor.JobId, null, now));
        run.Save();
        var failed = LocalExecutor.Run(run, tasks, jobs, log, cancel);
        return (run, failed);
    }
}
