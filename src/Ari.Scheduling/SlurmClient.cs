using System.Diagnostics;

namespace Ari.Scheduling;

/// <summary>A task of a run as squeue or sacct reports it.</summary>
/// <param name="JobName">the job's name (the run's, or the run's + "-combine")</param>
/// <param name="JobId">e.g. "123_4" for an array task, "124" for a job</param>
/// <param name="Task">the array task id, null for a job that is not an array</param>
/// <param name="State">RUNNING, PENDING, COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, ...</param>
/// <param name="Detail">squeue's reason or sacct's exit code</param>
internal sealed record SlurmTask(string JobName, string JobId, int? Task, string State, string Detail);

/// <summary>
/// The SLURM commands Ari uses: sbatch (submit), squeue (what is queued or running), sacct (how tasks ended;
/// absent when the cluster keeps no accounting) and scancel. Each is found on PATH; a missing or failing one
/// gives null, never an exception, except sbatch when submitting.
/// </summary>
internal class SlurmClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public virtual bool HasSbatch => FindOnPath("sbatch") is not null;

    /// <summary>Submits a script; returns the job id (sbatch --parsable).</summary>
    public virtual string Submit(string script, IEnumerable<string> options)
    {
        if (FindOnPath("sbatch") is null)
            throw new AriException("sbatch is not on PATH: submit from a SLURM login node, or run the shards here with --local");
        var (exit, stdout, stderr) = Run("sbatch", [.. options, "--parsable", script]);
        if (exit != 0)
            throw new AriException($"sbatch {Path.GetFileName(script)} failed (exit {exit}): {FirstLine(stderr)}");
        string id = stdout.Trim().Split(';')[0].Trim();
        if (id.Length == 0 || !id.All(char.IsAsciiDigit))
            throw new AriException($"sbatch {Path.GetFileName(script)} answered '{FirstLine(stdout)}', not a job id");
        return id;
    }

    /// <summary>
    /// The tasks of jobs with these names that the controller still knows: queued, running, and recently ended
    /// (squeue --states=all keeps ended jobs for MinJobAge, 5 minutes by default); null when squeue is missing or fails.
    /// </summary>
    public virtual IReadOnlyList<SlurmTask>? Queue(IReadOnlyList<string> jobNames)
    {
        if (FindOnPath("squeue") is null) return null;
        var (exit, stdout, _) = Run("squeue", ["-h", "-r", "--states=all", "--name=" + string.Join(',', jobNames), "-o", "%j|%i|%K|%T|%r"]);
        if (exit != 0) return null;
        return Parse(stdout, fields => new SlurmTask(fields[0], fields[1], TaskId(fields[2]), fields[3], fields[4]));
    }

    /// <summary>How the tasks of jobs with these names ended (newest last); null without accounting.</summary>
    public virtual IReadOnlyList<SlurmTask>? Accounting(IReadOnlyList<string> jobNames)
    {
        if (FindOnPath("sacct") is null) return null;
        var (exit, stdout, _) = Run("sacct", ["-n", "-P", "-X", "--name=" + string.Join(',', jobNames), "-o", "JobName,JobID,State,ExitCode", "-S", "now-30days"]);
        if (exit != 0) return null;
        return Parse(stdout, fields =>
        {
            int underscore = fields[1].IndexOf('_');
            int? task = underscore > 0 ? TaskId(fields[1][(underscore + 1)..]) : null;
            return new SlurmTask(fields[0], fields[1], task, fields[2].Split(' ')[0], "exit " + fields[3]);
        });
    }

    /// <summary>Cancels a job (best effort).</summary>
    public virtual void Cancel(string jobId)
    {
        if (FindOnPath("scancel") is not null) Run("scancel", [jobId]);
    }

    private static List<SlurmTask> Parse(string text, Func<string[], SlurmTask> make)
    {
        var tasks = new List<SlurmTask>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length >= 4) tasks.Add(make(fields.Length >= 5 ? fields : [.. fields, ""]));
        }
        return tasks;
    }

    private static int? TaskId(string text) => int.TryParse(text, out int id) ? id : null;

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    internal static string? FindOnPath(string program)
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    protected virtual (int Exit, string StdOut, string StdErr) Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "", $"{program} did not answer in {Timeout.TotalSeconds:0} s");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", $"{program}: {e.Message}");
        }
    }
}
