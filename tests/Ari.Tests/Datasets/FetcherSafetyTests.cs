using System.Diagnostics;
using System.Text;
using Ari.Datasets;
using Ari.Datasets.Http;
using Ari.Datasets.Localizer;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Datasets;

/// <summary>The fetcher's bounds: index size, an overall deadline per file, stale temporaries, links out of the data folder, odd redirects.</summary>
public class FetcherSafetyTests
{
    private static readonly DownloadOptions Fast = LoopbackHttpServer.FastDownloads;

    [Fact]
    public async Task An_endless_osf_index_is_cut_at_its_cap_and_nothing_is_saved()
    {
        using var osf = new FakeOsf(subjects: 1);
        // An index larger than the cap (a valid JSON object padded with whitespace, as an endless one would be).
        osf.ServeIndex("{" + new string(' ', (int)OsfIndex.MaxBytes) + "}");
        using var dir = new TempDirectory();
        var fetcher = new LocalizerFetcher(new FetchOptions { DataDirectory = dir.Path, Download = Fast }, osf.Url);
        var e = await Assert.ThrowsAsync<AriException>(() => fetcher.FetchAsync(new LocalizerRequest { Subjects = 1 }));
        Assert.Contains("hwbm2/download", e.Message);
        Assert.Contains("more than the 8,388,608 accepted", e.Message);
        Assert.Empty(TestImages.FilesUnder(dir.Path));
    }

    [Fact]
    public async Task A_server_trickling_a_byte_at_a_time_fails_at_the_files_deadline()
    {
        using var server = new LoopbackHttpServer();
        var served = server.Serve("/slow.nii.gz", TestImages.NiftiGz(1));
        served.TrickleEvery = TimeSpan.FromMilliseconds(100); // never idle for the 2 s idle timeout
        using var dir = new TempDirectory();
        using var downloader = new FileDownloader(Fast with { FileDeadline = TimeSpan.FromSeconds(1.5) });
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<AriException>(() => downloader.DownloadAsync(new Uri(server.BaseUrl, "slow.nii.gz"), dir.File("slow.nii.gz")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        Assert.Contains("did not complete within 1.5 s", e.Message);
        Assert.Contains("slow.nii.gz was not saved", e.Message);
        Assert.Empty(TestImages.FilesUnder(dir.Path));
    }

    [Fact]
    public async Task Stale_temporaries_of_killed_runs_are_removed_and_live_ones_kept()
    {
        using var server = new LoopbackHttpServer();
        byte[] body = TestImages.NiftiGz(2);
        server.Serve("/a.nii.gz", body);
        using var dir = new TempDirectory();
        string stale = dir.File($".a.nii.gz.{Guid.NewGuid():N}.tmp");
        string live = dir.File($".a.nii.gz.{Guid.NewGuid():N}.tmp");
        string unrelated = dir.File(".a.nii.gz.notours.tmp");
        foreach (string f in new[] { stale, live, unrelated }) File.WriteAllText(f, "partial");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddHours(-2));

        using var downloader = new FileDownloader(Fast);
        await downloader.DownloadAsync(new Uri(server.BaseUrl, "a.nii.gz"), dir.File("a.nii.gz"));
        Assert.Equal(body, File.ReadAllBytes(dir.File("a.nii.gz")));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public async Task A_symbolic_link_inside_the_data_folder_leading_out_of_it_is_refused()
    {
        using var osf = new FakeOsf(subjects: 1);
        using var dir = new TempDirectory();
        string data = dir.File("data"), elsewhere = dir.File("elsewhere");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(elsewhere);
        Directory.CreateSymbolicLink(Path.Combine(data, "brainomics_localizer"), elsewhere);
        var fetcher = new LocalizerFetcher(new FetchOptions { DataDirectory = data, Download = Fast }, osf.Url);
        var e = await Assert.ThrowsAsync<AriException>(() => fetcher.FetchAsync(new LocalizerRequest { Subjects = 1 }));
        Assert.Contains("refusing to write", e.Message);
        Assert.Contains("outside the data folder", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        Assert.Equal(0, osf.Server.RequestCount);

        // The data folder itself may be a link (e.g. to a scratch disk).
        Directory.CreateSymbolicLink(dir.File("data-link"), elsewhere);
        Assert.EndsWith("templates/mni.nii.gz", DataDirectory.Within(dir.File("data-link"), "templates/mni.nii.gz"));
    }

    [Fact]
    public async Task A_redirect_to_a_file_url_is_a_named_error()
    {
        using var server = new LoopbackHttpServer();
        server.Serve("/r.nii.gz", []).RedirectTo = "file:///etc/passwd";
        using var dir = new TempDirectory();
        using var downloader = new FileDownloader(Fast);
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => downloader.DownloadAsync(new Uri(server.BaseUrl, "r.nii.gz"), dir.File("r.nii.gz")));
        var e = Assert.IsType<AriException>(thrown, exactMatch: false);
        Assert.True(thrown.GetType() == typeof(AriException), thrown.ToString());
        Assert.Contains("r.nii.gz", e.Message);
        Assert.DoesNotContain("root:", e.Message);
        Assert.Empty(TestImages.FilesUnder(dir.Path));
        var notHttp = await Assert.ThrowsAsync<AriException>(() => downloader.DownloadAsync(new Uri("file:///etc/passwd"), dir.File("p.nii.gz")));
        Assert.Contains("not an http(s) URL", notHttp.Message);
    }
}
