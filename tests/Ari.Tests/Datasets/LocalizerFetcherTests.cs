using Ari.Datasets;
using Ari.Datasets.Http;
using Ari.Datasets.Localizer;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Datasets;

public class LocalizerFetcherTests
{
    private static readonly DownloadOptions Fast = LoopbackHttpServer.FastDownloads;

    private static (LocalizerFetcher Fetcher, List<string> Log) Fetcher(Uri osf, string dataDir)
    {
        var log = new List<string>();
        var options = new FetchOptions { DataDirectory = dataDir, Log = log.Add, Download = Fast };
        return (new LocalizerFetcher(options, osf), log);
    }

    private static string Cmaps(string dataDir, int subject) =>
        Path.Combine(dataDir, "brainomics_localizer", "brainomics_data", $"S{subject:00}", $"cmaps_{FakeOsf.LeftVsRight}.nii.gz");

    [Fact]
    public async Task Downloads_16_subjects_byte_for_byte_into_nilearns_layout()
    {
        using var osf = new FakeOsf(subjects: 20);
        using var dir = new TempDirectory();
        var (fetcher, log) = Fetcher(osf.Url, dir.Path);
        var progress = new List<DownloadProgress>();
        fetcher = new LocalizerFetcher(fetcher.Options with { Progress = progress.Add }, osf.Url);

        var data = await fetcher.FetchAsync(new LocalizerRequest { Subjects = 16 });

        Assert.Equal(16, data.ContrastMaps.Count);
        for (int s = 1; s <= 16; s++)
        {
            Assert.Equal(Cmaps(dir.Path, s), data.ContrastMaps[s - 1]);
            Assert.Equal(osf.Files[FakeOsf.CmapsPath(s)], File.ReadAllBytes(data.ContrastMaps[s - 1]));
        }
        Assert.Equal(Path.Combine(dir.Path, "brainomics_localizer", "brainomics_data", "participants.tsv"), data.Participants);
        Assert.Equal(17, data.DownloadedFiles);
        Assert.Empty(data.TMaps);
        Assert.Empty(data.Masks);
        Assert.Equal([.. Enumerable.Range(1, 16).Select(s => $"S{s:00}")], data.SubjectIds);
        Assert.Contains($"Dataset created in {Path.Combine(dir.Path, "brainomics_localizer")}", log);
        Assert.Contains(log, l => l.StartsWith($"Downloading data from {osf.Url}download/"));
        Assert.Equal(17, progress.Count(p => p.Completed));
        Assert.Equal(17, progress.Max(p => p.FileCount));
        // the maps, the participants table and the index; no temporary file left
        Assert.Equal(16 + 2, TestImages.FilesUnder(dir.Path).Length);
    }

    [Fact]
    public async Task The_cache_is_used_with_the_server_gone_and_without_fetching_the_index()
    {
        var osf = new FakeOsf(subjects: 4);
        using var dir = new TempDirectory();
        var (fetcher, _) = Fetcher(osf.Url, dir.Path);
        var first = await fetcher.FetchAsync(new LocalizerRequest { Subjects = 4 });
        int requests = osf.Server.RequestCount;
        var before = first.ContrastMaps.Select(File.ReadAllBytes).ToList();

        await fetcher.FetchAsync(new LocalizerRequest { Subjects = 4 });
        Assert.Equal(requests, osf.Server.RequestCount); // nothing asked of the server, not even the index

        osf.Dispose();
        var (offline, log) = Fetcher(osf.Url, dir.Path);
        var again = await offline.FetchAsync(new LocalizerRequest { Subjects = 4, Contrasts = ["LEFT VS RIGHT BUTTON PRESS"] });
        Assert.Equal(first.ContrastMaps, again.ContrastMaps);
        Assert.Equal(before, again.ContrastMaps.Select(File.ReadAllBytes).ToList());
        Assert.Equal(0, again.DownloadedFiles);
        Assert.Equal([$"Dataset found in {Path.Combine(dir.Path, "brainomics_localizer")}"], log);
    }

