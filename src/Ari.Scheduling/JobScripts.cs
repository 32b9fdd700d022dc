using System.Text;

namespace Ari.Scheduling;

/// <summary>
/// The two batch scripts of a sharded run. job.sbatch is an array job (--array=1-N): task K runs
/// `ari COMMAND ARGS --shard K/N --out DIR/shards/shard-K-of-N`; combine.sbatch runs
/// `ari COMMAND combine DIR/shards/shard-*-of-N --out DIR`
/// and marks the run complete. Both are self-contained (absolute paths, the working folder of `ari slurm`)
/// and run without SLURM too: `SLURM_ARRAY_TASK_ID=K bash job.sbatch` (what the local executor does).
/// </summary>
internal static class JobScripts
{
    public static string Shards(ShardedRun run)
    {
        var text = Header(run, run.JobName, Path.Combine(run.LogsDirectory, "shard-%a.log"), $"--array=1-{run.Shards}");
        text.Append($"# Shard $SLURM_ARRAY_TASK_ID of {run.Shards} of `ari {run.Command}`; its statistics go to {run.ShardsDirectory}.\n");
        text.Append($"# One shard again: sbatch --array=K {run.JobScript}   (or: ari slurm resubmit {run.Directory})\n");
        text.Append($"# Without SLURM: SLURM_ARRAY_TASK_ID=K bash {run.JobScript}\n");
        text.Append("set -euo pipefail\n");
        text.Append(": \"${SLURM_ARRAY_TASK_ID:?run this as a SLURM array task (sbatch), or set SLURM_ARRAY_TASK_ID=K}\"\n");
        text.Append($"cd {ShellQuoting.Quote(run.WorkingDirectory)}\n");
        text.Append($"exec {ShellQuoting.Join([.. run.Executable, run.Command, .. run.Arguments])} --shard \"${{SLURM_ARRAY_TASK_ID}}/{run.Shards}\" " +
                    $"--out {ShellQuoting.Quote(run.ShardsDirectory)}/shard-\"${{SLURM_ARRAY_TASK_ID}}\"-of-{run.Shards}\n");
        return text.ToString();
    }

    public static string Combine(ShardedRun run)
    {
        var text = Header(run, run.CombineJobName, run.CombineLog, null);
        text.Append($"# Merges the {run.Shards} shards in {run.ShardsDirectory} into the outputs of `ari {run.Command}` in {run.Directory}.\n");
        text.Append("set -euo pipefail\n");
        text.Append($"cd {ShellQuoting.Quote(run.WorkingDirectory)}\n");
        text.Append($"rm -f {ShellQuoting.Quote(run.CompleteMarker)}\n");
        text.Append($"{ShellQuoting.Join([.. run.Executable, run.Command, "combine"])} {ShellQuoting.Quote(run.ShardsDirectory)}/shard-*-of-{run.Shards} " +
                    $"--out {ShellQuoting.Quote(run.Directory)}\n");
        text.Append($"date -u +%Y-%m-%dT%H:%M:%SZ > {ShellQuoting.Quote(run.CompleteMarker)}\n");
        return text.ToString();
    }

    private static StringBuilder Header(ShardedRun run, string jobName, string log, string? array)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append($"#SBATCH --job-name={jobName}\n");
        if (array is not null) text.Append($"#SBATCH {array}\n");
        text.Append($"#SBATCH --output={log}\n");
        text.Append("#SBATCH --ntasks=1\n");
        if (run.Resources.Partition is { } partition) text.Append($"#SBATCH --partition={partition}\n");
        if (run.Resources.Time is { } time) text.Append($"#SBATCH --time={time}\n");
        if (run.Resources.Memory is { } memory) text.Append($"#SBATCH --mem={memory}\n");
        text.Append($"# Written by ari {AriVersion.Current} (`ari slurm {run.Command}`), run {run.JobName}.\n");
        return text;
    }
}
