using Ari.Tests.Reporting;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

public class ReportCommandTests
{
    [Fact]
    public void WritesOneHtmlFile()
    {
        using var f = new ReportFixture();
        var result = AriProcess.Run("report", "--glm", f.GlmDirectory, "--tdp", f.TdpDirectory, "--bg", ReportFixture.Template, "--out", f.File("report.html"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 cluster rows", result.StdOut);
        string html = File.ReadAllText(f.File("report.html"));
        Assert.Contains("ari report --glm", html); // the command line is recorded
        Assert.Empty(Directory.GetFiles(f.Root, ".*.tmp"));
    }

    [Fact]
    public void WithoutTemplateItSaysSoInOneLine()
    {
        using var f = new ReportFixture();
        var result = AriProcess.Run(null, new Dictionary<string, string?> { ["ARI_DATA"] = f.File("no-data") },
            "report", "--glm", f.GlmDirectory, "--tdp", f.TdpDirectory, "--out", f.File("report.html"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(result.StdErr.Split('\n'), l => l.StartsWith("note: No MNI152 template"));
    }

    [Fact]
    public void MissingFolderIsAnErrorNamingTheOption()
    {
        using var f = new ReportFixture();
        var result = AriProcess.Run("report", "--glm", f.File("nope"), "--tdp", f.TdpDirectory, "--out", f.File("report.html"));
        AriProcess.AssertCleanError(result, 1, "nope", "--glm");
        Assert.DoesNotContain("Downloading", result.StdErr); // inputs are checked before the template is looked for
        Assert.False(File.Exists(f.File("report.html")));
    }

    [Fact]
    public void BrokenInputLeavesNoReport()
    {
        using var f = new ReportFixture();
        File.WriteAllText(Path.Combine(f.TdpDirectory, "summary.json"), "[1, 2");
        var result = AriProcess.Run("report", "--glm", f.GlmDirectory, "--tdp", f.TdpDirectory, "--out", f.File("report.html"));
        AriProcess.AssertCleanError(result, 1, "summary.json", "not valid JSON");
        Assert.False(File.Exists(f.File("report.html")));
    }

    [Fact]
    public void AnOutputThatIsNotHtmlIsAUsageError()
    {
        using var f = new ReportFixture();
        // The reproduction: the report would have replaced the z map it reads.
        string z = Path.Combine(f.GlmDirectory, "z_score.nii.gz");
        byte[] before = File.ReadAllBytes(z);
        var result = AriProcess.Run("report", "--glm", f.GlmDirectory, "--tdp", f.TdpDirectory, "--out", z);
        AriProcess.AssertCleanError(result, 2, "--out", ".html");
        Assert.Equal(before, File.ReadAllBytes(z));
    }
}
