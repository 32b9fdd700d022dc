using System.Globalization;
using Ari.Inference;
using Ari.Pipelines.Calibration;
using Ari.Pipelines.Tdp;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>One `ari permute --tdp-template` run and one `ari glm` run on localizer16, shared by the tests.</summary>
public sealed class TemplateRunFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TemplateRunFixture()
    {
        string maps = TestPaths.SharedFile("data", "sim", "localizer16", "sub-*_contrast.nii.gz");
        Permute = AriProcess.Run("permute", "--maps", maps, "--fwhm", "8", "--n-perm", "60", "--seed", "3", "--tdp-template", "simes",
            "--out", PermuteDir, "-q");
        Glm = AriProcess.Run("glm", "--maps", maps, "--fwhm", "8", "--out", GlmDir, "-q");
    }

    public string PermuteDir => _dir.File("perm");
    public string GlmDir => _dir.File("glm");
    public string Template => Path.Combine(PermuteDir, TdpTemplate.TsvName);
    public CliResult Permute { get; }
    public CliResult Glm { get; }
    public string NewFolder(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();
}

/// <summary>`ari permute --tdp-template`, `ari tdp --template` / `--compare-template` as users run them, and clean errors.</summary>
public class TdpTemplateCommandTests(TemplateRunFixture run) : IClassFixture<TemplateRunFixture>
{
    [Fact]
    public void PermuteWritesACalibratedSimesTemplateForTheMask()
    {
        Assert.True(run.Permute.ExitCode == 0, run.Permute.ToString());
        var template = TdpTemplate.Read(run.Template);
        Assert.Equal(("simes", "simes", "one-sided", 60, 0.05), (template.Method, template.Family, template.Sidedness, template.Permutations, template.Alpha));
        Assert.Equal(45448, template.Hypotheses);
        Assert.Equal(template.Hypotheses, template.KMax);
        Assert.Equal([3UL], template.Seeds);
        // t_k = lambda k / m, lambda the 0.05-quantile of the 60 permutations' pivotal statistics
        Assert.True(template.Lambda > 0 && template.Lambda < 1, $"lambda {template.Lambda}");
        for (int k = 1; k <= template.KMax; k += 997) Assert.Equal(template.Lambda * k / template.Hypotheses, template.Thresholds[k - 1]);
        Assert.Contains("template   simes", run.Permute.StdOut);
    }

    [Fact]
    public void TdpWithTheTemplateAndTheComparisonShowBothBounds()
    {
        Assert.True(run.Glm.ExitCode == 0, run.Glm.ToString());
        string z = Path.Combine(run.GlmDir, "z_score.nii.gz"), mask = Path.Combine(run.GlmDir, "mask.nii.gz");
        string plain = run.NewFolder("tdp-plain"), templated = run.NewFolder("tdp-template"), compared = run.NewFolder("tdp-compare");
        var r1 = AriProcess.Run("tdp", "--stat", z, "--mask", mask, "--out", plain);
        var r2 = AriProcess.Run("tdp", "--stat", z, "--mask", mask, "--template", run.Template, "--out", templated);
        var r3 = AriProcess.Run("tdp", "--stat", z, "--mask", mask, "--compare-template", run.Template, "--out", compared);
        Assert.True(r1.ExitCode == 0 && r2.ExitCode == 0 && r3.ExitCode == 0, r1 + "\n" + r2 + "\n" + r3);

        // --compare-template leaves the outputs of parametric ARI as they are, and adds comparison.tsv
        Assert.Equal(File.ReadAllText(Path.Combine(plain, "clusters.tsv")), File.ReadAllText(Path.Combine(compared, "clusters.tsv")));
        Assert.False(File.Exists(Path.Combine(plain, TemplateComparison.FileName)));
        var comparison = TemplateComparison.Read(Path.Combine(compared, TemplateComparison.FileName));
        var parametric = Rows(Path.Combine(plain, "clusters.tsv"));
        var withTemplate = Rows(Path.Combine(templated, "clusters.tsv"));
        Assert.Equal(parametric.Count, comparison.Rows.Count);
        for (int i = 0; i < parametric.Count; i++)
        {
            Assert.Equal(parametric[i], (comparison.Rows[i].ClusterId, comparison.Rows[i].Size, comparison.Rows[i].AriTrueDiscoveries));
            Assert.Equal(withTemplate[i], (comparison.Rows[i].ClusterId, comparison.Rows[i].Size, comparison.Rows[i].TemplateTrueDiscoveries));
        }
        // the template's bounds are not ARI's (60 permutations are few: larger in some clusters, smaller in others)
        Assert.Contains(comparison.Rows, r => r.TemplateTrueDiscoveries != r.AriTrueDiscoveries);
        Assert.Contains("Parametric ARI (Simes, Hommel's h) and the calibrated template, per cluster", r3.StdOut);
        Assert.Contains("comparison.tsv", r3.StdOut);
    }

