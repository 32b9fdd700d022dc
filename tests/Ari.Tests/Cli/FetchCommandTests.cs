using Ari.Tests.Datasets;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

public class FetchCommandTests
{
    private static Dictionary<string, string?> Env(Uri osf) => new() { ["ARI_OSF_URL"] = osf.ToString(), ["ARI_DATA"] = null };

    [Fact]
    public void Fetches_the_maps_then_finds_them_offline()
    {
        var osf = new FakeOsf(subjects: 16);
        using var dir = new TempDirectory();
        var run = AriProcess.Run(null, Env(osf.Url), "fetch", "localizer", "--contrast", "left vs right button press", "--subjects", "16", "--data-dir", dir.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        var paths = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16, paths.Length);
        for (int s = 1; s <= 16; s++)
        {
            Assert.Equal(Path.Combine(dir.Path, "brainomics_localizer", "brainomics_data", $"S{s:00}", $"cmaps_{FakeOsf.LeftVsRight}.nii.gz"), paths[s - 1]);
            Assert.Equal(osf.Files[FakeOsf.CmapsPath(s)], File.ReadAllBytes(paths[s - 1]));
        }
        Assert.Contains("[fetch] Dataset created in", run.StdErr);
        Assert.Contains($"[fetch] Downloading data from {osf.Url}hwbm2/download ...", run.StdErr);

        osf.Dispose();
        var again = AriProcess.Run(null, Env(osf.Url), "fetch", "localizer", "--data-dir", dir.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(run.StdOut, again.StdOut);
        Assert.Equal($"[fetch] Dataset found in {Path.Combine(dir.Path, "brainomics_localizer")}", again.StdErr.Trim());
    }

    [Fact]
    public void Data_folder_from_the_environment_and_tmaps()
    {
        using var osf = new FakeOsf(subjects: 2);
        using var dir = new TempDirectory();
        var env = Env(osf.Url);
        env["ARI_DATA"] = dir.Path;
        var run = AriProcess.Run(null, env, "fetch", "localizer", "-n", "2", "--tmaps", "--masks", "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.StdErr);
        var paths = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, paths.Length);
        Assert.EndsWith(Path.Combine("S02", $"tmaps_{FakeOsf.LeftVsRight}.nii.gz"), paths[3]);
        Assert.EndsWith(Path.Combine("S02", "boolean_mask_mask.nii.gz"), paths[5]);
        Assert.All(paths, p => Assert.StartsWith(dir.Path, p));
    }

    [Fact]
    public void A_truncated_transfer_is_resumed()
    {
        using var osf = new FakeOsf(subjects: 2);
        var cut = osf.Answer(FakeOsf.CmapsPath(2));
        cut.TruncateTimes = 1;
        cut.TruncateAfter = 64;
        using var dir = new TempDirectory();
        var run = AriProcess.Run(null, Env(osf.Url), "fetch", "localizer", "-n", "2", "--data-dir", dir.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(osf.Files[FakeOsf.CmapsPath(2)], File.ReadAllBytes(run.StdOut.Split('\n')[1]));
        Assert.Contains(osf.Server.Log, r => r.Range == "bytes=64-");
    }

    [Fact]
    public void A_failed_download_is_one_error_line_and_leaves_no_partial_file()
    {
        using var osf = new FakeOsf(subjects: 2);
        osf.Answer(FakeOsf.CmapsPath(2)).Status = 404;
        using var dir = new TempDirectory();
        var run = AriProcess.Run(null, Env(osf.Url), "fetch", "localizer", "-n", "2", "--data-dir", dir.Path);
        AriProcess.AssertCleanError(run, 1, $"download/{osf.FileId(FakeOsf.CmapsPath(2))}/", "HTTP 404", "was not downloaded");
        Assert.DoesNotContain(TestImages.FilesUnder(dir.Path), f => f.Contains("S02"));
        Assert.DoesNotContain(TestImages.FilesUnder(dir.Path), f => f.EndsWith(".tmp"));
    }

    [Fact]
    public void Bad_options_are_usage_errors()
    {
        AriProcess.AssertCleanError(AriProcess.Run("fetch", "localizer", "--subjects", "0"), 2, "--subjects", "between 1 and 94");
        AriProcess.AssertCleanError(AriProcess.Run("fetch", "localizer", "--contrast", "left foot"), 2, "--contrast", "unknown Localizer contrast 'left foot'");
        var env = new Dictionary<string, string?> { ["ARI_OSF_URL"] = "ftp://example.org" };
        using var dir = new TempDirectory();
        AriProcess.AssertCleanError(AriProcess.Run(null, env, "fetch", "localizer", "--data-dir", dir.Path), 1, "ARI_OSF_URL", "not an http(s) URL");
    }

    [Fact]
    public void Lists_the_contrasts()
    {
        var run = AriProcess.Run("fetch", "localizer", "--list-contrasts");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("left vs right button press\tleft auditory & visual click vs right auditory&visual click\tLeftAuditory&VisualClickVsRightAuditory&VisualClick", run.StdOut);
        Assert.Equal(33, run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Fetches_the_template_once()
    {
        byte[] body = TestImages.NiftiGz(42);
        var server = new LoopbackHttpServer();
        server.Serve("/t1.nii.gz", body);
        using var dir = new TempDirectory();
        var env = new Dictionary<string, string?> { ["ARI_MNI_URL"] = server.BaseUrl + "t1.nii.gz" };
        var run = AriProcess.Run(null, env, "fetch", "template", "--data-dir", dir.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        string path = Path.Combine(dir.Path, "templates", "mni152_2009_t1_1mm.nii.gz");
        Assert.Equal(path, run.StdOut.Trim());
        Assert.Equal(body, File.ReadAllBytes(path));
        server.Stop();
        var again = AriProcess.Run(null, env, "fetch", "template", "--data-dir", dir.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(path, again.StdOut.Trim());
        Assert.Contains("Template found in", again.StdErr);
    }
}
