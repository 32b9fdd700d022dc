using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Ari.Reporting;
using SkiaSharp;

namespace Ari.Tests.Reporting;

public class AnalysisReportTests
{
    private static ReportResult Build(ReportFixture f) =>
        AnalysisReport.Build(new ReportRequest(f.GlmDirectory, f.TdpDirectory, ReportFixture.Template, "ari report --glm glm --tdp tdp"));

    [Fact]
    public void ReportHoldsEverySection()
    {
        using var f = new ReportFixture();
        var result = Build(f);
        string html = result.Html;
        Assert.StartsWith("<!DOCTYPE html>", html);
        foreach (string id in new[] { "summary", "model", "maps", "glass-brain", "clusters", "thresholding", "peaks", "viewer", "methods", "downloads", "provenance" })
            Assert.Contains($"<section id=\"{id}\">", html);
        Assert.Equal(3, result.Clusters);
        Assert.Null(result.BackgroundNote);
        // model: design matrix picture and table, contrast and parameters
        Assert.Contains("<svg", html);
        Assert.Contains("sub-16_contrast.nii.gz", html);
        Assert.Contains("<th class=\"num\">age</th>", html);
        Assert.Contains("[[1,0]]", html);
        Assert.Contains("8 mm", html);
        Assert.Contains("45,448", html);
        Assert.Contains("53 x 63 x 46 voxels of 3 x 3 x 3 mm", html);
        // the cluster table with its TDP column, sortable
        Assert.Contains("<table class=\"sortable\" id=\"cluster-table\">", html);
        Assert.Contains("<th class=\"num\">TDP</th>", html);
        Assert.Contains(">0.965</td>", html);
        Assert.Contains("data-value=\"0.30339805825242716\"", html);
        // provenance: versions, commands, the files read with sizes and hashes, timings
        Assert.Contains("ari glm --maps", html);
        Assert.Contains("ari report --glm glm --tdp tdp", html);
        string zHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(f.GlmDirectory, "z_score.nii.gz"))));
        Assert.Contains($"title=\"{zHash}\"", html);
        Assert.Contains("367 KB", html);
        Assert.Contains("<th colspan=\"2\">ari tdp</th>", html);
        Assert.Contains("hommel", html);
        // self-contained: no external references
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html);
    }

    [Fact]
    public void FiguresAreEmbeddedPngs()
    {
        using var f = new ReportFixture();
        string html = Build(f).Html;
        var images = Regex.Matches(html, "alt=\"([^\"]+)\"[^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").Select(m => (Alt: m.Groups[1].Value, Png: m.Groups[2].Value)).ToList();
        Assert.Equal(["z map", "True discovery proportion", "z map, glass brain", "True discovery proportion, glass brain"], images.Select(i => i.Alt));
        foreach (var (alt, b64) in images)
        {
            using var bitmap = SKBitmap.Decode(Convert.FromBase64String(b64));
            // seven axial cuts at 150 dpi: (2.2 x 7 + 0.7) x 3.2 in; glass brains (lyrz): (2.2 x 4 + 0.7) x 3.5 in
            Assert.Equal(alt.Contains("glass") ? (1425, 525) : (2415, 480), (bitmap.Width, bitmap.Height));
        }
    }

    [Fact]
    public void ViewerIsEmbeddedWhenNiivueWasBuiltInElseTheReportSaysItIsUnavailable()
    {
        using var f = new ReportFixture();
        var result = Build(f);
        Assert.Equal(Ari.Reporting.Viewer.ViewerBundle.IsAvailable, result.ViewerIncluded);
        if (result.ViewerIncluded)
        {
            Assert.Contains("id=\"niivue-bundle\"", result.Html);
            Assert.Contains("id=\"volume-template\"", result.Html);
            Assert.Contains("\"peak\":[36,-28,70]", result.Html); // the largest cluster's peak
        }
        else
        {
            // a build without npm or network (e.g. a CI machine without node): the page says so
            Assert.Contains("The interactive viewer is unavailable in this report", result.Html);
            Assert.DoesNotContain("id=\"niivue-bundle\"", result.Html);
        }
    }

    [Fact]
    public void WithoutTemplateTheMaskIsTheBackgroundAndTheReportSaysSo()
    {
        using var f = new ReportFixture();
        var result = AnalysisReport.Build(new ReportRequest(f.GlmDirectory, f.TdpDirectory));
        Assert.NotNull(result.BackgroundNote);
        Assert.Contains("No MNI152 template", result.Html);
    }

    [Fact]
    public void MissingFilesAreNamed()
    {
        using var f = new ReportFixture();
        File.Delete(Path.Combine(f.TdpDirectory, "clusters.tsv"));
        var e = Assert.Throws<AriException>(() => Build(f));
        Assert.Contains("clusters.tsv", e.Message);
        Assert.Contains("--tdp", e.Message);
        e = Assert.Throws<AriException>(() => AnalysisReport.Build(new ReportRequest(f.File("nowhere"), f.TdpDirectory)));
        Assert.Contains("no such folder (--glm)", e.Message);
    }

    [Fact]
    public void BrokenJsonAndTablesAreNamed()
    {
        using var f = new ReportFixture();
        File.WriteAllText(Path.Combine(f.GlmDirectory, "glm.json"), "{\"dof\": 14,");
        var e = Assert.Throws<AriException>(() => Build(f));
        Assert.Contains("glm.json: not valid JSON", e.Message);

        using var g = new ReportFixture();
        File.AppendAllText(Path.Combine(g.TdpDirectory, "clusters.tsv"), "4\t2.5\t10\n");
        e = Assert.Throws<AriException>(() => Build(g));
        Assert.Contains("clusters.tsv: line 5 has 3 tab-separated values, the header has 15", e.Message);

        using var h = new ReportFixture();
        File.WriteAllText(Path.Combine(h.TdpDirectory, "clusters.tsv"), "cluster_id\tsize\ttdp\n1\t12\thigh\n");
        e = Assert.Throws<AriException>(() => Build(h));
        Assert.Contains("'high' is not a number", e.Message);
    }

    [Fact]
    public void MapsOnDifferentGridsAreRefused()
    {
        using var f = new ReportFixture();
        File.Copy(ReportFixture.Template, Path.Combine(f.TdpDirectory, "tdp.nii.gz"), overwrite: true);
        var e = Assert.Throws<AriException>(() => Build(f));
        Assert.Contains("not on the grid", e.Message);
    }

    [Fact]
    public void NoClustersSaysSo()
    {
        using var f = new ReportFixture();
        File.WriteAllText(Path.Combine(f.TdpDirectory, "clusters.tsv"),
            "cluster_id\tthreshold\tsize\ttrue_discoveries\ttdp\tpeak_stat\tpeak_x\tpeak_y\tpeak_z\tpeak_i\tpeak_j\tpeak_k\tcom_x\tcom_y\tcom_z\n");
        var result = Build(f);
        Assert.Equal(0, result.Clusters);
        Assert.Contains("No clusters above the thresholds.", result.Html);
    }
}
