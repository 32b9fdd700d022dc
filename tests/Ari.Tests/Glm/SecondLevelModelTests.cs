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

/// <summary>Small hand-built cases checked against brute-force regression computed independently here.</summary>
public class SecondLevelModelSmallCaseTests
{
    private static readonly ImageGrid Grid = new(10, 9, 8, Affine.FromScaleAndOffset(3, 3, 3, -15, -12, -9));

    /// <summary>Maps y = design · trueBeta + noise at every voxel, NaN outside each subject's box if asked.</summary>
    private static List<Volume<float>> MakeMaps(DesignMatrix design, double[] trueBeta, int seed, bool nanOutside)
    {
        var rng = new Random(seed);
        var maps = new List<Volume<float>>();
        for (int s = 0; s < design.RowCount; s++)
        {
            var data = new float[Grid.VoxelCount];
            int shift = s % 3; // subject masks differ
            for (int k = 0; k < Grid.Nz; k++)
                for (int j = 0; j < Grid.Ny; j++)
                    for (int i = 0; i < Grid.Nx; i++)
                    {
                        bool inside = i >= 1 + shift && i <= 7 + shift && j >= 1 && j <= 7 - shift && k >= 1 && k <= 6;
                        double mean = 0;
                        for (int c = 0; c < design.ColumnCount; c++) mean += design[s, c] * trueBeta[c] * (1 + 0.05 * i);
                        double value = mean + rng.NextDouble() * 2 - 1;
                        data[Grid.Index(i, j, k)] = nanOutside && !inside ? float.NaN : (float)value;
                    }
            maps.Add(new Volume<float>(Grid, data));
        }
        return maps;
    }

