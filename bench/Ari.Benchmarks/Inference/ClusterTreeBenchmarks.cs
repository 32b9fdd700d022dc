using Ari.Domain;
using Ari.Imaging;
using Ari.Inference;
using Ari.Masking;
using Ari.Nifti;
using BenchmarkDotNet.Attributes;

namespace Ari.Benchmarks.Inference;

/// <summary>
/// `ari clusters`' computation without reading or writing: the cluster tree of a 1 mm whole brain (the MNI template's
/// 1.9 million voxels; smooth noise, FWHM 8 mm, plus six Gaussian blobs of peak z 5), 18-connectivity, alpha 0.05,
/// then queries. ARIbrain 0.9 on the same kind of data: 13 s and 1.3 GB for construction plus one query.
/// </summary>
[MemoryDiagnoser]
public class ClusterTreeBenchmarks
{
    private double[] _p = [];
    private GridDomain _domain = null!;
    private AriClusterTree _tree = null!;

    [GlobalSetup]
    public void Setup()
    {
        var template = NiftiFile.Read(Path.Combine(SharedData.Folder, "data", "real", "mni152_2009_t1_1mm.nii.gz"));
        var mask = Mask.FromVolume(template);
        var grid = template.Grid;
        var random = new Random(1);
        var noise = new Volume<float>(grid);
        for (int v = 0; v < noise.Data.Length; v++)
            noise.Data[v] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        var smooth = GaussianSmoothing.Smooth(noise, 8);
        var z = mask.Extract<float>(smooth.Data).Select(x => (double)x).ToArray();
        double sd = Math.Sqrt(z.Select(x => x * x).Average());
        (int I, int J, int K)[] centres = [(60, 120, 80), (120, 120, 80), (91, 60, 100), (91, 150, 60), (40, 100, 120), (140, 90, 50)];
        for (int n = 0; n < z.Length; n++)
        {
            var (i, j, k) = grid.Coordinates(mask.Indices[n]);
            double blob = centres.Sum(c => 5 * Math.Exp(-((i - c.I) * (i - c.I) + (j - c.J) * (j - c.J) + (k - c.K) * (k - c.K)) / (2 * 8.0 * 8.0)));
            z[n] = z[n] / sd + blob;
        }
        _p = VoxelPValues.FromZ(z, twoSided: false);
        _domain = new GridDomain(mask, 18);
        _tree = AriClusterTree.Build(_p, _domain, 0.05);
        Console.WriteLine($"// voxels {_p.Length:N0}; STCs {_tree.StcCount:N0}; admissible {_tree.AdmissibleCount:N0}; clusters at 0.7: {_tree.Query(0.7).Length}");
    }

    [Benchmark(Description = "1 mm brain (1.9M voxels): tree + queries at 0.4, 0.7, 0.9")]
    public int BuildAndThreeQueries()
    {
        var tree = AriClusterTree.Build(_p, _domain, 0.05);
        return tree.Query(0.4).Length + tree.Query(0.7).Length + tree.Query(0.9).Length;
    }

    [Benchmark(Description = "1 mm brain: one further query (gamma 0.7)")]
    public int Query() => _tree.Query(0.7).Length;
}