    [Fact]
    public async Task Only_missing_files_are_downloaded()
    {
        using var osf = new FakeOsf(subjects: 5);
        using var dir = new TempDirectory();
        var (fetcher, _) = Fetcher(osf.Url, dir.Path);
        await fetcher.FetchAsync(new LocalizerRequest { Subjects = 3 });
        File.Delete(Cmaps(dir.Path, 2));

        var data = await fetcher.FetchAsync(new LocalizerRequest { Subjects = 5 });
        Assert.Equal(3, data.DownloadedFiles);
        Assert.Equal(1, osf.Answer(FakeOsf.CmapsPath(1)).Requests);
        Assert.Equal(2, osf.Answer(FakeOsf.CmapsPath(2)).Requests);
        Assert.All(Enumerable.Range(1, 5), s => Assert.Equal(osf.Files[FakeOsf.CmapsPath(s)], File.ReadAllBytes(Cmaps(dir.Path, s))));
    }

    [Fact]
    public async Task T_maps_and_masks_land_where_nilearn_puts_them()
    {
        using var osf = new FakeOsf(subjects: 2);
        using var dir = new TempDirectory();
        var (fetcher, _) = Fetcher(osf.Url, dir.Path);
        var data = await fetcher.FetchAsync(new LocalizerRequest { Subjects = 2, TMaps = true, Masks = true });
        string s02 = Path.Combine(dir.Path, "brainomics_localizer", "brainomics_data", "S02");
        Assert.Equal(Path.Combine(s02, $"tmaps_{FakeOsf.LeftVsRight}.nii.gz"), data.TMaps[1]);
        Assert.Equal(Path.Combine(s02, "boolean_mask_mask.nii.gz"), data.Masks[1]);
        Assert.Equal(osf.Files[$"/localizer/derivatives/spm_1st_level/sub-S02/sub-S02_task-localizer_acq-{FakeOsf.LeftVsRight}_tmaps.nii.gz"], File.ReadAllBytes(data.TMaps[1]));
        Assert.Equal(osf.Files["/localizer/derivatives/spm_1st_level/sub-S02/sub-S02_mask.nii.gz"], File.ReadAllBytes(data.Masks[1]));
    }

    [Fact]
    public async Task A_truncated_transfer_is_resumed_within_a_batch()
    {
        using var osf = new FakeOsf(subjects: 3);
        var cut = osf.Answer(FakeOsf.CmapsPath(2));
        cut.TruncateTimes = 1;
        cut.TruncateAfter = 300;
        using var dir = new TempDirectory();
        var (fetcher, _) = Fetcher(osf.Url, dir.Path);
        var data = await fetcher.FetchAsync(new LocalizerRequest { Subjects = 3 });
        Assert.Equal(osf.Files[FakeOsf.CmapsPath(2)], File.ReadAllBytes(data.ContrastMaps[1]));
        Assert.Contains(osf.Server.Log, r => r.Path == $"/download/{osf.FileId(FakeOsf.CmapsPath(2))}/" && r.Range == "bytes=300-");
    }

    [Fact]
    public async Task A_transfer_that_never_completes_fails_and_leaves_no_partial_map()
    {
        using var osf = new FakeOsf(subjects: 3);
        var cut = osf.Answer(FakeOsf.CmapsPath(2));
        cut.TruncateTimes = -1;
        cut.TruncateAfter = 100;
        using var dir = new TempDirectory();
        var (fetcher, _) = Fetcher(osf.Url, dir.Path);
        var e = await Assert.ThrowsAsync<AriException>(() => fetcher.FetchAsync(new LocalizerRequest { Subjects = 3 }));
        Assert.Contains($"{osf.Url}download/{osf.FileId(FakeOsf.CmapsPath(2))}/", e.Message);
        Assert.Contains($"cmaps_{FakeOsf.LeftVsRight}.nii.gz was not saved", e.Message);
        Assert.True(File.Exists(Cmaps(dir.Path, 1)));
        Assert.False(File.Exists(Cmaps(dir.Path, 2)));
        Assert.Equal(["brainomics_localizer/brainomics_data/S01/" + $"cmaps_{FakeOsf.LeftVsRight}.nii.gz", "brainomics_localizer/osf_index.json"],
            TestImages.FilesUnder(dir.Path));
    }

