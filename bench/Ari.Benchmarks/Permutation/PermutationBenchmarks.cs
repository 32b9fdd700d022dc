using Ari.Glm;
using Ari.Imaging;
using Ari.Masking;
using Ari.Nifti;
using Ari.Permutation;
using Ari.Pipelines.Calibration;
using BenchmarkDotNet.Attributes;

namespace Ari.Benchmarks.Permutation;

/// <summary>
/// `ari permute`'s engine without reading or writing, on simulated 2 mm maps: smooth Gaussian noise (FWHM 6 mm)
/// inside the brain mask of ../shared/data/real/hcp_group (257,659 voxels on 91x109x91, more than the 228k of the
/// MNI brain mask), one-sample sign flips. Issue 11's bar: 10,000 flips with max-T and cluster mass for 50 subjects
/// in under 30 s on 2 cores; issue 12's: a calibrated template from B = 1,000 flips of 30 subjects in under 5 s
/// (whole process; these measure the computation). TFCE per flip on localizer16 (45,448 voxels, FWHM 8).
/// <code>dotnet run -c Release --project bench/Ari.Benchmarks -- --filter '*Permutation*'</code>
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PermutationBenchmarks
{
    private PermutationKernel _kernel50 = null!, _kernel30 = null!;
    private MaskNeighbours _neighbours = null!;
    private PermutationDesign _design50 = null!, _design30 = null!;
    private double _threshold;
    private List<double[]> _localizerMaps = [];
    private MaskNeighbours _localizerNeighbours = null!;

    [GlobalSetup]
    public void Setup()
    {
        var mask = Mask.FromVolume(NiftiFile.Read(Path.Combine(SharedData.Folder, "data", "real", "hcp_group", "mask.nii.gz")));
        var grid = mask.Grid;
        var random = new Random(1);
        var maps = new List<Volume<float>>();
        for (int s = 0; s < 50; s++)
        {
            var noise = new Volume<float>(grid);
            for (int v = 0; v < noise.Data.Length; v++)
                noise.Data[v] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            maps.Add(GaussianSmoothing.Smooth(noise, 6));
        }
        _design50 = PermutationDesign.OneSample(50);
        _kernel50 = PermutedStatistics.CreateKernel(PermutationData.Load(maps, null, mask), _design50);
        _design30 = PermutationDesign.OneSample(30);
        _kernel30 = PermutedStatistics.CreateKernel(PermutationData.Load(maps.Take(30).ToList(), null, mask), _design30);
        _neighbours = new MaskNeighbours(mask);
        _threshold = Statistics.StudentT.Isf(0.001, _design50.Dof);

        var paths = Directory.GetFiles(Path.Combine(SharedData.Folder, "data", "sim", "localizer16"), "sub-*_contrast.nii.gz").Order().ToList();
        var data = PermutationData.Load(paths, 8.0);
        var design = PermutationDesign.OneSample(paths.Count);
        var kernel = PermutedStatistics.CreateKernel(data, design);
        var sequence = PermutationSequence.Create(design, 100, 0);
        int voxels = kernel.VoxelCount;
        PermutedStatistics.Stream(kernel, design, sequence, 0, sequence.Count, (first, count, t) =>
        {
            for (int a = 0; a < count; a++) _localizerMaps.Add(t.Slice(a * voxels, voxels).ToArray());
        });
        _localizerNeighbours = new MaskNeighbours(data.Mask);
        Console.WriteLine($"// 2 mm mask: {mask.Count:N0} voxels; localizer16: {voxels:N0} voxels");
    }

    [Benchmark(Description = "2 mm, 50 subjects: 10,000 sign flips, max-T + cluster size/mass (p < 0.001)")]
    public double MaxTAndClusterMass()
    {
        var sequence = PermutationSequence.Create(_design50, 10_000, 0);
        var maxima = PermutationEngine.Run(_kernel50, _design50, sequence, 0, sequence.Count, new PermutationOptions(false, _threshold, null), _neighbours);
        return maxima.MaxMass![1];
    }

    [Benchmark(Description = "2 mm, 30 subjects: calibrated Simes from 1,000 sign flips (engine pass + pivotal statistics)")]
    public double CalibratedSimes()
    {
        var sequence = PermutationSequence.Create(_design30, 1_000, 0);
        var calibration = TemplateCalibration.Start(new TdpTemplateRequest("simes"), _kernel30.VoxelCount, _design30.Dof, false, 0, sequence.Count);
        PermutationEngine.Run(_kernel30, _design30, sequence, 0, sequence.Count, new PermutationOptions(false, null, null), _neighbours, observe: calibration.Observe);
        var (template, _) = TemplateCalibration.Finish("simes", 0.05, calibration.KMax, _kernel30.VoxelCount, calibration.Sidedness, calibration.Pieces(null), [0]);
        return template.Lambda;
    }

    [Benchmark(Description = "localizer16: stepped TFCE of 100 permuted maps (one thread)")]
    public double SteppedTfce()
    {
        var tfce = new Tfce(TfceMode.Stepped);
        var scratch = new Tfce.Scratch(_localizerMaps[0].Length);
        double sum = 0;
        foreach (var t in _localizerMaps) sum += tfce.Compute(t, false, _localizerNeighbours, scratch);
        return sum;
    }
}
