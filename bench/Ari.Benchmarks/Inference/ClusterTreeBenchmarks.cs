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
/// Then (forest beside Hommel/categories on two threads, memory handed between stages and faulted in on the idle core,
/// bounding-box cells, skipping neighbours already linked to the node's set, huge pages), in the `ari clusters` process at
/// load ~2 (`summary.json`'s tree step, 15 runs): 0.29-0.32 s wall, median 0.31 s (was 0.48-0.8 s in the process);
/// ARIbrain 0.9 side by side: 16.8 s + 0.09 s per query, 1.07 GB (Ari's whole process: 359 MB).
/// Then (the forest starting on the first sorted buckets beside the sort, TDPs from bounds and sizes instead of two
/// stored double lists, admissible STCs grouped by TDP bucket instead of sorted, the root's heavy-path lists cut from the
/// forest's nodes), alternating 11 runs with the previous binary on a slow host phase: median 0.40 -> 0.27 s (min 0.35
/// -> 0.24); on a quiet one 0.31 -> 0.21 s; the process peak 359 -> 325 MB. ARIbrain side by side again: 16.95 s +
/// 0.08-0.11 s per query, 1.07 GB.
/// In-process numbers here (JIT, repeated builds in one process) differ from the CLI's: fresh memory costs dominate.
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
