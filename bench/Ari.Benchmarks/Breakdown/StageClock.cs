using System.Diagnostics;
using System.Globalization;

namespace Ari.Benchmarks.Breakdown;

/// <summary>
/// Wall and process CPU seconds (all threads: on a loaded machine CPU time is the comparable number) between
/// <see cref="StageTrace"/> marks, summed over repetitions, plus the bytes allocated.
/// </summary>
internal sealed class StageClock : IDisposable
{
    private readonly Dictionary<string, (double Wall, double Cpu, long Bytes, int Count)> _totals = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private double _lastWall, _lastCpu;
    private long _lastBytes;

    public StageClock()
    {
        Restart();
        StageTrace.Reached = Mark;
    }

    /// <summary>Starts a new repetition: the next mark measures from now.</summary>
    public void Restart()
    {
        _lastWall = _wall.Elapsed.TotalSeconds;
        _lastCpu = Environment.CpuUsage.TotalTime.TotalSeconds;
        _lastBytes = GC.GetTotalAllocatedBytes(precise: true);
    }

    public void Mark(string stage)
    {
        double wall = _wall.Elapsed.TotalSeconds, cpu = Environment.CpuUsage.TotalTime.TotalSeconds;
        long bytes = GC.GetTotalAllocatedBytes(precise: true);
        if (!_totals.TryGetValue(stage, out var t)) { t = default; _order.Add(stage); }
        _totals[stage] = (t.Wall + wall - _lastWall, t.Cpu + cpu - _lastCpu, t.Bytes + bytes - _lastBytes, t.Count + 1);
        _lastWall = wall; _lastCpu = cpu; _lastBytes = bytes;
    }

    public void Print(TextWriter output, string title)
    {
        output.WriteLine(title);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"stage",-28} {"wall ms",9} {"cpu ms",9} {"alloc MB",9}"));
        double wall = 0, cpu = 0, mb = 0;
        foreach (string stage in _order)
        {
            var (w, c, b, n) = _totals[stage];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-28} {1e3 * w / n,9:0.0} {1e3 * c / n,9:0.0} {b / 1e6 / n,9:0.0}"));
            wall += w / n; cpu += c / n; mb += b / 1e6 / n;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"total",-28} {1e3 * wall,9:0.0} {1e3 * cpu,9:0.0} {mb,9:0.0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  load average: {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    public void Dispose() => StageTrace.Reached = null;
}
