using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Pipelines.Glm;
using Ari.Pipelines.Tdp;
using Ari.Datasets;
using Ari.Datasets.Localizer;
using Ari.Datasets.Simulation;
using Ari.Glm;
using Ari.Inference;
using Ari.IO;
using Ari.Plotting;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.StatMaps;
using Ari.Reporting;
using Ari.Statistics;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari example`: nilearn's "Second-level fMRI model: true positive proportion in clusters", end to end —
/// 16 Localizer "left vs right button press" maps (or the simulated set when they cannot be had), a one-sample
/// model with 8 mm smoothing, ARI at z &gt; 2.5, 3.5, 4.5 (alpha 0.05), two figures and a report.
/// </summary>
internal static class ExampleCommand
{
    public const string Contrast = "left vs right button press";
    public const int Subjects = 16;
    public const double Fwhm = 8;
    public const double Alpha = 0.05;
    public static readonly double[] Thresholds = [2.5, 3.5, 4.5];
    public static readonly double[] Cuts = [-24, -9, -18, 33, 45, 57, 66];

    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for every output", DefaultValueFactory = _ => "ari-example" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where downloaded data is kept (default: $ARI_DATA, else ~/ari_data)" };
        var simulated = new Option<bool>("--simulated") { Description = "Use the simulated data set (known ground truth) instead of the Localizer maps" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines" };
        var command = new Command("example",
            "The whole analysis of nilearn's example: 16 subjects' left-vs-right button press maps, second-level GLM (FWHM 8), ARI at z > 2.5, 3.5, 4.5, figures and a report")
        {
            output, dataDir, simulated, quiet,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string outDir = Path.GetFullPath(OptionValues.OutputFolder("--out", parse.GetValue(output)!));
            Ari.IO.OutputFolders.Create(outDir, outDir);
            await RunAsync(outDir, parse.GetValue(dataDir), parse.GetValue(simulated), parse.GetValue(quiet), CommandLineText.From(parse), cancel);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task RunAsync(string outDir, string? dataDir, bool simulated, bool quiet, string command, CancellationToken cancel)
    {
        var terminal = new Terminal(quiet, "example");
        var total = Stopwatch.StartNew();
        var timer = new StepTimer(terminal.Log);
        var watch = Stopwatch.StartNew();

        var (maps, source) = simulated
            ? (Simulate(outDir, terminal, "simulated data requested"), "simulated")
            : await FetchOrSimulateAsync(outDir, dataDir, terminal, cancel);
        timer.Record("data", watch.Elapsed.TotalSeconds);

        string glmDir = Path.Combine(outDir, "glm"), tdpDir = Path.Combine(outDir, "tdp");
        var glm = GlmJob.Run(new GlmRequest(maps, null, "intercept", Fwhm, null, glmDir, command), new Terminal(quiet, "glm").Log);
        timer.Record("glm", glm.Seconds.GetValueOrDefault("total"));

        var tdp = TdpJob.Run(new TdpRequest(Path.Combine(glmDir, "z_score.nii.gz"), null, Thresholds, Alpha, 6, false, null, null, tdpDir, command), new Terminal(quiet, "tdp").Log);
        timer.Record("ari", tdp.Seconds.First(s => s.Step == "total").Seconds);

        watch.Restart();
        var (bgPath, note) = await TemplateBackground.ResolveAsync(null, terminal, cancel, dataDir);
        if (note is not null) Console.Error.WriteLine($"note: {note}");
        var background = bgPath is not null ? BackgroundImage.Load(bgPath) : BackgroundImage.SilhouetteOf(glm.Maps.Mask.Unmask(Enumerable.Repeat(1.0, glm.Maps.Mask.Count).ToArray()));
        timer.Record("template", watch.Elapsed.TotalSeconds);

        watch.Restart();
        double zThreshold = Normal.Isf(0.001);
        var tdpFigure = StatMapPlot.Plot(tdp.Result.Tdp, background, new StatMapOptions
        {
            Display = DisplayMode.Z, CutCoordinates = Cuts, Colormap = "inferno", Vmax = 1, Threshold = 0,
            Title = "proportion true positives",
        });
        var zFigure = StatMapPlot.Plot(glm.Maps.Mask.Unmask(glm.Maps.ZScore), background, new StatMapOptions
        {
            Display = DisplayMode.Z, CutCoordinates = Cuts, Threshold = zThreshold, Title = "z (uncorrected p < 0.001)",
        });
        OutputCollision.Refuse(maps, outDir, ["tdp.png", "z.png", "report.html"]);
        using (var figures = new OutputSet(outDir))
        {
            figures.WriteAllBytes("tdp.png", tdpFigure.ToPng());
            figures.WriteAllBytes("z.png", zFigure.ToPng());
            figures.Commit();
        }
        timer.Record("figures", watch.Elapsed.TotalSeconds);

        watch.Restart();
        // From the results in memory: nothing glm and tdp just wrote is read back.
        var report = AnalysisReport.Build(glm, tdp, new ReportRequest(glmDir, tdpDir, bgPath, command, OutputPath: Path.Combine(outDir, "report.html")));
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.html"), report.Html);
        timer.Record("report", watch.Elapsed.TotalSeconds);

        Console.WriteLine();
        Console.WriteLine($"Data: {maps.Count} maps ({source}); one-sample model with {Fwhm:0} mm smoothing, {glm.Maps.Dof} degrees of freedom; {glm.Maps.Mask.Count:N0} voxels in the mask.");
        ClusterTableView.Print(tdp.Result, labelMap: false, rowsPerThreshold: 5);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Outputs in {outDir}:");
        foreach (var (name, what) in new[]
                 {
                     ("glm/", "z, t, p, effect and variance maps, mask, design.tsv, glm.json"),
                     ("tdp/", "tdp.nii.gz, clusters.tsv, summary.json"),
                     ("z.png", "z map, uncorrected p < 0.001"),
                     ("tdp.png", "proportion of true positives in clusters"),
                     ("report.html", "the whole analysis in one page"),
                 })
            Console.WriteLine($"  {name,-12} {what}");
        Console.WriteLine(string.Create(inv,
            $"Done in {total.Elapsed.TotalSeconds:0.00} s ({string.Join(", ", timer.Steps.Select(s => $"{s.Name} {s.Seconds:0.000}"))})."));
    }

    /// <summary>The 16 Localizer maps from the cache or OSF; when they cannot be had, the simulated set (said in one line).</summary>
    private static async Task<(IReadOnlyList<string> Maps, string Source)> FetchOrSimulateAsync(string outDir, string? dataDir, Terminal terminal, CancellationToken cancel)
    {
        var options = new FetchOptions
        {
            DataDirectory = dataDir,
            Download = Ari.Datasets.Http.DownloadOptions.Default with { ConnectTimeout = TimeSpan.FromSeconds(5) },
        };
        terminal.Progress($"Fetching the Brainomics/Localizer \"{Contrast}\" maps of {Subjects} subjects");
        try
        {
            var data = await FetchCommand.WithProgressAsync(false, "example", options,
                o => LocalizerFetcher.FetchContrastsAsync([Contrast], Subjects, options: o, cancel: cancel));
            return (data.ContrastMaps, "Brainomics/Localizer, " + data.Directory);
        }
        catch (AriException e)
        {
            Console.Error.WriteLine($"note: the Localizer maps could not be fetched ({e.Message}); using the simulated data set instead");
            return (Simulate(outDir, terminal, "fallback"), "simulated: the Localizer maps could not be fetched");
        }
    }

    private static IReadOnlyList<string> Simulate(string outDir, Terminal terminal, string why)
    {
        string dir = Path.Combine(outDir, "simulated-data");
        terminal.Progress($"Simulating {Subjects} subject maps with a known ground truth in {dir} ({why})");
        return LocalizerSimulation.Write(new SimulationSettings { Subjects = Subjects, Seed = 1 }, dir).Maps;
    }
}