    [Fact]
    public void ClustersWithTheTemplateHaveTheTemplatesBoundAtLeastGamma()
    {
        Assert.True(run.Glm.ExitCode == 0, run.Glm.ToString());
        string z = Path.Combine(run.GlmDir, "z_score.nii.gz"), maskPath = Path.Combine(run.GlmDir, "mask.nii.gz");
        string output = run.NewFolder("clusters-template");
        var r = AriProcess.Run("clusters", "--stat", z, "--mask", maskPath, "--gamma", "0.7", "--template", run.Template, "--out", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(run.Template, File.ReadAllText(Path.Combine(output, "summary.json")).Replace("\\/", "/"));

        // every reported cluster, recomputed from its voxels with the template's critical vector: TD / size >= 0.7
        var mask = Ari.Masking.Mask.FromVolume(Ari.Nifti.NiftiFile.Read(maskPath));
        var p = VoxelPValues.FromZ(mask.Extract<double>(Ari.Nifti.NiftiFile.Read(z).Data), twoSided: false);
        var vector = TdpTemplate.LoadVector(run.Template, "template", mask.Count, 0.05, twoSided: false);
        var labels = mask.Extract<double>(Ari.Nifti.NiftiFile.Read(Path.Combine(output, "clusters_gamma-0.7.nii.gz")).Data);
        int clusters = (int)labels.Max();
        Assert.True(clusters >= 1, "no cluster at gamma 0.7");
        for (int c = 1; c <= clusters; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(n => labels[n] == c).Select(n => p[n]).ToArray();
            Assert.True(vector.TrueDiscoveries(members) >= 0.7 * members.Length, $"cluster {c}: {vector.TrueDiscoveries(members)} of {members.Length}");
        }
        // a template calibrated on one-sided p-values is refused for two-sided ones, naming the option
        var bad = AriProcess.Run("clusters", "--stat", z, "--mask", maskPath, "--two-sided", "--gamma", "0.7", "--template", run.Template, "--out", run.NewFolder("clusters-bad"));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.StartsWith("error: --template:", bad.StdErr.Trim());
    }

    [Fact]
    public void NotipLearnsATemplateFromTrainingPermutations()
    {
        string output = run.NewFolder("notip");
        var r = AriProcess.Run("permute", "--maps", TestPaths.SharedFile("data", "sim", "localizer16", "sub-*_contrast.nii.gz"), "--fwhm", "8",
            "--n-perm", "40", "--tdp-template", "notip", "--k-max", "200", "--train-perm", "30", "--out", output, "-q");
        Assert.True(r.ExitCode == 0, r.ToString());
        var template = TdpTemplate.Read(Path.Combine(output, TdpTemplate.TsvName));
        Assert.Equal(("notip", 200, 40, 30), (template.Method, template.KMax, template.Permutations, template.TrainingPermutations!.Value));
        Assert.Equal([0UL, 1UL], template.Seeds);
        Assert.True(template.FellBackToSimes || template.TemplateIndex is >= 0 and < 30);
    }

    [Fact]
    public void BadTemplateOptionsAndFilesAreCleanErrors()
    {
        string maps = TestPaths.SharedFile("data", "sim", "localizer16", "sub-*_contrast.nii.gz");
        AriProcess.AssertCleanError(AriProcess.Run("permute", "--maps", maps, "--tdp-template", "simes", "--k-max", "0", "--out", run.NewFolder("k0")), 2, "--k-max");
        AriProcess.AssertCleanError(AriProcess.Run("permute", "--maps", maps, "--tdp-template", "bogus", "--out", run.NewFolder("bogus")), 2, "--tdp-template");
        AriProcess.AssertCleanError(AriProcess.Run("permute", "--maps", maps, "--tdp-template", "simes", "--train-perm", "10", "--out", run.NewFolder("tp")), 2, "--train-perm");
        AriProcess.AssertCleanError(AriProcess.Run("permute", "--maps", maps, "--k-max", "10", "--out", run.NewFolder("nok")), 2, "--k-max", "--tdp-template");

        string z = Path.Combine(run.GlmDir, "z_score.nii.gz"), mask = Path.Combine(run.GlmDir, "mask.nii.gz");
        AriProcess.AssertCleanError(AriProcess.Run("tdp", "--stat", z, "--mask", mask, "--alpha", "0.1", "--template", run.Template, "--out", run.NewFolder("a")),
            1, "--template", run.Template, "alpha");
        AriProcess.AssertCleanError(AriProcess.Run("tdp", "--stat", z, "--template", run.Template, "--two-sided", "--out", run.NewFolder("s")),
            1, "--template", "one-sided");
        using var bad = new TempDirectory();
        File.Copy(Path.Combine(run.PermuteDir, TdpTemplate.JsonName), bad.File(TdpTemplate.JsonName));
        File.WriteAllText(bad.File(TdpTemplate.TsvName), "k\tthreshold\n1\t0.2\n2\t0.1\n");
        AriProcess.AssertCleanError(AriProcess.Run("tdp", "--stat", z, "--mask", mask, "--compare-template", bad.File(TdpTemplate.TsvName), "--out", run.NewFolder("b")),
            1, "--compare-template", bad.File(TdpTemplate.TsvName), "non-decreasing");
        Assert.False(Directory.Exists(run.NewFolder("b")));
    }

    private static List<(int Id, int Size, int TrueDiscoveries)> Rows(string path)
    {
        var header = File.ReadLines(path).First().Split('\t');
        int id = Array.IndexOf(header, "cluster_id"), size = Array.IndexOf(header, "size"), td = Array.IndexOf(header, "true_discoveries");
        return File.ReadLines(path).Skip(1).Select(l => l.Split('\t'))
            .Select(f => (int.Parse(f[id], CultureInfo.InvariantCulture), int.Parse(f[size], CultureInfo.InvariantCulture), int.Parse(f[td], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
