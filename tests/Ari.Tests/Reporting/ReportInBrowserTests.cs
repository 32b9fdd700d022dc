using Ari.Reporting;
using SkiaSharp;

namespace Ari.Tests.Reporting;

/// <summary>The report opened in headless Chromium: no console errors, a working viewer, a screenshot kept.</summary>
public class ReportInBrowserTests
{
    [Fact]
    public async Task RendersWithoutConsoleErrors()
    {
        using var f = new ReportFixture();
        var result = AnalysisReport.Build(new ReportRequest(f.GlmDirectory, f.TdpDirectory, ReportFixture.Template, "ari report", OutputPath: f.File("report.html")));
        string page = f.File("report.html");
        await File.WriteAllTextAsync(page, result.Html);

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(page).AbsoluteUri, TimeSpan.FromSeconds(60));
        // the viewer replaces "Loading the viewer…" once it has started, or says why it cannot
        await browser.WaitUntilAsync("!document.getElementById('viewer-status').textContent.startsWith('Loading')", TimeSpan.FromSeconds(90));
        string status = (await browser.EvaluateAsync("document.getElementById('viewer-status').textContent"))!.ToString();
        Assert.DoesNotContain("could not start", status);
        Assert.DoesNotContain("WebGL2", status);
        Assert.StartsWith("Click or drag", status);

        // the viewer drew: its canvas is not blank
        string drawn = (await browser.EvaluateAsync(
            "(function(){var c=document.getElementById('viewer-canvas');var t=document.createElement('canvas');t.width=c.width;t.height=c.height;"
            + "var g=t.getContext('2d');ariViewer.nv.drawScene();g.drawImage(c,0,0);var d=g.getImageData(0,0,t.width,t.height).data;var n=0;for(var i=0;i<d.length;i+=4){if(d[i]+d[i+1]+d[i+2]>60)n++;}return String(n);})()"))!.ToString();
        Assert.True(int.Parse(drawn) > 1000, $"only {drawn} lit pixels in the viewer");

        // a click on a cluster row moves the cross to its peak, and the readout is labelled
        string target = (await browser.EvaluateAsync("document.querySelectorAll('#cluster-table tbody tr[data-peak]')[2].getAttribute('data-peak')"))!.ToString();
        await browser.EvaluateAsync("document.querySelectorAll('#cluster-table tbody tr[data-peak]')[2].click()");
        string moved = (await browser.EvaluateAsync("Array.from(ariViewer.nv.frac2mm(ariViewer.nv.scene.crosshairPos)).slice(0,3).join(',')"))!.ToString();
        var want = target.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var got = moved.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        for (int a = 0; a < 3; a++) Assert.True(Math.Abs(want[a] - got[a]) <= 2.1, $"cross at {moved}, peak at {target}");
        string readout = (await browser.EvaluateAsync("document.getElementById('viewer-readout').textContent"))!.ToString();
        Assert.Matches(@"^x=-?\d+ y=-?\d+ z=-?\d+ mm, z=-?\d+\.\d\d, TDP=\d\.\d\d$", readout);

        // sorting: a click on the TDP header orders the rows by TDP
        await browser.EvaluateAsync("Array.from(document.querySelectorAll('#cluster-table th')).find(th => th.textContent === 'TDP').click()");
        string first = (await browser.EvaluateAsync("(function(){var i=Array.from(document.querySelectorAll('#cluster-table th')).findIndex(th => th.textContent === 'TDP');return document.querySelector('#cluster-table tbody tr').cells[i].getAttribute('data-value');})()"))!.ToString();
        Assert.Equal("0.30339805825242716", first);

