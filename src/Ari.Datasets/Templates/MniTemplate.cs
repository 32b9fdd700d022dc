using Ari.Datasets.Http;

namespace Ari.Datasets.Templates;

/// <summary>Whether the template can be had: its path, or the reason it cannot (for a figure to fall back on).</summary>
/// <param name="Path">The template file's full path; null when it is not available.</param>
/// <param name="Reason">Why it is not available (for a message); null when it is.</param>
/// <param name="Downloaded">True when this lookup downloaded it.</param>
public sealed record TemplateLookup(string? Path, string? Reason, bool Downloaded = false)
{
    /// <summary>True when <see cref="Path"/> is set.</summary>
    public bool IsAvailable => Path is not null;
}

/// <summary>
/// The MNI ICBM152 2009 symmetric T1 template at 1 mm (197x233x189, uint8), the background nilearn's
/// plot_stat_map draws on (nilearn 0.10.3 ships it as mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz).
/// It lives at DATA/templates/mni152_2009_t1_1mm.nii.gz and is downloaded on first use from ARI_MNI_URL,
/// else nilearn's own copy on GitHub. nilearn rescales it to 0..1 (float32) before drawing.
/// </summary>
public static class MniTemplate
{
    /// <summary>The environment variable that replaces the download URL: "ARI_MNI_URL".</summary>
    public const string UrlVariable = "ARI_MNI_URL";
    /// <summary>nilearn 0.10.3's copy of the 1 mm template on GitHub, used when ARI_MNI_URL is not set.</summary>
    public const string DefaultUrl =
        "https://github.com/nilearn/nilearn/raw/0.10.3/nilearn/datasets/data/mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz";
    /// <summary>The template's folder inside the data folder.</summary>
    public const string Folder = "templates";
    /// <summary>The template's file name inside <see cref="Folder"/>.</summary>
    public const string FileName = "mni152_2009_t1_1mm.nii.gz";

    /// <summary>Where the template is (or would be) in a data folder (null: ARI_DATA or ~/ari_data).</summary>
    public static string PathIn(string? dataDirectory = null) =>
        DataDirectory.Within(DataDirectory.Resolve(dataDirectory), Path.Combine(Folder, FileName));

    /// <summary>The download URL: ARI_MNI_URL, else <see cref="DefaultUrl"/>.</summary>
    public static Uri ResolveUrl() => Http.EnvironmentUrl.Resolve(UrlVariable, DefaultUrl);

    /// <summary>The template if it is already in the data folder; never touches the network.</summary>
    public static TemplateLookup FindCached(string? dataDirectory = null)
    {
        try
        {
            string path = PathIn(dataDirectory);
            return File.Exists(path) ? new TemplateLookup(path, null) : new TemplateLookup(null, $"{path} is not there yet");
        }
        catch (AriException e) { return new TemplateLookup(null, e.Message); }
    }

    /// <summary>The template's path, downloading it first if needed; an AriException when it cannot be had.</summary>
    public static async Task<string> FetchAsync(FetchOptions? options = null, Uri? url = null, CancellationToken cancel = default)
    {
        options ??= FetchOptions.Default;
        string path = PathIn(options.DataDirectory);
        if (File.Exists(path))
        {
            options.Log?.Invoke($"Template found in {Path.GetDirectoryName(path)}");
            return path;
        }
        url ??= ResolveUrl();
        options.Log?.Invoke($"Downloading data from {url} ...");
        using var downloader = new FileDownloader(options.Download);
        await downloader.DownloadAsync(url, path, options.Progress, cancel: cancel);
        options.Log?.Invoke($" ...done. ({path})");
        return path;
    }

    /// <summary>
    /// Like <see cref="FetchAsync"/> but never fails for want of the template (offline, server error,
    /// unwritable folder): the lookup then says why, so that a figure can be drawn without the background.
    /// Cancellation still throws.
    /// </summary>
    public static async Task<TemplateLookup> LocateAsync(FetchOptions? options = null, Uri? url = null, CancellationToken cancel = default)
    {
        try
        {
            bool present = FindCached(options?.DataDirectory).IsAvailable;
            string path = await FetchAsync(options, url, cancel);
            return new TemplateLookup(path, null, Downloaded: !present);
        }
        catch (AriException e)
        {
            return new TemplateLookup(null, $"the MNI template is not available: {e.Message}");
        }
    }
}
