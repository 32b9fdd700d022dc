using System.Diagnostics;
using Ari.Glm;
using Ari.Imaging;
using Ari.Nifti;
using BenchmarkDotNet.Attributes;

namespace Ari.Benchmarks.Glm;

/// <summary>
/// Second-level GLM: fit + contrast on localizer16 with FWHM 8 (nilearn 0.10.3: 1.9 s on 2 cores), and the
/// smoothing of one map. `dotnet run -c Release --project bench/Ari.Benchmarks -- --filter '*GlmBenchmarks*' --job short`
/// </summary>
[MemoryDiagnoser]
public class GlmBenchmarks
{
    private string[] _maps = [];
    private float[] _map = [];
    private float[] _buffer = [];
    private ImageGrid _grid = null!;

    [GlobalSetup]
    public void Setup()
    {
        string folder = Path.Combine(MniMapSet.SharedRoot(), "data", "sim", "localizer16");
        _maps = Directory.GetFiles(folder, "sub-*_contrast.nii.gz").Order(StringComparer.Ordinal).ToArray();
        var volume = NiftiFile.ReadVolume<float>(_maps[0]);
        _map = volume.Data;
        _buffer = new float[_map.Length];
        _grid = volume.Grid;
    }

    [Benchmark(Description = "localizer16: fit + contrast, FWHM 8")]
    public double FitAndContrast()
    {
        var maps = new SecondLevelModel { SmoothingFwhm = 8 }.Fit(_maps).ComputeContrast("intercept");
        return maps.ZScore[0];
    }

    [Benchmark(Description = "smooth one 53x63x46 float32 map, FWHM 8")]
    public float SmoothOneMap()
    {
        _map.CopyTo(_buffer, 0);
        GaussianSmoothing.SmoothVoxels(_buffer, _grid, GaussianSmoothing.SigmaInVoxels(_grid, 8));
        return _buffer[_buffer.Length / 2];
    }
}

/// <summary>
/// Scale: 1,000 maps on the 2 mm MNI grid (intercept + a covariate, FWHM 8), streamed through the model.
/// Reports maps per second and the peak working set (memory must stay bounded, well under 2 GB).
/// `dotnet run -c Release --project bench/Ari.Benchmarks -- --filter '*GlmScaleBenchmarks*' --job short`
/// </summary>
[MemoryDiagnoser]
public class GlmScaleBenchmarks
{
    private MniMapSet _set = null!;
    private string[] _maps = [];
    private DesignMatrix _design = null!;

    [Params(1000)]
    public int Maps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = new MniMapSet(distinct: 40);
        _maps = _set.Maps(Maps);
        _design = DesignMatrix.FromColumns(
            ("intercept", Enumerable.Repeat(1.0, Maps).ToArray()),
            ("age", Enumerable.Range(0, Maps).Select(i => 20.0 + (i * 7919 % 50)).ToArray()));
    }

    [GlobalCleanup]
    public void Cleanup() => _set.Dispose();

    [Benchmark(Description = "1,000 MNI 2 mm maps: fit + contrast, FWHM 8")]
    public double FitAndContrast()
    {
        var watch = Stopwatch.StartNew();
        var maps = new SecondLevelModel { SmoothingFwhm = 8 }.Fit(_maps, _design).ComputeContrast("age");
        double seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"// {Maps} maps in {seconds:0.00} s = {Maps / seconds:0.0} maps/s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MB");
        return maps.ZScore[0];
    }
}
