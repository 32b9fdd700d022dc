using Ari.Glm;
using Ari.Imaging;
using Ari.Nifti;
using Ari.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ari.Tests.Glm;

public class SecondLevelModelTests(ITestOutputHelper output)
{
    internal static string[] LocalizerMaps() =>
        Directory.GetFiles(TestPaths.SharedFile("data", "sim", "localizer16"), "sub-*_contrast.nii.gz").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void MatchesNilearnOnLocalizer16()
    {
        var model = new SecondLevelModel { SmoothingFwhm = 8 }.Fit(LocalizerMaps());
        var maps = model.ComputeContrast("intercept");

        var referenceMask = NiftiFile.Read(TestPaths.NilearnReference("mask.nii.gz"));
        Assert.Equal(referenceMask.Data.Select(v => v != 0), model.FittedMask.Flags.ToArray());
        Assert.Equal(45448, model.FittedMask.Count);
        Assert.Equal(15, maps.Dof);

        var worst = new Dictionary<string, double>();
        foreach (string name in ContrastMaps.OutputNames)
        {
            var reference = NiftiFile.ReadFrames<double>(TestPaths.NilearnReference(name + ".nii.gz")).First().Data;
            var ours = maps.ToVolume(name).Data;
            double max = 0;
            foreach (int v in model.FittedMask.Indices) max = Math.Max(max, Math.Abs(ours[v] - reference[v]));
            worst[name] = max;
            output.WriteLine($"{name}: max |ours - nilearn| = {max:E3}");
        }
        Assert.True(worst["z_score"] <= 1e-4, $"z {worst["z_score"]:E3}");
        Assert.True(worst["stat"] <= 1e-4, $"stat {worst["stat"]:E3}");
        Assert.True(worst["p_value"] <= 1e-7, $"p {worst["p_value"]:E3}");
        Assert.True(worst["effect_size"] <= 1e-5, $"effect {worst["effect_size"]:E3}");
        Assert.True(worst["effect_variance"] <= 1e-5, $"variance {worst["effect_variance"]:E3}");
    }
}
