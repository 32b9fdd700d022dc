using Ari.Benchmarks.Nifti;
using Ari.Nifti;
using Ari.Pipelines.Tdp;

namespace Ari.Benchmarks.Breakdown;

/// <summary>
/// Where `ari tdp`'s time goes on a 1 mm whole brain (the float64 z map of <see cref="WholeBrainIoBenchmarks"/>,
/// background mask, thresholds 2.5, 3.5, 4.5): the job run in-process, stage by stage.
/// </summary>
internal static class TdpBreakdown
{
    public static void Run(int repetitions)
    {
        string folder = Path.Combine(Path.GetTempPath(), "ari-breakdown-tdp-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            string z = Path.Combine(folder, "z1mm.nii.gz");
            NiftiFile.Write(z, WholeBrainIoBenchmarks.MakeWholeBrainZ(SharedData.Folder));
            var request = new TdpRequest(z, null, [2.5, 3.5, 4.5], 0.05, 6, false, null, null, Path.Combine(folder, "out"), "breakdown");
            TdpJob.Run(request); // warm-up (JIT)
            using var clock = new StageClock();
            for (int r = 0; r < repetitions; r++)
            {
                GC.Collect();
                clock.Restart();
                TdpJob.Run(request);
                clock.Mark("(rest of the job)");
            }
            clock.Print(Console.Out, $"TdpJob.Run, 1 mm brain (float64 z, {new FileInfo(z).Length / 1e6:0.0} MB .nii.gz), mean of {repetitions}:");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
