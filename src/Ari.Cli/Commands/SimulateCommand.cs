using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Datasets.Simulation;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari simulate --out DIR`: a localizer-like data set with a known ground truth, from a seed alone.
/// The subjects' map paths go to stdout, a summary to stderr.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var subjects = NumberOptions.Whole("--subjects", $"Number of subject maps (1 to {SimulationSettings.MaxSubjects})", 16, 1, SimulationSettings.MaxSubjects, "-n");
        var output = new Option<string>("--out", "-o") { Description = "Output folder (created if needed)", Required = true };
        var seed = NumberOptions.Seed("--seed", "Random seed; the same seed gives the same data set on any machine", 1, "-s");
        var grid = new Option<string>("--grid")
        {
            Description = "localizer (Brainomics 3 mm, 53x63x46) or mni2mm (MNI 2 mm, 91x109x91)",
            DefaultValueFactory = _ => "localizer",
        };
        var amplitude = NumberOptions.Real("--amplitude", "Scales the true effects (1: peaks of +1.5 and -1.2 against unit-variance noise per subject), 0 to 1e6",
            1.0, new NumberRange(0, 1e6));
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary line" };
        var command = new Command("simulate",
            "Write a simulated localizer-like data set with known ground truth: sub-NN_contrast.nii.gz, true_effect, true_support, brain_mask, participants.tsv, dataset.json")
        {
            subjects, output, seed, grid, amplitude, quiet,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(subjects);
            string outDir = OptionValues.OutputFolder("--out", parse.GetValue(output)!);
            string gridName = OptionValues.OneOf("--grid", parse.GetValue(grid)!, "localizer", "mni2mm");
            var settings = new SimulationSettings
            {
                Subjects = n,
                Seed = parse.GetValue(seed),
                Grid = gridName == "mni2mm" ? SimulationGrid.Mni2mm : SimulationGrid.Localizer,
                Amplitude = parse.GetValue(amplitude),
            };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var data = LocalizerSimulation.Generate(settings);
            var files = LocalizerSimulation.Write(data, outDir);
            foreach (string map in files.Maps) Console.WriteLine(map);
            new Terminal(parse.GetValue(quiet), "simulate").Progress(string.Create(CultureInfo.InvariantCulture,
                $"{n} maps on the {gridName} grid ({data.BrainMask.Grid.ShapeText}, {data.BrainVoxels:N0} brain voxels, {data.SupportVoxels:N0} with a true effect), seed {settings.Seed}, in {files.Directory} ({clock.Elapsed.TotalSeconds:0.00} s)"));
            return ExitCodes.Success;
        });
        return command;
    }
}
