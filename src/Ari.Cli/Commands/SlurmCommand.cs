using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Scheduling;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari slurm COMMAND [the command's options] --shards N [--partition P] [--time T] [--mem M] [--submit|--local] --out DIR`:
/// a command that accepts --shard K/N and has a `combine` subcommand, as a SLURM job array plus a dependent
/// combine job (or as parallel processes here); `ari slurm status DIR` and `ari slurm resubmit DIR`.
/// </summary>
internal static class SlurmCommand
{
    /// <summary>Exit code of `ari slurm status` while shards or the combine step are still queued or running.</summary>
    public const int Running = 3;

    /// <summary>
    /// A command that can be sharded: its name, its parser (to check the options before writing scripts), the file
    /// that marks its combined outputs complete, and the file that marks a shard's folder done ({K}, {N}: its numbers).
    /// </summary>
    public sealed record Shardable(string Name, Func<Command> Create, string CompleteWhen, string ShardDoneFile);

    /// <summary>The shardable commands (each accepts --shard K/N and has a `combine` subcommand).</summary>
    public static IReadOnlyList<Shardable> Commands { get; } =
    [
        new("glm", GlmCommand.Create, "glm.json", "shard-{K}-of-{N}.glmstats"),
        new("permute", PermuteCommand.Create, "permute.json", "shard.json"),
    ];

    public static Command Create()
    {
        var command = new Command("slurm", "Run a command as shards: a SLURM job array and a combine job after it (or parallel processes here, --local); status and resubmission");
        foreach (var target in Commands) command.Add(CreateRun(target));
        command.Add(CreateStatus());
        command.Add(CreateResubmit());
        return command;
    }

    private static Command CreateRun(Shardable target)
    {
        var shards = NumberOptions.Whole("--shards", "Number of shards (array tasks), 1 to 100000", 1, 1, 100_000);
        shards.Required = true;
        var partition = new Option<string?>("--partition") { Description = "SLURM partition (#SBATCH --partition)" };
        var time = new Option<string?>("--time") { Description = "Time limit of each task (#SBATCH --time, e.g. 30, 1:00:00)" };
        var memory = new Option<string?>("--mem") { Description = "Memory of each task (#SBATCH --mem, e.g. 4G)" };
        var submit = new Option<bool>("--submit") { Description = "Submit with sbatch now and print the job ids" };
        var local = new Option<bool>("--local") { Description = "Run the shards here as parallel processes, then combine (no SLURM needed)" };
        var jobs = NumberOptions.Whole("--jobs", "With --local: shards run at once, 1 to 1024 (default: the number of cores)", 1, 1024);
        var output = new Option<string>("--out") { Description = $"Run folder: job.sbatch, combine.sbatch, shards/, logs/, then the outputs of `ari {target.Name}`", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on stderr" };
        var command = new Command(target.Name, $"`ari {target.Name}` as N shards: write DIR/job.sbatch (--array=1-N) and DIR/combine.sbatch; " +
                                               $"give `ari {target.Name}`'s own options as usual")
        {
            shards, partition, time, memory, submit, local, jobs, output, quiet,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var terminal = new Terminal(parse.GetValue(quiet), "slurm");
            int n = parse.GetValue(shards);
            if (n < 1) throw new UsageException($"--shards: {n}; give at least 1");
            bool runLocal = parse.GetValue(local), runSubmit = parse.GetValue(submit);
            if (runLocal && runSubmit) throw new UsageException("--local and --submit: choose one (run here, or submit to SLURM)");
            if (parse.GetValue(jobs) is { } j && j < 1) throw new UsageException($"--jobs: {j}; give at least 1");
            var arguments = parse.UnmatchedTokens.ToArray();
            CheckArguments(target, arguments, n);
            var resources = new SlurmResources(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(memory));
            try { resources.Validate(); }
            catch (AriException e) { throw new UsageException(ParameterOptions.MessageOf(e)); }

            var run = ShardedRuns.Create(target.Name, arguments, n, SelfCommand(), target.CompleteWhen, target.ShardDoneFile, resources,
                parse.GetValue(output)!, Environment.CurrentDirectory);
            Console.WriteLine($"wrote      {run.JobScript} (array 1-{n}), {run.CombineScript}");
            if (runSubmit)
            {
                run = ShardedRuns.Submit(run, new SlurmClient());
                PrintSubmissions(run);
                return ExitCodes.Success;
            }
            if (runLocal)
            {
                var (localRun, _) = ShardedRuns.RunLocally(run, parse.GetValue(jobs) ?? Environment.ProcessorCount, null, terminal.Log);
                return PrintStatus(RunStatus.Of(localRun, null));
            }
            Console.WriteLine($"submit     ari slurm resubmit {run.Directory}   (or: sbatch {run.JobScript}, then sbatch --dependency=afterok:JOBID {run.CombineScript})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateStatus()
    {
        var directory = new Argument<string>("dir") { Description = "The run folder (--out of `ari slurm`)" };
        var command = new Command("status", "Progress of a sharded run: exit 0 and 'complete' once the combined outputs are in place, 3 while running, 1 when a shard failed or is missing")
        {
            directory,
        };
        command.SetAction(parse =>
        {
            var run = ShardedRun.Load(parse.GetValue(directory)!);
            return PrintStatus(RunStatus.Of(run, new SlurmClient()));
        });
        return command;
    }

    private static Command CreateResubmit()
    {
        var directory = new Argument<string>("dir") { Description = "The run folder (--out of `ari slurm`)" };
        var local = new Option<bool>("--local") { Description = "Run them here instead of submitting to SLURM" };
        var jobs = NumberOptions.Whole("--jobs", "With --local: shards run at once, 1 to 1024 (default: the number of cores)", 1, 1024);
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on stderr" };
        var command = new Command("resubmit", "Submit the shards of a run that are neither done nor running (all of them the first time), then the combine job after them")
        {
            directory, local, jobs, quiet,
        };
        command.SetAction(parse =>
        {
            var terminal = new Terminal(parse.GetValue(quiet), "slurm");
            var run = ShardedRun.Load(parse.GetValue(directory)!);
            var slurm = new SlurmClient();
            var before = RunStatus.Of(run, parse.GetValue(local) ? null : slurm);
            if (before.State == RunState.Complete)
            {
                Console.WriteLine("complete   nothing to resubmit");
                return ExitCodes.Success;
            }
            var shards = before.ToResubmit;
            if (shards.Count == 0 && before.Combine.State == TaskState.Running)
            {
                Console.WriteLine("running    every shard is done or running; nothing to resubmit");
                return Running;
            }
            Console.WriteLine(shards.Count > 0 ? $"shards     {RunStatus.ArraySpec(shards)} of {run.Shards}" : "shards     all done; combining");
            if (parse.GetValue(local))
            {
                if (parse.GetValue(jobs) is { } j && j < 1) throw new UsageException($"--jobs: {j}; give at least 1");
                var (localRun, _) = ShardedRuns.RunLocally(run, parse.GetValue(jobs) ?? Environment.ProcessorCount, shards, terminal.Log);
                return PrintStatus(RunStatus.Of(localRun, null));
            }
            run = ShardedRuns.Submit(run, slurm, shards);
            PrintSubmissions(run);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses the command's own options as each shard will (with --shard 1/N), so mistakes show now, not in N logs.</summary>
    private static void CheckArguments(Shardable target, string[] arguments, int shards)
    {
        foreach (string forbidden in new[] { "--shard", "--out" })
            if (arguments.Contains(forbidden))
                throw new UsageException($"{forbidden}: `ari slurm` sets it for each shard; leave it out");
        var root = new RootCommand { target.Create() };
        var parse = root.Parse([target.Name, .. arguments, "--shard", $"1/{shards}", "--out", "shards"]);
        if (parse.Errors.Count > 0)
        {
            string message = parse.UnmatchedTokens.Count > 0
                ? $"unrecognized {(parse.UnmatchedTokens[0].StartsWith('-') ? "option" : "argument")} '{parse.UnmatchedTokens[0]}' for `ari {target.Name}`"
                : parse.Errors[0].Message;
            throw new UsageException(message);
        }
    }

    /// <summary>How a job script starts this program: its executable, or dotnet and the assembly for a framework-dependent run.</summary>
    private static IReadOnlyList<string> SelfCommand()
    {
        string process = Environment.ProcessPath ?? throw new AriException("cannot tell where the ari program is");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Path.Combine(AppContext.BaseDirectory, "Ari.Cli.dll")]
            : [process];
    }

    private static void PrintSubmissions(ShardedRun run)
    {
        var combine = run.Submissions[^1];
        var shards = run.Submissions.Count >= 2 && run.Submissions[^2].What == "shards" ? run.Submissions[^2] : null;
        if (shards is not null)
            Console.WriteLine($"submitted  shards: job {shards.JobId} (array {shards.Tasks})");
        Console.WriteLine($"submitted  combine: job {combine.JobId}{(shards is not null ? $" (after {shards.JobId})" : "")}");
        Console.WriteLine($"status     ari slurm status {run.Directory}");
    }

    private static int PrintStatus(RunStatus status)
    {
        var run = status.Run;
        int done = status.Shards.Count(s => s.State == TaskState.Done);
        Console.WriteLine($"run        {run.JobName}: ari {run.Command}, {run.Shards} shard{(run.Shards == 1 ? "" : "s")}, in {run.Directory}");
        Console.WriteLine($"shards     {done} of {run.Shards} done" +
            string.Concat(new[] { TaskState.Running, TaskState.Failed, TaskState.NotSubmitted }
                .Select(state => (state, count: status.Shards.Count(s => s.State == state)))
                .Where(x => x.count > 0)
                .Select(x => $", {x.count} {StateWord(x.state)}")));
        foreach (var shard in status.Shards.Where(s => s.State != TaskState.Done))
            Console.WriteLine($"{$"shard {shard.Shard}",-10} {StateWord(shard.State)}: {shard.Detail}");
        Console.WriteLine($"combine    {(status.Combine.State == TaskState.Done ? "done" : StateWord(status.Combine.State))}: {status.Combine.Detail}");
        if (status.State == RunState.Failed)
        {
            var again = status.ToResubmit;
            Console.WriteLine(again.Count > 0
                ? $"resubmit   ari slurm resubmit {run.Directory}   (or: sbatch --array={RunStatus.ArraySpec(again)} {run.JobScript})"
                : $"resubmit   ari slurm resubmit {run.Directory}   (runs the combine step again)");
        }
        Console.WriteLine(status.State switch { RunState.Complete => "complete", RunState.Running => "running", _ => "failed" });
        return status.State switch { RunState.Complete => ExitCodes.Success, RunState.Running => Running, _ => ExitCodes.Failure };
    }

    private static string StateWord(TaskState state) => state switch
    {
        TaskState.Done => "done",
        TaskState.Running => "running",
        TaskState.Failed => "failed",
        _ => "not submitted",
    };
}
