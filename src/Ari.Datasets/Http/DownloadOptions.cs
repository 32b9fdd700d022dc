namespace Ari.Datasets.Http;

/// <summary>How patient and how persistent a <see cref="FileDownloader"/> is.</summary>
public sealed record DownloadOptions
{
    /// <summary>5 attempts, 15 s connect, 60 s response, 30 s idle, 1 s retry step, 20 min per file, 1 h stale temporaries, 4 GiB at most.</summary>
    public static DownloadOptions Default { get; } = new();

    /// <summary>Attempts per file, the first included: a dropped transfer is resumed (HTTP Range) until they run out.</summary>
    public int MaxAttempts { get; init; } = 5;
    /// <summary>Time to open a TCP/TLS connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Time from sending a request to receiving the response headers.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Longest wait for the next bytes of a body before the transfer counts as dropped.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Pause before retry n is n times this.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Longest time one file may take, all attempts and pauses included: a server that trickles a byte now and
    /// then (never idle long enough for <see cref="IdleTimeout"/>) still fails in bounded time.
    /// </summary>
    public TimeSpan FileDeadline { get; init; } = TimeSpan.FromMinutes(20);
    /// <summary>
    /// A hidden temporary file (<see cref="Ari.IO.TemporaryFiles"/>) beside a destination that has not been written to for this
    /// long is left over from a killed run and is removed before the next download of that file.
    /// </summary>
    public TimeSpan StaleTempAge { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Largest file accepted (announced or received); guards the disk against a runaway server.</summary>
    public long MaxBytes { get; init; } = 4L << 30;
}
