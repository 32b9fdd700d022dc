using Ari.Datasets;
using Ari.Datasets.Http;
using Ari.Datasets.Templates;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Datasets;

public class MniTemplateTests
{
    private static FetchOptions Options(string dataDir, List<string>? log = null) => new()
    {
        DataDirectory = dataDir,
        Log = log is null ? null : log.Add,
        Download = new DownloadOptions { MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) },
    };

    [Fact]
    public void The_default_url_is_nilearns_copy()
    {
        Assert.Equal("https://github.com/nilearn/nilearn/raw/0.10.3/nilearn/datasets/data/mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz",
            MniTemplate.DefaultUrl);
    }

    [Fact]
    public async Task Is_downloaded_once_into_the_templates_folder_then_found_offline()
    {
        // The real template (identical to nilearn's copy), served from loopback.
        byte[] body = File.ReadAllBytes(TestPaths.SharedFile("data", "real", "mni152_2009_t1_1mm.nii.gz"));
        var server = new LoopbackHttpServer();
        server.Serve("/mni.nii.gz", body);
        using var dir = new TempDirectory();
        var url = new Uri(server.BaseUrl, "mni.nii.gz");

        Assert.False(MniTemplate.FindCached(dir.Path).IsAvailable);
        var lookup = await MniTemplate.LocateAsync(Options(dir.Path), url);
        Assert.True(lookup.IsAvailable);
        Assert.True(lookup.Downloaded);
        Assert.Equal(Path.Combine(dir.Path, "templates", "mni152_2009_t1_1mm.nii.gz"), lookup.Path);
        Assert.Equal(body, File.ReadAllBytes(lookup.Path!));

        server.Stop();
        var log = new List<string>();
        var again = await MniTemplate.LocateAsync(Options(dir.Path, log), url);
        Assert.Equal(lookup.Path, again.Path);
        Assert.False(again.Downloaded);
        Assert.Equal([$"Template found in {Path.Combine(dir.Path, "templates")}"], log);
        Assert.Equal(lookup.Path, MniTemplate.FindCached(dir.Path).Path);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Offline_it_is_not_available_with_a_reason_instead_of_an_exception()
    {
        var server = new LoopbackHttpServer();
        var url = new Uri(server.BaseUrl, "mni.nii.gz");
        server.Stop();
        using var dir = new TempDirectory();
        var lookup = await MniTemplate.LocateAsync(Options(dir.Path), url);
        Assert.False(lookup.IsAvailable);
        Assert.Null(lookup.Path);
        Assert.StartsWith("the MNI template is not available: ", lookup.Reason);
        Assert.Contains("cannot connect", lookup.Reason);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));

        var e = await Assert.ThrowsAsync<AriException>(() => MniTemplate.FetchAsync(Options(dir.Path), url));
        Assert.Contains(url.ToString(), e.Message);
    }

    [Fact]
    public async Task A_server_answering_something_else_leaves_no_template()
    {
        using var server = new LoopbackHttpServer();
        server.Serve("/mni.nii.gz", "<html>rate limited</html>"u8.ToArray());
        using var dir = new TempDirectory();
        var lookup = await MniTemplate.LocateAsync(Options(dir.Path), new Uri(server.BaseUrl, "mni.nii.gz"));
        Assert.False(lookup.IsAvailable);
        Assert.Contains("not a gzip file", lookup.Reason);
        Assert.Empty(TestImages.FilesUnder(dir.Path));
    }
}
