using System.Diagnostics;
using System.Globalization;

namespace Ari.Cli.Cli;

/// <summary>
/// With ARI_TRACE_STAGES=1, prints each library stage as it ends (`trace: STAGE WALL_MS CPU_MS`) to standard error:
/// the in-process breakdown of a real run, start-up and page faults included.
/// </summary>
internal static class StageTraceOutput
{
    public static void EnableFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("ARI_TRACE_STAGES") is not "1") return;
        var wall = Stopwatch.StartNew();
        double lastWall = 0, lastCpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        StageTrace.Reached = stage =>
        {
            double w = wall.Elapsed.TotalMilliseconds, c = Environment.CpuUsage.TotalTime.TotalMilliseconds;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trace: {stage} {w - lastWall:F1} {c - lastCpu:F1} gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} rss {Environment.WorkingSet >> 20} MB heap {GC.GetTotalMemory(false) >> 20} MB"));
            lastWall = w;
            lastCpu = c;
        };
    }
}
