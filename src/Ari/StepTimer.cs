using System.Diagnostics;

namespace Ari;

/// <summary>
/// Times the named steps of a job and, when given a log, announces each one as it starts and ends
/// (like nilearn's verbose=1). The recorded seconds go into the job's JSON output.
/// </summary>
public sealed class StepTimer(Action<string>? log = null)
{
    private readonly List<(string Name, double Seconds)> _steps = [];
    private readonly Stopwatch _total = Stopwatch.StartNew();

    /// <summary>The steps recorded so far, in order: name and wall-clock seconds.</summary>
    public IReadOnlyList<(string Name, double Seconds)> Steps => _steps;
    /// <summary>Wall-clock seconds since this timer was created.</summary>
    public double TotalSeconds => _total.Elapsed.TotalSeconds;

    /// <summary>Logs <paramref name="message"/>, runs <paramref name="step"/>, records its wall-clock seconds under <paramref name="name"/> (logged as "  name: 0.000 s") and returns its result.</summary>
    /// <param name="name">The step's key in <see cref="Steps"/> and the JSON output (e.g. "read").</param>
    /// <param name="message">The line announcing the step, for the log.</param>
    /// <param name="step">The work; an exception propagates and nothing is recorded.</param>
    public T Run<T>(string name, string message, Func<T> step)
    {
        log?.Invoke(message);
        var watch = Stopwatch.StartNew();
        T result = step();
        Record(name, watch.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>Logs <paramref name="message"/>, runs <paramref name="step"/> and records its wall-clock seconds under <paramref name="name"/>; see <see cref="Run{T}(string, string, Func{T})"/>.</summary>
    public void Run(string name, string message, Action step) =>
        Run<bool>(name, message, () => { step(); return true; });

    /// <summary>Times an asynchronous step.</summary>
    public async Task<T> RunAsync<T>(string name, string message, Func<Task<T>> step)
    {
        log?.Invoke(message);
        var watch = Stopwatch.StartNew();
        T result = await step().ConfigureAwait(false);
        Record(name, watch.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>The steps so far and "total", by name (a later step of the same name wins).</summary>
    public Dictionary<string, double> SecondsByStep()
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in _steps) seconds[name] = value;
        seconds["total"] = TotalSeconds;
        return seconds;
    }

    /// <summary>Adds a step timed elsewhere (and logs its duration).</summary>
    public void Record(string name, double seconds)
    {
        _steps.Add((name, seconds));
        log?.Invoke(FormattableString.Invariant($"  {name}: {seconds:0.000} s"));
    }
}
