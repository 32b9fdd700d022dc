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
        var result = AnalysisReport.Build(new ReportRequest(f.GlmDirectory, f.TdpDirectory, ReportFixture.Template, "ari report"));
        string page = f.File("report.html");
        await File.WriteAllTextAsync(page, result.Html);

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(page).AbsoluteUri, TimeSpan.FromSeconds(60));
        // the viewer replaces "Loading the viewer…" once it has started, or says why it cannot
        await browser.WaitUntilAsync("!document.getElementById('viewer-status').textContent.startsWith('Loading')", TimeSpan.FromSeconds(90));
        string status = (await browser.EvaluateAsync("document.getElementById('viewer-status').textContent"))!.ToString();
        Assert.DoesNotContain("could not start", status);

        // sorting: a click on the TDP header orders the rows by TDP
        await browser.EvaluateAsync("Array.from(document.querySelectorAll('#cluster-table th')).find(th => th.textContent === 'TDP').click()");
        string first = (await browser.EvaluateAsync("document.querySelector('#cluster-table tbody tr td:nth-child(4)').getAttribute('data-value')"))!.ToString();
        Assert.Equal("0.30339805825242716", first);

        byte[] png = await browser.ScreenshotAsync(1400);
        string kept = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        await File.WriteAllBytesAsync(kept, png);
        using var shot = SKBitmap.Decode(png);
        Assert.Equal(1400, shot.Width);
        Assert.True(shot.Height > 2000, $"page height {shot.Height}");
        Assert.True(browser.Errors.Count == 0, "console errors:\n" + string.Join("\n", browser.Errors) + $"\n(screenshot: {kept})");
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
