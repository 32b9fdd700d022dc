using Ari.Imaging;
using Ari.Masking;
using Ari.Nifti;
using BenchmarkDotNet.Attributes;

namespace Ari.Benchmarks.Nifti;

/// <summary>
/// `ari tdp`'s I/O on a 1 mm whole brain (197x233x189, 1.9 M brain voxels): reading the float64 z map
/// (69 MB of voxels in an 11 MB .nii.gz) and writing the TDP map, float64 and float32.
///
/// The z map is nilearn's localizer z resampled to the MNI 1 mm template grid, 0 outside the brain
/// (<see cref="MakeWholeBrainZ"/>). Whole `ari tdp` process, hyperfine, 8 runs, NativeAOT, measured on a 2-core
/// machine shared at load average 45-60 (so wall times are ~6x an idle machine's; CPU times are the comparable part):
/// before (GZipStream): 8.38 s +- 0.56 (user 1.24 s, sys 0.86 s); after (zlib inflate straight into the array):
/// 9.18 s +- 0.92 (user 1.24 s, sys 0.87 s); after with --dtype float32: 7.01 s +- 0.19 (user 1.06 s, sys 0.78 s).
/// The 1 s bar for the idle machine was not verified here.
/// Then (chunked encoding, two gzip members on two cores, at most two cluster labellings at once, no mask flag copy),
/// `/usr/bin/time -v` of the whole process alternately with the previous build at load ~15.5: before 1.83-1.91 s CPU,
/// 413 MB max RSS; after 1.50-1.69 s CPU, 317-352 MB, identical outputs. Stage by stage: `-- breakdown tdp`.
/// Then (transparent huge pages on the managed heap, madvise at start-up), `/usr/bin/time` at load ~2: before 1.22-1.43 s
/// wall (0.95 user + 0.65-0.80 sys, 91,000 page faults); after 0.29-0.35 s wall (0.21-0.28 user + 0.08-0.19 sys, 6,600
/// faults, 351 MB), identical outputs; `ARI_NO_HUGE_PAGES=1` gives the before.
/// </summary>
[MemoryDiagnoser]
public class WholeBrainIoBenchmarks
{
    private string _folder = "";
    private string _z = "";
    private Volume<double> _tdp = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ari-bench-io-" + Environment.ProcessId);
        Directory.CreateDirectory(_folder);
        _z = Path.Combine(_folder, "z1mm.nii.gz");
        var z = MakeWholeBrainZ(SharedData.Folder);
        NiftiFile.Write(_z, z);
        // A TDP-like map: a few values in clusters, 0 elsewhere.
        var tdp = new double[z.Data.Length];
        for (int i = 0; i < tdp.Length; i++) tdp[i] = z.Data[i] > 3.5 ? 0.981 : z.Data[i] > 2.5 ? 0.4 : 0;
        _tdp = new Volume<double>(z.Grid, tdp);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>nilearn's localizer z map resampled (linear) to the MNI 1 mm template grid, 0 outside the brain.</summary>
    public static Volume<double> MakeWholeBrainZ(string shared)
    {
        var localizer = NiftiFile.Read(Path.Combine(shared, "reference", "nilearn", "localizer16", "z_score.nii.gz"));
        var template = NiftiFile.Read(Path.Combine(shared, "data", "real", "mni152_2009_t1_1mm.nii.gz"));
        var brain = Mask.FromVolume(template);
        var z = Resampling.Resample(localizer, template.Grid, Interpolation.Linear);
        for (int i = 0; i < z.Data.Length; i++) if (!brain.Contains(i)) z.Data[i] = 0;
        return z;
    }

    [Benchmark(Description = "read 1 mm z map (float64 .nii.gz)")]
    public int ReadZ() => NiftiFile.Read(_z).Data.Length;

    [Benchmark(Description = "write 1 mm TDP map, float64 .nii.gz")]
    public void WriteTdp64() => NiftiFile.Write(Path.Combine(_folder, "tdp64.nii.gz"), _tdp);

    [Benchmark(Description = "write 1 mm TDP map, float32 .nii.gz")]
    public void WriteTdp32() => NiftiFile.Write(Path.Combine(_folder, "tdp32.nii.gz"), _tdp, new NiftiWriteOptions { DataType = NiftiDataType.Float32 });
}
