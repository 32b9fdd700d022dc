namespace Ari;

/// <summary>
/// Named points inside long library computations, for Stopwatch breakdowns (bench/Ari.Benchmarks' `breakdown`):
/// a stage ends where <see cref="Mark"/> is called. Nothing happens unless a harness listens.
/// </summary>
internal static class StageTrace
{
    /// <summary>Called with each stage's name as it ends (null: nobody listens).</summary>
    internal static Action<string>? Reached { get; set; }

    internal static void Mark(string stage) => Reached?.Invoke(stage);
}
