using System.Diagnostics;
using System.Globalization;
using Ari.Datasets.Http;

namespace Ari.Datasets.Localizer;

/// <summary>
/// Fetches Brainomics/Localizer maps like nilearn 0.10.3's fetch_localizer_contrasts: files already in the
/// data folder are used as they are, without touching the network (not even the index); otherwise the OSF
/// index ({OSF}/hwbm2/download) gives each missing file's id and the file comes from {OSF}/download/&lt;id&gt;/.
/// {OSF} is https://osf.io/ unless ARI_OSF_URL says otherwise. Downloads are sequential, checked and atomic
/// (<see cref="FileDownloader"/>); the participant tables are fetched alongside when available.
/// </summary>
public sealed class LocalizerFetcher
{
    /// <summary>The environment variable that replaces the OSF base URL (e.g. a mirror or a test server): "ARI_OSF_URL".</summary>
    public const string OsfUrlVariable = "ARI_OSF_URL";
    /// <summary>The OSF base URL used when ARI_OSF_URL is not set.</summary>
    public const string DefaultOsfUrl = "https://osf.io/";
    /// <summary>The OSF index's path under the base URL: the JSON list of the data set's files and their ids.</summary>
    public const string IndexPath = "hwbm2/download";
    /// <summary>The name under which the OSF index is kept in the data set's folder.</summary>
    public const string IndexFileName = "osf_index.json";

    /// <summary>A fetcher with the given options (null: <see cref="FetchOptions.Default"/>) and OSF base URL (null: <see cref="ResolveOsfUrl"/>).</summary>
    public LocalizerFetcher(FetchOptions? options = null, Uri? osfUrl = null)
    {
        Options = options ?? FetchOptions.Default;
        OsfUrl = osfUrl is null ? ResolveOsfUrl() : WithTrailingSlash(osfUrl);
    }

    /// <summary>Data folder, log, progress and download settings.</summary>
    public FetchOptions Options { get; }
    /// <summary>The OSF base URL {OSF}, ending in '/'.</summary>
    public Uri OsfUrl { get; }
    /// <summary>The URL of the OSF index: {OSF}/hwbm2/download.</summary>
    public Uri IndexUrl => new(OsfUrl, IndexPath);

    /// <summary>nilearn's fetch_localizer_contrasts(contrasts, n_subjects, get_tmaps, get_masks).</summary>
    public static Task<LocalizerDataset> FetchContrastsAsync(IReadOnlyList<string> contrasts, int subjects,
        bool tmaps = false, bool masks = false, FetchOptions? options = null, CancellationToken cancel = default) =>
        new LocalizerFetcher(options).FetchAsync(new LocalizerRequest { Contrasts = contrasts, Subjects = subjects, TMaps = tmaps, Masks = masks }, cancel);

    /// <summary>{OSF} from ARI_OSF_URL, else https://osf.io/.</summary>
    public static Uri ResolveOsfUrl() => WithTrailingSlash(Http.EnvironmentUrl.Resolve(OsfUrlVariable, DefaultOsfUrl));

    /// <summary>Fetches the files <paramref name="request"/> names, downloading only those missing from the data folder.</summary>
    /// <returns>The full paths of the files, in nilearn's order, and how many were downloaded.</returns>
    /// <exception cref="AriException">A bad request (no contrast, unknown contrast, subject count out of range), or a download or check failed.</exception>
    public async Task<LocalizerDataset> FetchAsync(LocalizerRequest request, CancellationToken cancel = default)
    {
        var plan = LocalizerLayout.Plan(request);
        string datasetDir = DataDirectory.Within(DataDirectory.Resolve(Options.DataDirectory), LocalizerLayout.DatasetFolder);
        var local = plan.ToDictionary(f => f, f => DataDirectory.Within(datasetDir, f.LocalPath));
        var missing = plan.Where(f => LocalizerLayout.IsRequired(f.Kind) && !File.Exists(local[f])).ToList();

        int downloaded = 0;
        if (missing.Count == 0)
        {
            Log($"Dataset found in {datasetDir}");
        }
        else
        {
            Log($"Dataset {(Directory.Exists(datasetDir) ? "found" : "created")} in {datasetDir}");
            downloaded = await DownloadMissingAsync(plan, local, datasetDir, cancel);
        }

        List<string> Of(LocalizerFileKind kind) => [.. plan.Where(f => f.Kind == kind).Select(f => local[f])];
        string? participants = plan.Where(f => f.Kind == LocalizerFileKind.Participants).Select(f => local[f]).FirstOrDefault(File.Exists);
        return new LocalizerDataset(datasetDir, request.SubjectIds(), Of(LocalizerFileKind.ContrastMap),
            Of(LocalizerFileKind.TMap), Of(LocalizerFileKind.Mask), participants, downloaded);
    }

    private async Task<int> DownloadMissingAsync(IReadOnlyList<LocalizerFile> plan, Dictionary<LocalizerFile, string> local,
        string datasetDir, CancellationToken cancel)
    {
        using var downloader = new FileDownloader(Options.Download);
        var index = await FetchIndexAsync(downloader, datasetDir, cancel);

        var queue = new List<(LocalizerFile File, Uri Url)>();
        foreach (var file in plan)
        {
            if (File.Exists(local[file])) continue;
            string? id = index.FileId(file.OsfPath);
            if (id is not null) queue.Add((file, OsfIndex.DownloadUrl(OsfUrl, id)));
            else if (LocalizerLayout.IsRequired(file.Kind))
                throw new AriException($"{IndexUrl}: the OSF index has no usable entry for {file.OsfPath}");
        }

        var clock = Stopwatch.StartNew();
        int done = 0;
        for (int n = 0; n < queue.Count; n++)
        {
            var (file, url) = queue[n];
            Log($"Downloading data from {url} ...");
            int number = n + 1;
            Action<DownloadProgress>? progress = Options.Progress is { } report
                ? p => report(p with { FileNumber = number, FileCount = queue.Count })
                : null;
            try
            {
                await downloader.DownloadAsync(url, local[file], progress, cancel: cancel);
                done++;
            }
            catch (AriException e) when (!LocalizerLayout.IsRequired(file.Kind))
            {
                Log($"warning: {file.LocalPath} not fetched: {e.Message}");
            }
        }
        Log(string.Create(CultureInfo.InvariantCulture, $" ...done. ({done} files, {clock.Elapsed.TotalSeconds:0.#} seconds)"));
        return done;
    }

    private async Task<OsfIndex> FetchIndexAsync(FileDownloader downloader, string datasetDir, CancellationToken cancel)
    {
        string path = DataDirectory.Within(datasetDir, IndexFileName);
        string source = IndexUrl.ToString();
        Log($"Downloading data from {source} ...");
        await downloader.DownloadAsync(IndexUrl, path, check: temp => OsfIndex.Load(temp, null), cancel: cancel, maxBytes: OsfIndex.MaxBytes);
        var index = OsfIndex.Load(path, source);
        if (index.Refused.Count > 0)
        {
            Log($"warning: the OSF index has {index.Refused.Count} unusable entr{(index.Refused.Count == 1 ? "y" : "ies")}, ignored:");
            foreach (string refused in index.Refused.Take(5)) Log($"  {refused}");
        }
        return index;
    }

    private void Log(string message) => Options.Log?.Invoke(message);

    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
