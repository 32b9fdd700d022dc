namespace Ari.Datasets.Http;

/// <summary>How patient and how persistent a <see cref="FileDownloader"/> is.</summary>
public sealed record DownloadOptions
{
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
    /// <summary>Largest file accepted (announced or received); guards the disk against a runaway server.</summary>
    public long MaxBytes { get; init; } = 4L << 30;
}
