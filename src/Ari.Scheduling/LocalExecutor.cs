using System.Diagnostics;
using System.Globalization;

namespace Ari.Scheduling;

/// <summary>
/// Runs a sharded run on this machine: the shard tasks as parallel processes (each is job.sbatch run by bash
/// with SLURM_ARRAY_TASK_ID=K, the very script SLURM runs), at most <c>jobs</c> at a time, then combine.sbatch
/// when every shard succeeded. Output goes to the same logs as under SLURM; logs/shard-K.pid marks a running
/// task and logs/shard-K.exit holds its exit code (shard 0 is the combine step), for `ari slurm status`.
/// </summary>
internal static class LocalExecutor
{
    public const string JobId = "local";

    /// <summary>Runs the given shards (then combine if all succeeded); returns the shards that failed.</summary>
    public static IReadOnlyList<int> Run(ShardedRun run, IReadOnlyList<int> shards, int jobs, Action<string>? log = null, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(run.LogsDirectory);
        var failed = new List<int>();
        Parallel.ForEach(shards, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancel }, k =>
        {
            int exit = RunScript(run, k, run.JobScript, run.ShardLog(k), cancel);
            log?.Invoke($"shard {k}/{run.Shards}: {(exit == 0 ? "done" : $"failed (exit {exit}); log {run.ShardLog(k)}")}");
            if (exit != 0) lock (failed) failed.Add(k);
        });
        failed.Sort();
        if (failed.Count > 0 || RunStatus.DoneShards(run).Count != run.Shards) return failed;
        int combine = RunScript(run, 0, run.CombineScript, run.CombineLog, cancel);
        log?.Invoke(combine == 0 ? $"combine: done; outputs in {run.Directory}" : $"combine: failed (exit {combine}); log {run.CombineLog}");
        return failed;
    }

    /// <summary>The process running shard k here (0: the combine step), if its record says one is alive.</summary>
    public static int? RunningPid(ShardedRun run, int k)
    {
        string file = StateFile(run, k, "pid");
        if (!File.Exists(file)) return null;
        if (!int.TryParse(SafeRead(file), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : pid;
        }
        catch (ArgumentException) { return null; }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>The exit code of the last local run of shard k (0: the combine step), if any.</summary>
    public static int? ExitCode(ShardedRun run, int k)
    {
        string file = StateFile(run, k, "exit");
        return File.Exists(file) && int.TryParse(SafeRead(file), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int code) ? code : null;
    }

    private static string StateFile(ShardedRun run, int k, string extension) =>
        Path.Combine(run.LogsDirectory, k == 0 ? $"combine.{extension}" : $"shard-{k}.{extension}");

    private static int RunScript(ShardedRun run, int k, string script, string logPath, CancellationToken cancel)
    {
        string pidFile = StateFile(run, k, "pid"), exitFile = StateFile(run, k, "exit");
        File.Delete(exitFile);
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        if (k > 0) start.Environment["SLURM_ARRAY_TASK_ID"] = k.ToString(CultureInfo.InvariantCulture);
        using var logFile = new StreamWriter(logPath, append: false) { AutoFlush = true };
        using var process = new Process { StartInfo = start };
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) logFile.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) logFile.WriteLine(e.Data); };
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e) { throw new AriException($"cannot start bash to run {script}: {e.Message}", e); }
        File.WriteAllText(pidFile, process.Id.ToString(CultureInfo.InvariantCulture));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancel.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
            process.WaitForExit();
        int exit = process.ExitCode;
        File.WriteAllText(exitFile, exit.ToString(CultureInfo.InvariantCulture));
        File.Delete(pidFile);
        return exit;
    }

    private static string SafeRead(string file)
    {
        try { return File.ReadAllText(file).Trim(); }
        catch (IOException) { return ""; }
    }
}
