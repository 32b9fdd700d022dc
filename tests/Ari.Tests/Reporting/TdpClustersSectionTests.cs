using Ari.Pipelines.Clusters;
using Ari.Reporting.Sections;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Reporting;

/// <summary>The TDP-clusters section in headless Chromium: its gamma slider recolours the clusters with no server.</summary>
public class TdpClustersSectionTests
{
    private static string Fsl(string name) => TestPaths.SharedFile("data", "real", "fsl_auditory", name);

    [Fact]
    public async Task GammaSliderGivesTheQueriesClustersInTheBrowser()
    {
        using var dir = new TempDirectory();
        string folder = dir.File("clusters");
        ClustersJob.Run(new ClustersRequest(null, Fsl("pvalue.nii.gz"), Fsl("mask.nii.gz"), [0.7, 0.9], 0.05, 18, false, [], folder, "ari clusters"));
        string page = dir.File("clusters.html");
        await File.WriteAllTextAsync(page, TdpClustersSection.Page(folder, "ari report --clusters"));

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(page).AbsoluteUri, TimeSpan.FromSeconds(60));
        await browser.WaitUntilAsync("document.getElementById('tdp-clusters').dataset.ready === '1'", TimeSpan.FromSeconds(60));
        async Task<string> SizesAt(string gamma)
        {
            await browser.EvaluateAsync($"(() => {{ const g = document.getElementById('tdp-gamma'); g.value = '{gamma}'; g.dispatchEvent(new Event('input')); }})()");
            return (await browser.EvaluateAsync("document.getElementById('tdp-clusters').dataset.sizes"))!.ToString();
        }
        // The same clusters as the library's queries (and ARIbrain's at 0.7 and 0.9).
        Assert.Equal("5077,3753", await SizesAt("0.9"));
        Assert.Equal("26960", await SizesAt("0.4"));
        Assert.Equal("7398,4870", await SizesAt("0.7"));
        Assert.Contains("2 clusters with TDP", (await browser.EvaluateAsync("document.getElementById('tdp-status').textContent"))!.ToString());

        byte[] png = await browser.ScreenshotAsync(1400);
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "tdp-clusters-screenshot.png"), png);
        Assert.True(browser.Errors.Count == 0, "console errors:\n" + string.Join("\n", browser.Errors));
    }

    [Theory]
    [InlineData(-0.3, -22.4, 9.6, "0, -22, 10")]   // no "-0" for a centre just left of the midline
    [InlineData(-0.5, 2.5, -1.5, "-1, 3, -2")]     // halves away from zero, as the table's other numbers
    [InlineData(double.NaN, 0, 0, "n/a")]
    public void MillimetresAreWholeAndNeverMinusZero(double x, double y, double z, string expected) =>
        Assert.Equal(expected, TdpClustersSection.Mm(new Ari.Volumes.Point3(x, y, z)));

    [Fact]
    public void ReportCommandWritesTheClustersPage()
    {
        using var dir = new TempDirectory();
        var run = AriProcess.Run("clusters", "--pvalues", Fsl("pvalue.nii.gz"), "--mask", Fsl("mask.nii.gz"), "--gamma", "0.7", "--out", dir.File("c"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var report = AriProcess.Run("report", "--clusters", dir.File("c"), "--out", dir.File("r.html"));
        Assert.True(report.ExitCode == 0, report.ToString());
        string html = File.ReadAllText(dir.File("r.html"));
        Assert.Contains("id=\"tdp-gamma\"", html);
        Assert.Contains("tdp-tree-voxels", html);
        AriProcess.AssertCleanError(AriProcess.Run("report", "--clusters", dir.Path, "--out", dir.File("x.html")), 1, "--clusters", "tdp_clusters.tsv");
    }
}
