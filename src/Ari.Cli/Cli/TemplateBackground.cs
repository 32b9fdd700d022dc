using Ari.Datasets;
using Ari.Datasets.Http;
using Ari.Datasets.Templates;

namespace Ari.Cli.Cli;

/// <summary>
/// The anatomy figures are drawn over: --bg when given; else the MNI152 2009 template from Ari's data folder,
/// downloaded on first use ($ARI_MNI_URL or nilearn's copy); else none, with the reason, so that the caller can
/// draw over the data's own silhouette and say so in one line.
/// </summary>
public static class TemplateBackground
{
    /// <summary>
    /// Offline machines should not wait long before falling back, nor should a figure wait on a server that
    /// trickles the template (about 4 MB): three minutes at most.
    /// </summary>
    private static readonly DownloadOptions QuickDownload = DownloadOptions.Default with
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        FileDeadline = TimeSpan.FromMinutes(3),
    };

    public static async Task<(string? Path, string? Note)> ResolveAsync(string? bgOption, Terminal terminal, CancellationToken cancel, string? dataDirectory = null)
    {
        if (bgOption is not null) return (OptionValues.ExistingFile("--bg", bgOption), null);
        var lookup = await MniTemplate.LocateAsync(new FetchOptions { DataDirectory = dataDirectory, Log = terminal.Progress, Download = QuickDownload }, cancel: cancel);
        return lookup.IsAvailable
            ? (lookup.Path, null)
            : (null, $"no MNI152 template ({lookup.Reason}); drawing over the data's own silhouette instead (give --bg FILE for an anatomy, or run 'ari fetch template')");
    }
}
