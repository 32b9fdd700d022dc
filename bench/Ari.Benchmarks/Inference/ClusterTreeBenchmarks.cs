using Ari.Domain;
using Ari.Inference;
using BenchmarkDotNet.Attributes;

namespace Ari.Benchmarks.Inference;

/// <summary>
/// `ari clusters`' computation without reading or writing: the cluster tree of a 1 mm whole brain (the MNI template's
/// 1.9 million voxels; smooth noise, FWHM 8 mm, plus six Gaussian blobs of peak z 5), 18-connectivity, alpha 0.05,
/// then queries. ARIbrain 0.9 on the same kind of data: 13 s and 1.3 GB for construction plus one query.
/// Construction + three queries, CPU (`-- breakdown clusters`, the machine shared at load 17-30): 2.0 s before the radix
/// sort and the grid union-find cells with prefetching, 0.69-0.8 s after; a further query 0.02 ms.
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
        var data = WholeBrainClusterData.Make();
        _p = data.PValues;
        _domain = data.Domain();
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
