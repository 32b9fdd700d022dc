using Ari.Datasets.Http;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Datasets;

public class FileDownloaderTests
{
    private static readonly DownloadOptions Fast = LoopbackHttpServer.FastDownloads;

    private static async Task<Exception> DownloadFails(LoopbackHttpServer server, string path, string destination, DownloadOptions? options = null)
    {
        using var downloader = new FileDownloader(options ?? Fast);
        return await Assert.ThrowsAsync<AriException>(() => downloader.DownloadAsync(new Uri(server.BaseUrl, path), destination));
    }

    [Fact]
    public async Task Downloads_byte_for_byte_and_reports_progress()
    {
        using var server = new LoopbackHttpServer();
        byte[] body = TestImages.NiftiGz(1);
        server.Serve("/a.nii.gz", body);
        using var dir = new TempDirectory();
        var reports = new List<DownloadProgress>();
        using var downloader = new FileDownloader(Fast);
        await downloader.DownloadAsync(new Uri(server.BaseUrl, "a.nii.gz"), dir.File("sub/a.nii.gz"), reports.Add);

        Assert.Equal(body, File.ReadAllBytes(dir.File("sub/a.nii.gz")));
        Assert.Equal(["sub/a.nii.gz"], TestImages.FilesUnder(dir.Path));
        Assert.True(reports.Count >= 2);
        Assert.All(reports, r => Assert.Equal(body.Length, r.TotalBytes));
        Assert.True(reports[^1].Completed);
        Assert.Equal(body.Length, reports[^1].BytesReceived);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_dropped_transfer_is_resumed_with_a_range_request(bool gracefulClose)
    {
        using var server = new LoopbackHttpServer();
        byte[] body = TestImages.NiftiGz(2);
        var served = server.Serve("/a.nii.gz", body);
        served.TruncateTimes = 2;
        served.TruncateAfter = body.Length / 3;
        served.GracefulCut = gracefulClose;
        using var dir = new TempDirectory();
        using var downloader = new FileDownloader(Fast);
        await downloader.DownloadAsync(new Uri(server.BaseUrl, "a.nii.gz"), dir.File("a.nii.gz"));

        Assert.Equal(body, File.ReadAllBytes(dir.File("a.nii.gz")));
        var ranges = server.Log.Select(r => r.Range).ToList();
        Assert.Equal([null, $"bytes={body.Length / 3}-", $"bytes={2 * (body.Length / 3)}-"], ranges);
    }

    [Fact]
    public async Task A_server_ignoring_ranges_makes_the_download_start_over()
    {
        using var server = new LoopbackHttpServer();
        byte[] body = TestImages.NiftiGz(3);
        var served = server.Serve("/a.nii.gz", body);
        served.TruncateTimes = 1;
        served.TruncateAfter = body.Length / 2;
        served.HonourRange = false;
        using var dir = new TempDirectory();
        using var downloader = new FileDownloader(Fast);
        await downloader.DownloadAsync(new Uri(server.BaseUrl, "a.nii.gz"), dir.File("a.nii.gz"));
        Assert.Equal(body, File.ReadAllBytes(dir.File("a.nii.gz")));
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_stalled_transfer_times_out_and_is_resumed()
    {
        using var server = new LoopbackHttpServer();
        byte[] body = TestImages.NiftiGz(4);
        var served = server.Serve("/a.nii.gz", body);
        served.TruncateTimes = 1;
        served.TruncateAfter = 100;
        served.StallFor = TimeSpan.FromSeconds(5);
        using var dir = new TempDirectory();
        using var downloader = new FileDownloader(Fast with { IdleTimeout = TimeSpan.FromMilliseconds(200) });
        await downloader.DownloadAsync(new Uri(server.BaseUrl, "a.nii.gz"), dir.File("a.nii.gz"));
        Assert.Equal(body, File.ReadAllBytes(dir.File("a.nii.gz")));
        Assert.Equal("bytes=100-", server.Log.Last().Range);
    }

    [Fact]
    public async Task A_transfer_that_never_completes_fails_cleanly_and_leaves_nothing()
    {
        using var server = new LoopbackHttpServer();
        byte[] body = TestImages.NiftiGz(5);
        var served = server.Serve("/a.nii.gz", body);
        served.TruncateTimes = -1;
        served.TruncateAfter = 50;
        using var dir = new TempDirectory();
        var e = await DownloadFails(server, "a.nii.gz", dir.File("new/folder/a.nii.gz"));

        Assert.Contains(server.BaseUrl + "a.nii.gz", e.Message);
        Assert.Contains("after 4 attempts", e.Message);
        Assert.Contains($"200 of {body.Length:N0} bytes", e.Message);
        Assert.Contains("a.nii.gz was not saved", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(4, server.RequestCount);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path)); // not even the folders it made
    }

    [Fact]
    public async Task Not_found_fails_at_once()
    {
        using var server = new LoopbackHttpServer();
        using var dir = new TempDirectory();
        var e = await DownloadFails(server, "missing.nii.gz", dir.File("m.nii.gz"));
        Assert.Contains("HTTP 404", e.Message);
        Assert.Contains("missing.nii.gz", e.Message);
        Assert.Equal(1, server.RequestCount);
        Assert.Empty(TestImages.FilesUnder(dir.Path));
    }

    [Fact]
    public async Task A_server_error_is_retried_then_reported()
    {
        using var server = new LoopbackHttpServer();
        server.Serve("/a.nii.gz", TestImages.NiftiGz(6)).Status = 500;
        using var dir = new TempDirectory();
        var e = await DownloadFails(server, "a.nii.gz", dir.File("a.nii.gz"));
        Assert.Contains("HTTP 500 Internal Server Error", e.Message);
        Assert.Equal(4, server.RequestCount);
        Assert.Empty(TestImages.FilesUnder(dir.Path));
    }

    [Fact]
    public async Task A_corrupt_image_is_not_saved_and_an_older_file_is_kept()
    {
        using var server = new LoopbackHttpServer();
        byte[] body = TestImages.NiftiGz(7);
        byte[] corrupt = (byte[])body.Clone();
        corrupt[^6] ^= 0xFF; // gzip trailer (CRC / length) no longer matches
        server.Serve("/bad.nii.gz", corrupt);
        server.Serve("/plain.nii.gz", "not an image at all"u8.ToArray());
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bad.nii.gz"), body);

        var e = await DownloadFails(server, "bad.nii.gz", dir.File("bad.nii.gz"));
        Assert.Contains("not a valid NIfTI image", e.Message);
        Assert.Equal(body, File.ReadAllBytes(dir.File("bad.nii.gz")));

        e = await DownloadFails(server, "plain.nii.gz", dir.File("plain.nii.gz"));
        Assert.Contains("not a gzip file", e.Message);
        Assert.Equal(["bad.nii.gz"], TestImages.FilesUnder(dir.Path));
    }

    [Fact]
    public async Task An_unreachable_server_fails_at_once_without_retries()
    {
        var server = new LoopbackHttpServer();
        var url = server.BaseUrl;
        server.Stop();
        using var dir = new TempDirectory();
        using var downloader = new FileDownloader(Fast with { RetryDelay = TimeSpan.FromSeconds(30) });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<AriException>(() => downloader.DownloadAsync(new Uri(url, "a.nii.gz"), dir.File("a.nii.gz")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Contains("cannot connect", e.Message);
        Assert.Contains("a.nii.gz was not downloaded", e.Message);
        Assert.Empty(TestImages.FilesUnder(dir.Path));
    }
}