        byte[] png = await browser.ScreenshotAsync(1400);
        string kept = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        await File.WriteAllBytesAsync(kept, png);
        using var shot = SKBitmap.Decode(png);
        Assert.Equal(1400, shot.Width);
        Assert.True(shot.Height > 2000, $"page height {shot.Height}");
        Assert.True(browser.Errors.Count == 0, "console errors:\n" + string.Join("\n", browser.Errors) + $"\n(screenshot: {kept})");
    }

    /// <summary>Every section at once (--glm, --tdp, --threshold, --permute): no console errors, the glass brains, the
    /// permutation figures and histograms drawn, a click on a peak row moving the cross.</summary>
    [Fact]
    public async Task EverySectionRendersWithoutConsoleErrors()
    {
        using var f = new ReportFixture();
        var maps = Directory.GetFiles(TestSupport.TestPaths.SharedFile("data", "sim", "localizer16"), "sub-*_contrast.nii.gz").Order(StringComparer.Ordinal).ToArray();
        var threshold = TestSupport.AriProcess.Run("threshold", "--stat", Path.Combine(f.GlmDirectory, "z_score.nii.gz"), "--height-control", "bonferroni", "--alpha", "0.05",
            "--two-sided", "--out", f.File("thr"));
        Assert.True(threshold.ExitCode == 0, threshold.ToString());
        var permute = TestSupport.AriProcess.Run(["permute", "--maps", .. maps, "--fwhm", "8", "--n-perm", "30", "--cluster-threshold", "0.001", "--out", f.File("perm"), "--quiet"]);
        Assert.True(permute.ExitCode == 0, permute.ToString());
        var result = AnalysisReport.Build(new ReportRequest(f.GlmDirectory, f.TdpDirectory, ReportFixture.Template, "ari report", OutputPath: f.File("all.html"),
            ThresholdDirectory: f.File("thr"), PermuteDirectory: f.File("perm")));
        Assert.Equal(["summary", "model", "maps", "glass-brain", "clusters", "thresholding", "peaks", "viewer", "permutations", "methods", "downloads", "provenance"], result.Sections);
        await File.WriteAllTextAsync(f.File("all.html"), result.Html);

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(f.File("all.html")).AbsoluteUri, TimeSpan.FromSeconds(60));
        await browser.WaitUntilAsync("!document.getElementById('viewer-status').textContent.startsWith('Loading')", TimeSpan.FromSeconds(90));
        Assert.StartsWith("Click or drag", (await browser.EvaluateAsync("document.getElementById('viewer-status').textContent"))!.ToString());
        // every figure decoded, the histograms laid out
        string images = (await browser.EvaluateAsync("String(Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length)"))!.ToString();
        Assert.Equal("7", images); // z, TDP, two glass brains, logp_max_t, _size, _mass
        string histograms = (await browser.EvaluateAsync("String(Array.from(document.querySelectorAll('svg.histogram')).filter(s => s.getBoundingClientRect().width > 100).length)"))!.ToString();
        Assert.Equal("3", histograms);
        // a click on a peak row moves the cross
        string target = (await browser.EvaluateAsync("document.querySelector('#peak-table tbody tr[data-peak]').getAttribute('data-peak')"))!.ToString();
        await browser.EvaluateAsync("document.querySelector('#peak-table tbody tr[data-peak]').click()");
        string moved = (await browser.EvaluateAsync("Array.from(ariViewer.nv.frac2mm(ariViewer.nv.scene.crosshairPos)).slice(0,3).join(',')"))!.ToString();
        var want = target.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var got = moved.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        for (int a = 0; a < 3; a++) Assert.True(Math.Abs(want[a] - got[a]) <= 2.1, $"cross at {moved}, peak at {target}");

        byte[] png = await browser.ScreenshotAsync(1400);
        string kept = Path.Combine(AppContext.BaseDirectory, "report-all-sections-screenshot.png");
        await File.WriteAllBytesAsync(kept, png);
        Assert.True(browser.Errors.Count == 0, "console errors:\n" + string.Join("\n", browser.Errors) + $"\n(screenshot: {kept})");
    }

    /// <summary>CI builds with npm: a build without the viewer bundle must fail here rather than pass on the 'unavailable' branch.</summary>
    [Fact]
    public void TheViewerBundleIsBuiltIn()
    {
        Assert.True(Ari.Reporting.Viewer.ViewerBundle.IsAvailable,
            "NiiVue's bundle is not embedded: src/Ari.Reporting/Viewer/node_modules is missing (npm ci failed or AriSkipNpm=true)");
        Assert.True(Ari.Reporting.Viewer.ViewerBundle.GzipBase64!.Length > 100_000);
    }

    [Fact]
    public async Task TheHarnessSeesConsoleErrors()
    {
        using var temp = new TestSupport.TempDirectory();
        string page = temp.File("broken.html");
        await File.WriteAllTextAsync(page, "<html><body><script>console.log('fine'); console.error('bad'); null.x;</script></body></html>");
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(page).AbsoluteUri, TimeSpan.FromSeconds(30));
        await browser.WaitUntilAsync("document.readyState === 'complete'", TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        Assert.Equal(2, browser.Errors.Count(e => e.Contains("bad") || e.Contains("null")));
        Assert.DoesNotContain(browser.Errors, e => e.Contains("fine"));
    }
}