    /// <summary>Per voxel in the mask: t (or F), p, effect and variance by the normal equations, compared with the model's.</summary>
    private static void AssertMatchesBruteForce(SecondLevelModel model, ContrastMaps maps, IReadOnlyList<Volume<float>> fittedValues, double[,] c)
    {
        var design = model.Design.ToArray();
        int n = design.GetLength(0), p = design.GetLength(1), q = c.GetLength(0);
        int dof = n - p;
        var xtx = new double[p, p];
        for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) for (int r = 0; r < n; r++) xtx[a, b] += design[r, a] * design[r, b];
        var inv = BruteForce.Invert(xtx);
        var m = new double[q, q];
        for (int a = 0; a < q; a++) for (int b = 0; b < q; b++) for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) m[a, b] += c[a, i] * inv[i, j] * c[b, j];
        var mInv = BruteForce.Invert(m);
        var indices = model.FittedMask.Indices;
        for (int n2 = 0; n2 < indices.Length; n2++)
        {
            var y = fittedValues.Select(v => (double)v.Data[indices[n2]]).ToArray();
            var (beta, rss) = BruteForce.Regress(design, y);
            double s2 = rss / dof;
            var cb = new double[q];
            for (int a = 0; a < q; a++) for (int i = 0; i < p; i++) cb[a] += c[a, i] * beta[i];
            if (q == 1)
            {
                double variance = m[0, 0] * s2, t = cb[0] / Math.Sqrt(Math.Max(variance, 1e-50)); // nilearn floors the variance at 1e-50
                Assert.Equal(cb[0], maps.EffectSize[0][n2], 1e-9 * Math.Max(1, Math.Abs(cb[0])));
                Assert.Equal(variance, maps.EffectVariance[n2], 1e-9 * variance);
                Assert.Equal(t, maps.Stat[n2], 1e-8 * Math.Max(1, Math.Abs(t)));
                double pValue = Ari.Statistics.StudentT.Sf(t, dof);
                Assert.Equal(pValue, maps.PValue[n2], 1e-8 * pValue + 1e-15);
                double z = pValue < 0.5 ? Ari.Statistics.Normal.Isf(pValue) : Ari.Statistics.Normal.Ppf(Ari.Statistics.StudentT.Cdf(t, dof));
                Assert.Equal(z, maps.ZScore[n2], 1e-7 * Math.Max(1, Math.Abs(z)));
            }
            else
            {
                double quadratic = 0;
                for (int a = 0; a < q; a++) for (int b = 0; b < q; b++) quadratic += cb[a] * mInv[a, b] * cb[b];
                double f = quadratic / q / s2;
                Assert.Equal(s2, maps.EffectVariance[n2], 1e-9 * s2);
                Assert.Equal(quadratic, maps.EffectSize.Sum(e => e[n2] * e[n2]), 1e-8 * Math.Max(1, quadratic));
                Assert.Equal(f, maps.Stat[n2], 1e-8 * Math.Max(1, f));
                double pValue = Ari.Statistics.FisherF.Sf(f, q, dof);
                Assert.Equal(pValue, maps.PValue[n2], 1e-8 * pValue + 1e-15);
            }
        }
    }

    [Fact]
    public void NaNOutsideDifferingSubjectMasksGivesTheIntersection()
    {
        var design = DesignMatrix.Intercept(9);
        var maps = MakeMaps(design, [1.5], seed: 1, nanOutside: true);
        var model = new SecondLevelModel().Fit(maps);
        var expected = Enumerable.Range(0, Grid.VoxelCount).Select(v => maps.All(m => !float.IsNaN(m.Data[v]))).ToArray();
        Assert.Equal(expected, model.FittedMask.Flags.ToArray());
        var result = model.ComputeContrast("intercept");
        AssertMatchesBruteForce(model, result, maps, new double[,] { { 1 } });
        Assert.All(result.ToVolume("z_score").Data.Where((_, v) => !expected[v]), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void NonFiniteValuesInsideAGivenMaskCountAsZeroLikeNilearn()
    {
        var design = DesignMatrix.Intercept(7);
        var maps = MakeMaps(design, [1.0], seed: 12, nanOutside: true);
        maps[2].Data[0] = float.PositiveInfinity;
        var model = new SecondLevelModel { Mask = Ari.Masking.Mask.Full(Grid) }.Fit(maps);
        var zeroed = maps.Select(m => new Volume<float>(Grid, m.Data.Select(v => float.IsFinite(v) ? v : 0f).ToArray())).ToList();
        var result = model.ComputeContrast();
        Assert.All(result.ZScore, z => Assert.True(double.IsFinite(z)));
        AssertMatchesBruteForce(model, result, zeroed, new double[,] { { 1 } });
    }

    [Fact]
    public void NaNOutsideWithSmoothingSmoothsZerosInLikeNilearn()
    {
        var design = DesignMatrix.Intercept(6);
        var maps = MakeMaps(design, [1.0], seed: 2, nanOutside: true);
        var model = new SecondLevelModel { SmoothingFwhm = 6 }.Fit(maps);
        Assert.Equal(Enumerable.Range(0, Grid.VoxelCount).Select(v => maps.All(m => !float.IsNaN(m.Data[v]))), model.FittedMask.Flags.ToArray());
        var smoothed = maps.Select(m => GaussianSmoothing.Smooth(m, 6)).ToList(); // NaN -> 0, then float32 passes
        AssertMatchesBruteForce(model, model.ComputeContrast(), smoothed, new double[,] { { 1 } });
    }

    [Fact]
    public void AgeCovariateFromParticipantsTable()
    {
        var table = DesignTable.Read(TestPaths.SharedFile("data", "sim", "localizer16", "participants.tsv"));
        var maps = MakeMaps(table.Design, [2.0, 0.1], seed: 3, nanOutside: false);
        var model = new SecondLevelModel { Mask = Ari.Masking.Mask.Full(Grid) }.Fit(maps, table.Design);
        Assert.Equal(14, model.ResidualDof);
        AssertMatchesBruteForce(model, model.ComputeContrast("age"), maps, new double[,] { { 0, 1 } });
        AssertMatchesBruteForce(model, model.ComputeContrast("intercept - 20*age"), maps, new double[,] { { 1, -20 } });
    }

    [Fact]
    public void TwoGroupDesign()
    {
        var groupA = new double[] { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0 };
        var design = DesignMatrix.FromColumns(("group_a", groupA), ("group_b", groupA.Select(g => 1 - g).ToArray()));
        var maps = MakeMaps(design, [3.0, 1.0], seed: 4, nanOutside: false);
        var model = new SecondLevelModel { Mask = Ari.Masking.Mask.Full(Grid) }.Fit(maps, design);
        var result = model.ComputeContrast("group_a - group_b");
        Assert.Equal(9, result.Dof);
        AssertMatchesBruteForce(model, result, maps, new double[,] { { 1, -1 } });
        Assert.True(result.ZScore.Average() > 2); // the groups do differ
    }

    [Fact]
    public void FContrast()
    {
        var table = DesignTable.Read(TestPaths.SharedFile("data", "sim", "localizer16", "participants.tsv"));
        var maps = MakeMaps(table.Design, [0.3, 0.02], seed: 5, nanOutside: false);
        var model = new SecondLevelModel { Mask = Ari.Masking.Mask.Full(Grid) }.Fit(maps, table.Design);
        var result = model.ComputeContrast("intercept; age");
        Assert.Equal(StatType.F, result.Contrast.Type);
        Assert.Equal(2, result.EffectSize.Length);
        AssertMatchesBruteForce(model, result, maps, new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Contains("linearly dependent", Assert.Throws<AriException>(() => model.ComputeContrast("age; 2*age")).Message);
    }

    [Fact]
    public void ResultsDoNotDependOnThreadsOrPrecisionOfTheInputContainer()
    {
        var design = DesignMatrix.FromColumns(("intercept", Enumerable.Repeat(1.0, 13).ToArray()), ("x", Enumerable.Range(0, 13).Select(i => Math.Sin(i)).ToArray()));
        var maps = MakeMaps(design, [1.0, 0.5], seed: 6, nanOutside: false);
        var one = new SecondLevelModel { SmoothingFwhm = 5, MaxDegreeOfParallelism = 1 }.Fit(maps, design).ComputeContrast("x");
        var many = new SecondLevelModel { SmoothingFwhm = 5, MaxDegreeOfParallelism = 4 }.Fit(maps, design).ComputeContrast("x");
        Assert.Equal(one.ZScore, many.ZScore);
        Assert.Equal(one.EffectVariance, many.EffectVariance);
    }

    [Fact]
    public void ResidualsStayAccurateOnALargeOffset()
    {
        // y = 1e4 + small noise: yᵀy - β'XᵀXβ would lose ~8 digits; Givens rotations keep them.
        var rng = new Random(9);
        var design = DesignMatrix.Intercept(20);
        var maps = Enumerable.Range(0, 20).Select(_ => new Volume<double>(Grid, Enumerable.Range(0, Grid.VoxelCount).Select(_ => 1e4 + 1e-3 * rng.NextDouble()).ToArray())).ToList();
        var model = new SecondLevelModel { Mask = Ari.Masking.Mask.Full(Grid) }.Fit(maps, design);
        var result = model.ComputeContrast();
        for (int v = 0; v < Grid.VoxelCount; v += 37)
        {
            double mean = maps.Average(m => m.Data[v]);
            double rss = maps.Sum(m => (m.Data[v] - mean) * (m.Data[v] - mean));
            double variance = rss / 19 / 20;
            Assert.Equal(variance, result.EffectVariance[v], 1e-8 * variance);
        }
    }

    [Fact]
    public void RankDeficientDesignWithEstimableContrast()
    {
        var groupA = new double[] { 1, 1, 1, 1, 0, 0, 0, 0 };
        var design = DesignMatrix.FromColumns(("intercept", Enumerable.Repeat(1.0, 8).ToArray()), ("a", groupA), ("b", groupA.Select(g => 1 - g).ToArray()));
        var maps = MakeMaps(DesignMatrix.FromColumns(("a", groupA), ("b", groupA.Select(g => 1 - g).ToArray())), [2.0, 1.0], seed: 7, nanOutside: false);
        var model = new SecondLevelModel { Mask = Ari.Masking.Mask.Full(Grid) }.Fit(maps, design);
        Assert.Equal(6, model.ResidualDof);
        var reference = new SecondLevelModel { Mask = Ari.Masking.Mask.Full(Grid) }
            .Fit(maps, DesignMatrix.FromColumns(("a", groupA), ("b", groupA.Select(g => 1 - g).ToArray())))
            .ComputeContrast("a - b");
        var deficient = model.ComputeContrast("a - b");
        for (int v = 0; v < Grid.VoxelCount; v++) Assert.Equal(reference.Stat[v], deficient.Stat[v], 1e-9 * Math.Max(1, Math.Abs(reference.Stat[v])));
        Assert.Contains("not estimable", Assert.Throws<AriException>(() => model.ComputeContrast("a")).Message);
    }

    [Fact]
    public void InputProblemsAreClearErrors()
    {
        var maps = MakeMaps(DesignMatrix.Intercept(3), [1.0], seed: 8, nanOutside: false);
        Assert.Contains("the design has 4 rows but there are 3 maps", Assert.Throws<AriException>(() => new SecondLevelModel().Fit(maps, DesignMatrix.Intercept(4))).Message);
        Assert.Contains("at least 2 are needed", Assert.Throws<AriException>(() => new SecondLevelModel().Fit(maps.Take(1).ToList())).Message);
        var other = new Volume<float>(new ImageGrid(4, 4, 4, Affine.Identity));
        Assert.Contains("shape 4x4x4 differs from the first map's (map 1: 10x9x8)", Assert.Throws<AriException>(() => new SecondLevelModel().Fit([maps[0], maps[1], other])).Message);
        Assert.Throws<InvalidOperationException>(() => new SecondLevelModel().ComputeContrast());
    }
}
