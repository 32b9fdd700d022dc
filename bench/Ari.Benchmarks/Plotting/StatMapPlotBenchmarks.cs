using Ari.Imaging;
using Ari.Nifti;
using Ari.Plotting;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.StatMaps;
using BenchmarkDotNet.Attributes;

namespace Ari.Benchmarks.Plotting;

/// <summary>
/// The seed's two figures (nilearn takes 3.6 s for both on 2 cores): TDP (inferno) and z (cold_hot) over the
/// 1 mm MNI template, seven axial cuts, PNG. "whole" includes reading both files, as `ari plot` does;
/// the whole-process timing (NativeAOT ./ari, start-up included) is measured with hyperfine, see the README.
/// </summary>
[MemoryDiagnoser]
public class StatMapPlotBenchmarks
{
    private static readonly double[] SeedCuts = [-24, -9, -18, 33, 45, 57, 66];
    private string _tdpPath = "", _zPath = "", _templatePath = "";
    private Volume<double> _tdp = null!, _z = null!;
    private BackgroundImage _template = null!;

    [GlobalSetup]
    public void Setup()
    {
        string reference = Path.Combine(SharedData.Folder, "reference", "nilearn", "localizer16");
        _tdpPath = Path.Combine(reference, "tdp.nii.gz");
        _zPath = Path.Combine(reference, "z_score.nii.gz");
        _templatePath = Path.Combine(SharedData.Folder, "data", "real", "mni152_2009_t1_1mm.nii.gz");
        _tdp = NiftiFile.Read(_tdpPath);
        _z = NiftiFile.Read(_zPath);
        _template = BackgroundImage.Load(_templatePath);
    }

    private static StatMapOptions Tdp => new()
    {
        Display = DisplayMode.Z, CutCoordinates = SeedCuts, Colormap = "inferno", Vmax = 1, Threshold = 0, Title = "proportion true positives",
    };

    private static StatMapOptions Z => new()
    {
        Display = DisplayMode.Z, CutCoordinates = SeedCuts, Threshold = 3.090232306167813, Title = "z (uncorrected p < 0.001)",
    };

    [Benchmark(Description = "TDP figure, maps in memory (plot + PNG)")]
    public int TdpFigure() => StatMapPlot.Plot(_tdp, _template, Tdp).ToPng().Length;

    [Benchmark(Description = "both seed figures, whole (read map and template, plot, PNG)")]
    public int BothFiguresWhole()
    {
        int bytes = 0;
        foreach (var (path, options) in new[] { (_tdpPath, Tdp), (_zPath, Z) })
            bytes += StatMapPlot.Plot(NiftiFile.Read(path), BackgroundImage.Load(_templatePath), options).ToPng().Length;
        return bytes;
    }

    [Benchmark(Description = "template head mask (threshold + hole filling, 8.7 M voxels)")]
    public int TemplateStyle() => BackgroundStyle.For(_template).Hidden!.Length;

    [Benchmark(Description = "ortho display with automatic cuts (z map)")]
    public int OrthoAutomatic() => StatMapPlot.Plot(_z, _template, new StatMapOptions { Threshold = 3 }).ToPng().Length;
}
