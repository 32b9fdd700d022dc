using Ari.Benchmarks.Breakdown;
using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g. `dotnet run -c Release --project bench/Ari.Benchmarks -- --filter '*Glm*'`,
// or a stage-by-stage Stopwatch breakdown: `-- breakdown clusters [REPETITIONS] [--write DIR]` or `-- breakdown tdp [REPETITIONS]`.
Ari.Platform.TransparentHugePages.AdviseManagedHeap();
if (args is ["breakdown", var what, .. var rest])
{
    int repetitions = rest.Length > 0 && int.TryParse(rest[0], out int r) ? r : 5;
    int write = Array.IndexOf(rest, "--write");
    string? folder = write >= 0 && write + 1 < rest.Length ? rest[write + 1] : null;
    switch (what)
    {
        case "clusters": ClusterTreeBreakdown.Run(repetitions, folder); break;
        case "tdp": TdpBreakdown.Run(repetitions); break;
        default: Console.Error.WriteLine("breakdown: clusters or tdp"); return 2;
    }
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
