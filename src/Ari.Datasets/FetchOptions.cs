using Ari.Datasets.Http;

namespace Ari.Datasets;

/// <summary>Where a fetcher keeps its files, how it reports, and how it downloads.</summary>
public sealed record FetchOptions
{
    /// <summary>The defaults: data folder from ARI_DATA or ~/ari_data, no log, no progress, default download options.</summary>
    public static FetchOptions Default { get; } = new();

    /// <summary>The data folder; null: ARI_DATA, else ~/ari_data (see <see cref="Ari.Datasets.DataDirectory"/>).</summary>
    public string? DataDirectory { get; init; }
    /// <summary>nilearn-like progress lines ("Dataset found in ...", "Downloading data from ...").</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Byte counts while files download (for a progress bar).</summary>
    public Action<DownloadProgress>? Progress { get; init; }
    /// <summary>Attempts, timeouts and size limits for each download.</summary>
    public DownloadOptions Download { get; init; } = DownloadOptions.Default;
}
