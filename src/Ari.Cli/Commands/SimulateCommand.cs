using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Datasets.Simulation;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari simulate --out DIR`: a localizer-like data set with a known ground truth, from a seed alone.
/// The subjects' map paths go to stdout, a summary to stderr.
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var subjects = new Option<int>("--subjects", "-n")
        {
            Description = "Number of subject maps",
            DefaultValueFactory = _ => 16,
        };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (created if needed)", Required = true };
        var seed = new Option<ulong>("--seed", "-s")
        {
            Description = "Random seed; the same seed gives the same data set on any machine",
            DefaultValueFactory = _ => 1,
        };
        var grid = new Option<string>("--grid")
        {
            Description = "localizer (Brainomics 3 mm, 53x63x46) or mni2mm (MNI 2 mm, 91x109x91)",
            DefaultValueFactory = _ => "localizer",
        };
        var amplitude = new Option<double>("--amplitude")
        {
            Description = "Scales the true effects (1: peaks of +1.5 and -1.2 against unit-variance noise per subject)",
            DefaultValueFactory = _ => 1.0,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary line" };
        var command = new Command("simulate",
            "Write a simulated localizer-like data set with known ground truth: sub-NN_contrast.nii.gz, true_effect, true_support, brain_mask, participants.tsv, dataset.json")
        {
            subjects, output, seed, grid, amplitude, quiet,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(subjects);
            if (n is < 1 or > SimulationSettings.MaxSubjects)
                throw new UsageException($"--subjects: must be between 1 and {SimulationSettings.MaxSubjects}, got {n}");
            string gridName = OptionValues.OneOf("--grid", parse.GetValue(grid)!, "localizer", "mni2mm");
            var settings = new SimulationSettings
            {
                Subjects = n,
                Seed = parse.GetValue(seed),
                Grid = gridName == "mni2mm" ? SimulationGrid.Mni2mm : SimulationGrid.Localizer,
                Amplitude = OptionValues.NonNegative("--amplitude", parse.GetValue(amplitude)),
            };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var data = LocalizerSimulation.Generate(settings);
            var files = LocalizerSimulation.Write(data, parse.GetValue(output)!);
            foreach (string map in files.Maps) Console.WriteLine(map);
            new Terminal(parse.GetValue(quiet), "simulate").Progress(string.Create(CultureInfo.InvariantCulture,
                $"{n} maps on the {gridName} grid ({data.BrainMask.Grid.ShapeText}, {data.BrainVoxels:N0} brain voxels, {data.SupportVoxels:N0} with a true effect), seed {settings.Seed}, in {files.Directory} ({clock.Elapsed.TotalSeconds:0.00} s)"));
            return ExitCodes.Success;
        });
        return command;
    }
}
