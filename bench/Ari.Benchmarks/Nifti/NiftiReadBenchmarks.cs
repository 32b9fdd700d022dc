using Ari.Nifti;
using BenchmarkDotNet.Attributes;

namespace Ari.Benchmarks.Nifti;

/// <summary>Reading the inputs of the seed analysis: 16 gzipped float32 maps on the 3 mm Localizer grid, and the 1 mm MNI template.</summary>
[MemoryDiagnoser]
public class NiftiReadBenchmarks
{
    private string[] _maps = [];
    private string _template = "";

    [GlobalSetup]
    public void Setup()
    {
        string shared = SharedData.Folder;
        _maps = Directory.GetFiles(Path.Combine(shared, "data", "sim", "localizer16"), "sub-*_contrast.nii.gz").Order(StringComparer.Ordinal).ToArray();
        _template = Path.Combine(shared, "data", "real", "mni152_2009_t1_1mm.nii.gz");
    }

    [Benchmark(Description = "16 localizer maps, float32, sequential")]
    public int ReadSixteenMaps()
    {
        int n = 0;
        foreach (string map in _maps) n += NiftiFile.ReadVolume<float>(map).Data.Length;
        return n;
    }

    [Benchmark(Description = "16 localizer maps, float32, parallel")]
    public int ReadSixteenMapsParallel()
    {
        int n = 0;
        Parallel.ForEach(_maps, map => Interlocked.Add(ref n, NiftiFile.ReadVolume<float>(map).Data.Length));
        return n;
    }

    [Benchmark(Description = "MNI152 1 mm template (uint8 -> double)")]
    public int ReadTemplate() => NiftiFile.Read(_template).Data.Length;
}
