using System.Text.Json;
using Ari.Datasets.Simulation;
using Ari.Glm;
using Ari.Imaging;
using Ari.Inference;
using Ari.Masking;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Datasets;

public class LocalizerSimulationTests
{
    private static readonly string[] Files =
        ["sub-01_contrast.nii.gz", "sub-02_contrast.nii.gz", "sub-03_contrast.nii.gz", "sub-04_contrast.nii.gz",
         "true_effect.nii.gz", "true_support.nii.gz", "brain_mask.nii.gz", "participants.tsv", "dataset.json"];

    [Fact]
    public void A_seed_gives_the_same_bytes_and_another_seed_other_maps()
    {
        using var dir = new TempDirectory();
        LocalizerSimulation.Write(new SimulationSettings { Subjects = 4, Seed = 7 }, dir.File("a"));
        LocalizerSimulation.Write(new SimulationSettings { Subjects = 4, Seed = 7 }, dir.File("b"));
        LocalizerSimulation.Write(new SimulationSettings { Subjects = 4, Seed = 8 }, dir.File("c"));

        Assert.Equal(Files.Order(StringComparer.Ordinal), TestImages.FilesUnder(dir.File("a")));
        foreach (string file in Files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("a"), file)), File.ReadAllBytes(Path.Combine(dir.File("b"), file)));
        for (int s = 1; s <= 4; s++)
        {
            var a = NiftiFile.Read(Path.Combine(dir.File("a"), $"sub-0{s}_contrast.nii.gz")).Data;
            var c = NiftiFile.Read(Path.Combine(dir.File("c"), $"sub-0{s}_contrast.nii.gz")).Data;
            Assert.NotEqual(a, c);
        }
        // the ground truth does not depend on the seed
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("a"), "true_effect.nii.gz")), File.ReadAllBytes(Path.Combine(dir.File("c"), "true_effect.nii.gz")));
    }

    [Fact]
    public void The_ground_truth_is_consistent()
    {
        var data = LocalizerSimulation.Generate(new SimulationSettings { Subjects = 3, Seed = 1 });
        var grid = data.BrainMask.Grid;
        Assert.Equal("53x63x46", grid.ShapeText);
        Assert.Equal(Affine.FromScaleAndOffset(-3, 3, 3, 78, -112, -50), grid.Affine);
        int positive = 0, negative = 0;
        for (int v = 0; v < grid.VoxelCount; v++)
        {
            float effect = data.TrueEffect.Data[v];
            Assert.Equal(effect != 0 ? 1 : 0, data.TrueSupport.Data[v]);
            if (effect != 0) Assert.Equal(1, data.BrainMask.Data[v]);
            if (effect > 0) positive++;
            if (effect < 0) negative++;
            foreach (var subject in data.Subjects)
                Assert.Equal(data.BrainMask.Data[v] != 0, subject.Map.Data[v] != 0);
        }
        Assert.InRange(data.BrainVoxels, 40_000, 55_000);   // a brain's worth of 3 mm voxels
        Assert.InRange(positive, 1000, 3000);
        Assert.InRange(negative, 500, 2000);
        // blob peaks: right motor cortex +1.5 at (39, -22, 55) mm; left motor cortex -1.2 at (-39, -22, 55)
        Assert.Equal(1.5, data.TrueEffect.Data[Index(grid, 39, -22, 55)], 1e-6);
        Assert.Equal(-1.2, data.TrueEffect.Data[Index(grid, -39, -22, 55)], 1e-6);
        Assert.Equal(1.5, data.TrueEffect.Data.Max(), 1e-6);
        Assert.Equal(-1.2, data.TrueEffect.Data.Min(), 1e-6);
        Assert.Equal(0, data.TrueEffect.Data[Index(grid, 0, -18, 18)]);
    }

    [Fact]
    public void Each_map_is_scale_times_effect_plus_unit_variance_noise_plus_offset()
    {
        var data = LocalizerSimulation.Generate(new SimulationSettings { Subjects = 4, Seed = 3 });
        var inside = Mask.FromVolume(data.BrainMask);
        foreach (var subject in data.Subjects)
        {
            Assert.InRange(subject.Scale, 0.8, 1.2);
            Assert.InRange(subject.Age, 20, 36);
            var noise = inside.Indices.Select(v => subject.Map.Data[v] / subject.Scale - data.TrueEffect.Data[v] - subject.Offset).ToArray();
            double mean = noise.Average();
            double sd = Math.Sqrt(noise.Select(n => (n - mean) * (n - mean)).Sum() / (noise.Length - 1));
            Assert.Equal(0, mean, 1e-5);
            Assert.Equal(1, sd, 1e-5);
            // smooth: neighbouring voxels are correlated (Gaussian-smoothed white noise of FWHM 2 voxels has
            // correlation 2^(-2 d^2 / FWHM^2) = 0.71 at d = 1 voxel)
            var grid = subject.Map.Grid;
            double num = 0, a2 = 0, b2 = 0;
            foreach (int v in inside.Indices)
            {
                var (i, j, k) = grid.Coordinates(v);
                int w = grid.Index(Math.Min(i + 1, grid.Nx - 1), j, k);
                if (!inside.Contains(w) || w == v) continue;
                double a = subject.Map.Data[v] / subject.Scale - data.TrueEffect.Data[v], b = subject.Map.Data[w] / subject.Scale - data.TrueEffect.Data[w];
                num += (a - subject.Offset) * (b - subject.Offset); a2 += (a - subject.Offset) * (a - subject.Offset); b2 += (b - subject.Offset) * (b - subject.Offset);
            }
            Assert.InRange(num / Math.Sqrt(a2 * b2), 0.64, 0.78);
        }
    }

    [Fact]
    public void The_written_set_is_input_for_a_group_analysis()
    {
        using var dir = new TempDirectory();
        var files = LocalizerSimulation.Write(new SimulationSettings { Subjects = 16, Seed = 1 }, dir.Path);
        var maps = files.Maps.Select(NiftiFile.Read).ToList();
        Assert.Equal(16, maps.Count);
        Assert.All(maps, m => Assert.True(m.Grid.Matches(maps[0].Grid)));
        Assert.Equal(NiftiDataType.Float32, NiftiFile.ReadHeader(files.Maps[0]).DataType);

        // nilearn's mask (background of the mean image) is the simulated brain
        var mask = BackgroundMask.Compute(ImageMath.Mean(maps));
        var brain = Mask.FromVolume(NiftiFile.Read(files.BrainMask));
        Assert.Equal<int>(brain.Indices, mask.Indices);

        // one-sample t across subjects: large in the true support, null-like elsewhere
        var support = NiftiFile.Read(files.TrueSupport).Data;
        var effect = NiftiFile.Read(files.TrueEffect).Data;
        int strongFound = 0, strong = 0, nullExceed = 0, nulls = 0;
        foreach (int v in mask.Indices)
        {
            var x = maps.Select(m => m.Data[v]).ToArray();
            double mean = x.Average();
            double sd = Math.Sqrt(x.Select(a => (a - mean) * (a - mean)).Sum() / (x.Length - 1));
            double t = mean / (sd / Math.Sqrt(x.Length));
            if (Math.Abs(effect[v]) >= 1.0) { strong++; if (Math.Sign(t) == Math.Sign(effect[v]) && Math.Abs(t) > 2.13) strongFound++; }
            if (support[v] == 0) { nulls++; if (Math.Abs(t) > 2.95) nullExceed++; } // t(15) two-sided 1 %
        }
        Assert.True(strongFound > 0.6 * strong, $"{strongFound} of {strong} strong-effect voxels significant");
        Assert.InRange(nullExceed / (double)nulls, 0.0, 0.03);

        var participants = File.ReadAllLines(files.Participants);
        Assert.Equal("participant_id\tmap\tage", participants[0]);
        Assert.Equal(17, participants.Length);
        Assert.StartsWith("sub-16\tsub-16_contrast.nii.gz\t", participants[16]);

        using var json = JsonDocument.Parse(File.ReadAllBytes(files.DatasetJson));
        var root = json.RootElement;
        Assert.Equal(16, root.GetProperty("n_subjects").GetInt32());
        Assert.Equal(1, root.GetProperty("seed").GetInt32());
        Assert.Equal("localizer", root.GetProperty("grid").GetString());
        Assert.Equal(2.0, root.GetProperty("noise_fwhm_vox").GetDouble());
        Assert.Equal(support.Count(s => s != 0), root.GetProperty("true_support_voxels").GetInt32());
        Assert.Equal(brain.Count, root.GetProperty("brain").GetProperty("voxels").GetInt32());
    }

    [Fact]
    public void The_seed_analysis_on_it_finds_the_effects_and_its_TDP_bounds_hold()
    {
        using var dir = new TempDirectory();
        var files = LocalizerSimulation.Write(new SimulationSettings(), dir.Path);
        var model = new SecondLevelModel { SmoothingFwhm = 8 }.Fit(files.Maps);
        var z = model.FittedMask.Unmask(model.ComputeContrast().ZScore);
        var result = ClusterLevelInference.Compute(z, [2.5, 3.5, 4.5], 0.05);

        var support = NiftiFile.Read(files.TrueSupport).Data;
        var grid = z.Grid;
        Assert.True(result.TrueDiscoveries > 100, $"{result.TrueDiscoveries} true discoveries");
        var found = result.Clusters.Clusters.Where(c => c.Tdp > 0).ToList();
        // the right motor cortex and left cerebellum blobs (positive) are found at z > 4.5
        Assert.Contains(found, c => c.Threshold == 4.5 && Math.Abs(c.PeakMm.X - 39) < 10 && Math.Abs(c.PeakMm.Z - 55) < 10);
        Assert.Contains(found, c => c.Threshold == 4.5 && Math.Abs(c.PeakMm.X + 21) < 10 && Math.Abs(c.PeakMm.Z + 23) < 10);
        // every cluster's TDP bound is at most its true proportion of active voxels
        foreach (var cluster in result.Clusters.Clusters)
        {
            double t = cluster.Threshold!.Value;
            var inCluster = ComponentAt(z, result.Mask, t, grid.Index(cluster.PeakVoxel.I, cluster.PeakVoxel.J, cluster.PeakVoxel.K));
            Assert.Equal(cluster.Size, inCluster.Count);
            double trueFraction = inCluster.Count(v => support[v] != 0) / (double)inCluster.Count;
            Assert.True(cluster.Tdp <= trueFraction, $"cluster at z > {t} with peak {cluster.PeakMm}: TDP {cluster.Tdp} > true proportion {trueFraction}");
        }
    }

    /// <summary>The 6-connected component of z &gt; t in the mask that holds a voxel (brute force, for the check).</summary>
    private static List<int> ComponentAt(Volume<double> z, Mask mask, double t, int start)
    {
        var grid = z.Grid;
        var seen = new HashSet<int> { start };
        var queue = new Queue<int>([start]);
        while (queue.Count > 0)
        {
            var (i, j, k) = grid.Coordinates(queue.Dequeue());
            foreach (var (di, dj, dk) in new[] { (1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1) })
            {
                if (!grid.Contains(i + di, j + dj, k + dk)) continue;
                int w = grid.Index(i + di, j + dj, k + dk);
                if (mask.Contains(w) && z.Data[w] > t && seen.Add(w)) queue.Enqueue(w);
            }
        }
        return [.. seen];
    }

    [Fact]
    public void The_mni_grid_is_available()
    {
        var data = LocalizerSimulation.Generate(new SimulationSettings { Subjects = 1, Grid = SimulationGrid.Mni2mm });
        var grid = data.BrainMask.Grid;
        Assert.Equal("91x109x91", grid.ShapeText);
        Assert.Equal(Affine.FromScaleAndOffset(-2, 2, 2, 90, -126, -72), grid.Affine);
        Assert.InRange(data.TrueEffect.Data[Index(grid, 39, -22, 55)], 1.47, 1.5);
        Assert.InRange(data.BrainVoxels, 140_000, 190_000);
    }

    [Fact]
    public void Bad_settings_are_clear_errors_and_write_nothing()
    {
        using var dir = new TempDirectory();
        Assert.Contains("between 1 and 1000", Assert.Throws<AriException>(() => LocalizerSimulation.Write(new SimulationSettings { Subjects = 0 }, dir.File("x"))).Message);
        Assert.Contains("amplitude", Assert.Throws<AriException>(() => LocalizerSimulation.Generate(new SimulationSettings { Amplitude = double.NaN })).Message);
        Assert.False(Directory.Exists(dir.File("x")));
    }

    private static int Index(ImageGrid grid, double x, double y, double z)
    {
        var p = grid.WorldToVoxel(new Point3(x, y, z));
        return grid.Index((int)Math.Round(p.X), (int)Math.Round(p.Y), (int)Math.Round(p.Z));
    }
}
