using System.Globalization;
using System.Text.RegularExpressions;
using Ari.Pipelines.Glm;
using Ari.Pipelines.Tdp;
using Ari.Plotting.Colormaps;
using Ari.Plotting.StatMaps;
using Ari.Reporting;
using Ari.Reporting.Sections;
using Ari.Reporting.Viewer;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Reporting;

/// <summary>The report's sections: built from memory as from the folders, --threshold and --permute folders, the viewer's colours.</summary>
public class ReportSectionsTests
{
    private static string[] Localizer16Maps() =>
        Directory.GetFiles(TestPaths.SharedFile("data", "sim", "localizer16"), "sub-*_contrast.nii.gz").Order(StringComparer.Ordinal).ToArray();

    private static string Section(string html, string id)
    {
        int start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..(html.IndexOf("</section>", start, StringComparison.Ordinal) + 10)];
    }

    [Fact]
    public void FromMemoryEqualsFromTheFoldersAndReadsNothingBack()
    {
        using var temp = new TempDirectory();
        var glm = GlmJob.Run(new GlmRequest(Localizer16Maps(), null, "intercept", 8, null, temp.File("glm"), "ari glm"));
        var tdp = TdpJob.Run(new TdpRequest(Path.Combine(temp.File("glm"), "z_score.nii.gz"), null, [2.5, 3.5, 4.5], 0.05, 6, false, null, null, temp.File("tdp"), "ari tdp"));
        var request = new ReportRequest(temp.File("glm"), temp.File("tdp"), ReportFixture.Template, "ari report", OutputPath: temp.File("report.html"));
        var fromFolders = AnalysisReport.Build(request);

        // What the jobs wrote is gone: the report from memory needs none of it.
        foreach (string file in new[] { "glm/z_score.nii.gz", "glm/glm.json", "glm/design.tsv", "glm/mask.nii.gz", "tdp/clusters.tsv", "tdp/summary.json", "tdp/tdp.nii.gz" })
            File.Delete(temp.File(file));
        var fromMemory = AnalysisReport.Build(glm, tdp, request);

        Assert.Equal(fromFolders.Sections, fromMemory.Sections);
        Assert.Equal(fromFolders.Clusters, fromMemory.Clusters);
        Assert.True(fromMemory.Clusters > 3);
        foreach (string id in new[] { "summary", "clusters", "thresholding", "peaks", "methods", "downloads" })
            Assert.Equal(Section(fromFolders.Html, id), Section(fromMemory.Html, id));
        // The model section agrees too, apart from the contrast matrix's text (the same numbers).
        Assert.Equal(Section(fromFolders.Html, "model"), Section(fromMemory.Html, "model"));
        // Provenance lists the files read: the folders' files from disk, only the template from memory.
        Assert.Contains("z_score.nii.gz", Section(fromFolders.Html, "provenance"));
        Assert.DoesNotContain("z_score.nii.gz</td>", Section(fromMemory.Html, "provenance"));
        Assert.Contains("from the results in memory", fromMemory.Html);
    }

    [Fact]
    public void ThresholdFolderGivesTheThresholdingAndPeakSections()
    {
        using var temp = new TempDirectory();
        string z = TestPaths.NilearnReference("z_score.nii.gz");
        var run = AriProcess.Run("threshold", "--stat", z, "--height-control", "fdr", "--alpha", "0.05", "--cluster-extent", "10", "--out", temp.File("thr"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var folder = Ari.Pipelines.Threshold.ThresholdFolder.Read(temp.File("thr"));

        var result = AnalysisReport.Build(new ReportRequest(null, null, ReportFixture.Template, "ari report --threshold thr", ThresholdDirectory: temp.File("thr")));
        Assert.Equal(["thresholding", "peaks", "downloads", "provenance"], result.Sections);
        string thresholding = Section(result.Html, "thresholding");
        Assert.Contains("fdr (Benjamini-Hochberg), one-sided", thresholding);
        Assert.Contains("z &gt; " + folder.Summary.Threshold.ToString("0.####", CultureInfo.InvariantCulture), thresholding);
        Assert.Contains("clusters of more than 10 voxels", thresholding);
        // One table row per peaks.tsv row, in order, with its cluster id.
        var ids = Regex.Matches(Section(result.Html, "peaks"), "<tr data-peak=\"[^\"]+\"><td>([^<]+)</td>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(folder.Peaks.Select(p => p.ClusterId).Take(200), ids);
        Assert.Contains(ids, id => id.EndsWith('a'));

        // With --glm and --tdp, the folder's thresholding replaces the report's default.
        using var f = new ReportFixture();
        var combined = AnalysisReport.Build(new ReportRequest(f.GlmDirectory, f.TdpDirectory, ReportFixture.Template, ThresholdDirectory: temp.File("thr")));
        Assert.Contains("fdr (Benjamini-Hochberg)", Section(combined.Html, "thresholding"));
        Assert.Contains("glass-brain", combined.Sections);
    }

    [Fact]
    public void PermuteFolderGivesFweMapsAndNullHistograms()
    {
        using var temp = new TempDirectory();
        var run = AriProcess.Run(["permute", "--maps", .. Localizer16Maps(), "--fwhm", "8", "--n-perm", "40", "--seed", "1", "--cluster-threshold", "0.001", "--tfce",
            "--out", temp.File("perm"), "--quiet"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = AnalysisReport.Build(new ReportRequest(null, null, ReportFixture.Template, "ari report --permute perm", PermuteDirectory: temp.File("perm")));
        Assert.Equal(["permutations", "downloads", "provenance"], result.Sections);
        string section = Section(result.Html, "permutations");
        var figures = Regex.Matches(section, "<img alt=\"(logp_max_[a-z]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["logp_max_t", "logp_max_size", "logp_max_mass", "logp_max_tfce"], figures);
        Assert.Equal(4, Regex.Count(section, "<svg[^>]*class=\"histogram\""));
        Assert.Equal(4, Regex.Count(section, "class=\"observed\""));
        Assert.Contains("40 sign flips", section);

        var maxima = Ari.Pipelines.Permute.NullMaximaTable.Read(Path.Combine(temp.File("perm"), "null_maxima.tsv"));
        Assert.Contains($"observed {maxima.MaxT[0].ToString("G4", CultureInfo.InvariantCulture)}", section);
    }

    [Fact]
    public void HistogramCountsAndCriticalValueAgainstBruteForce()
    {
        var random = new Random(2);
        var values = Enumerable.Range(0, 997).Select(_ => random.NextDouble() * 10).ToArray();
        var counts = NullHistogram.Counts(values, 0, 10, 20);
        Assert.Equal(values.Length, counts.Sum());
        for (int b = 0; b < 20; b++)
            Assert.Equal(values.Count(v => v >= b * 0.5 && (b == 19 ? v <= 10 : v < (b + 1) * 0.5)), counts[b]);
        // The 0.05 critical value: at most 5 % of the null strictly above it, and it is one of the values.
        double critical = NullHistogram.Critical(values);
        Assert.True(values.Count(v => v > critical) <= 0.05 * values.Length);
        Assert.True(values.Count(v => v >= critical) > 0.05 * values.Length);
    }

    [Fact]
    public void ViewerColoursAreTheFiguresColours()
    {
        // z: cold_hot over a symmetric range -vmax..vmax, thresholded; TDP: inferno over 0..1.
        double threshold = 2.5, vmax = 6.2;
        var coldHot = Colormap.Named("cold_hot");
        var positive = ViewerColormaps.Table(-4.1, vmax, new StatMapOptions { Threshold = threshold }, threshold, vmax);
        var negative = ViewerColormaps.Table(-4.1, vmax, new StatMapOptions { Threshold = threshold }, -threshold, -vmax);
        var samples = ViewerColormaps.Samples(threshold, vmax);
        for (int k = 0; k < 256; k++)
        {
            Assert.Equal(Argb(coldHot.At((samples[k] + vmax) / (2 * vmax))), positive[k]);
            Assert.Equal(Argb(coldHot.At((-samples[k] + vmax) / (2 * vmax))), negative[k]);
        }
        var inferno = Colormap.Named("inferno");
        var tdp = ViewerColormaps.Table(0, 0.93, new StatMapOptions { Threshold = 0, Vmax = 1, Colormap = "inferno" }, 1e-6, 1);
        var tdpSamples = ViewerColormaps.Samples(1e-6, 1);
        for (int k = 0; k < 256; k++) Assert.Equal(Argb(inferno.At(tdpSamples[k])), tdp[k]);
        // The viewer's script takes these tables from the page, not NiiVue's own colormaps.
        Assert.Contains("maps.zPositive", Ari.Reporting.Html.ReportScripts.Viewer);
        Assert.DoesNotContain("colormap: \"inferno\"", Ari.Reporting.Html.ReportScripts.Viewer);

        static uint Argb(Rgb c) => 0xFF000000u | ((uint)c.R << 16) | ((uint)c.G << 8) | c.B;
    }
}
