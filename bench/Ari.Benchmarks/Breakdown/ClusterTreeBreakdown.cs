using Ari.Benchmarks.Inference;
using Ari.Inference;
using Ari.Nifti;

namespace Ari.Benchmarks.Breakdown;

/// <summary>
/// Where the time of <see cref="AriClusterTree.Build(ReadOnlySpan{double}, Ari.Domain.InferenceDomain, double)"/> and
/// three queries goes on the 1 mm whole brain (<see cref="WholeBrainClusterData"/>), stage by stage.
/// `--write DIR` also writes the z map and the mask there (for timing the `ari clusters` process).
/// </summary>
internal static class ClusterTreeBreakdown
{
    public static void Run(int repetitions, string? writeFolder)
    {
        var data = WholeBrainClusterData.Make();
        if (writeFolder is not null)
        {
            Directory.CreateDirectory(writeFolder);
            NiftiFile.Write(Path.Combine(writeFolder, "z1mm_blobs.nii.gz"), data.Z);
            var mask = new Volume<byte>(data.Mask.Grid);
            foreach (int v in data.Mask.Indices) mask.Data[v] = 1;
            NiftiFile.Write(Path.Combine(writeFolder, "brain1mm.nii.gz"), mask);
            Console.WriteLine($"wrote {writeFolder}/z1mm_blobs.nii.gz and brain1mm.nii.gz");
        }
        var domain = data.Domain();
        var tree = AriClusterTree.Build(data.PValues, domain, 0.05); // warm-up (JIT)
        Console.WriteLine($"voxels {data.PValues.Length:N0}; STCs {tree.StcCount:N0}; admissible {tree.AdmissibleCount:N0}; " +
            $"clusters at 0.4/0.7/0.9: {tree.Query(0.4).Length}/{tree.Query(0.7).Length}/{tree.Query(0.9).Length}");
        using var clock = new StageClock();
        for (int r = 0; r < repetitions; r++)
        {
            GC.Collect();
            clock.Restart();
            tree = AriClusterTree.Build(data.PValues, domain, 0.05);
            clock.Mark("(rest of Build)");
            int n = tree.Query(0.4).Length + tree.Query(0.7).Length + tree.Query(0.9).Length;
            clock.Mark("three queries");
            for (int q = 0; q < 100; q++) n += tree.Query(0.7).Length;
            clock.Mark("100 further queries (0.7)");
            GC.KeepAlive(n);
        }
        clock.Print(Console.Out, $"AriClusterTree.Build + queries, 1 mm brain, mean of {repetitions}:");
    }
}