    [Theory]
    [InlineData(404, "HTTP 404")]
    [InlineData(500, "HTTP 500 Internal Server Error")]
    public async Task Server_errors_for_a_map_are_one_clear_error(int status, string fragment)
    {
        using var osf = new FakeOsf(subjects: 2);
        osf.Answer(FakeOsf.CmapsPath(1)).Status = status;
        using var dir = new TempDirectory();
        var (fetcher, _) = Fetcher(osf.Url, dir.Path);
        var e = await Assert.ThrowsAsync<AriException>(() => fetcher.FetchAsync(new LocalizerRequest { Subjects = 2 }));
        Assert.Contains(fragment, e.Message);
        Assert.Contains($"download/{osf.FileId(FakeOsf.CmapsPath(1))}/", e.Message);
        Assert.False(File.Exists(Cmaps(dir.Path, 1)));
    }

    [Theory]
    [InlineData("{\"/localizer/participants.tsv\": ", "not valid JSON")]
    [InlineData("<html><body>OSF is down for maintenance</body></html>", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not a JSON object")]
    public async Task A_malformed_index_is_a_clear_error_and_nothing_is_saved(string index, string fragment)
    {
        using var osf = new FakeOsf(subjects: 2);
        osf.ServeIndex(index);
        using var dir = new TempDirectory();
        var (fetcher, _) = Fetcher(osf.Url, dir.Path);
        var e = await Assert.ThrowsAsync<AriException>(() => fetcher.FetchAsync(new LocalizerRequest { Subjects = 2 }));
        Assert.StartsWith($"{osf.Url}hwbm2/download: ", e.Message);
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(TestImages.FilesUnder(dir.Path));
    }

    [Fact]
    public async Task Hostile_index_keys_are_refused_and_nothing_is_written_outside_the_data_folder()
    {
        using var osf = new FakeOsf(subjects: 2);
        string evilId = osf.FileId(FakeOsf.CmapsPath(1));
        osf.ServeIndex(osf.IndexJson(
            ("/localizer/../../../../evil.nii.gz", $"\"/{evilId}\""),
            ("/../escape.nii.gz", $"\"/{evilId}\""),
            ("//tmp/absolute.nii.gz", $"\"/{evilId}\""),
            ("C:\\evil.nii.gz", $"\"/{evilId}\"")));
        using var root = new TempDirectory();
        string dataDir = Path.Combine(root.Path, "data");
        var (fetcher, log) = Fetcher(osf.Url, dataDir);
        var data = await fetcher.FetchAsync(new LocalizerRequest { Subjects = 2 });

        Assert.Equal(2, data.ContrastMaps.Count);
        Assert.All(TestImages.FilesUnder(root.Path), f => Assert.StartsWith("data/brainomics_localizer/", f));
        Assert.Contains("warning: the OSF index has 4 unusable entries, ignored:", log);
        Assert.Contains(log, l => l.Contains("/localizer/../../../../evil.nii.gz: has a '.' or '..' part"));
    }

    [Fact]
    public async Task A_hostile_file_id_for_a_requested_map_is_refused_before_any_download()
    {
        using var osf = new FakeOsf(subjects: 2);
        string json = osf.IndexJson().Replace($"\"/{osf.FileId(FakeOsf.CmapsPath(2))}\"", "\"/../../hwbm2/download\"");
        osf.ServeIndex(json);
        using var dir = new TempDirectory();
        var (fetcher, _) = Fetcher(osf.Url, dir.Path);
        var e = await Assert.ThrowsAsync<AriException>(() => fetcher.FetchAsync(new LocalizerRequest { Subjects = 2 }));
        Assert.Contains($"no usable entry for {FakeOsf.CmapsPath(2)}", e.Message);
        Assert.Equal(["brainomics_localizer/osf_index.json"], TestImages.FilesUnder(dir.Path));
    }

    [Fact]
    public async Task Requests_outside_the_data_set_are_clear_errors()
    {
        using var dir = new TempDirectory();
        var (fetcher, _) = Fetcher(new Uri("http://127.0.0.1:9/"), dir.Path);
        var e = await Assert.ThrowsAsync<AriException>(() => fetcher.FetchAsync(new LocalizerRequest { Subjects = 95 }));
        Assert.Contains("subjects 1 to 94", e.Message);
        e = await Assert.ThrowsAsync<AriException>(() => fetcher.FetchAsync(new LocalizerRequest { Contrasts = ["nonsense"] }));
        Assert.Contains("unknown Localizer contrast 'nonsense'", e.Message);
        Assert.Empty(TestImages.FilesUnder(dir.Path));
    }
}
