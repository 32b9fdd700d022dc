using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Ari.Cli.Cli;
using Ari.Inference;
using Ari.IO;
using Ari.Nifti;
using Spectre.Console;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari tdp`: All-Resolution Inference on clusters of a z map (nilearn's cluster_level_inference, corrected),
/// writing tdp.nii.gz, clusters.tsv and summary.json, and printing the cluster table.
/// </summary>
public static class TdpCommand
{
    private const int RowsPerThreshold = 20;

    public static Command Create()
    {
        var stat = new Option<string>("--stat") { Description = "z map (NIfTI, 3D); also forms the clusters", Required = true };
        var mask = new Option<string?>("--mask") { Description = "Mask on the z map's grid (default: nilearn's background mask of the z map)" };
        var threshold = new Option<string>("--threshold")
        {
            Description = "Cluster-forming thresholds, comma-separated (clusters of z > t)",
            DefaultValueFactory = _ => "2.5,3.5,4.5",
        };
        var alpha = new Option<double>("--alpha") { Description = "Level: the bounds hold together with probability 1 - alpha", DefaultValueFactory = _ => 0.05 };
        var connectivity = new Option<int>("--connectivity")
        {
            Description = "Voxels sharing a face (6), also an edge (18), also a corner (26; FSL, ARIbrain)",
            DefaultValueFactory = _ => 6,
        };
        var twoSided = new Option<bool>("--two-sided") { Description = "p = 2 Phi(-|z|); clusters of z > t and of z < -t (negative TDP in tdp.nii.gz)" };
        var pValues = new Option<string?>("--pvalues") { Description = "p-value map to use instead of Phi(-z) (the z map still forms clusters)" };
        var clusters = new Option<string?>("--clusters") { Description = "Integer label map (atlas or ROIs): one bound per label, instead of thresholds" };
        var output = new Option<string>("--out") { Description = "Output folder for tdp.nii.gz, clusters.tsv, summary.json", Required = true };

        var command = new Command("tdp", "True discovery proportions (lower bounds) for clusters of a z map, by All-Resolution Inference")
        {
            stat, mask, threshold, alpha, connectivity, twoSided, pValues, clusters, output,
        };
        command.SetAction(parse =>
        {
            string? regionsPath = parse.GetValue(clusters);
            if (regionsPath is not null && parse.GetResult(threshold) is { Implicit: false })
                throw new UsageException("--threshold: not used with --clusters (each label of the map is one cluster)");
            if (regionsPath is not null && parse.GetResult(connectivity) is { Implicit: false })
                throw new UsageException("--connectivity: not used with --clusters (each label of the map is one cluster)");
            var settings = new Settings(
                OptionValues.ExistingFile("--stat", parse.GetValue(stat)!),
                parse.GetValue(mask) is { } m ? OptionValues.ExistingFile("--mask", m) : null,
                regionsPath is null ? Thresholds(parse.GetValue(threshold)!, parse.GetValue(twoSided)) : [],
                OptionValues.OpenUnitInterval("--alpha", parse.GetValue(alpha)),
                OptionValues.OneOf("--connectivity", parse.GetValue(connectivity), 6, 18, 26),
                parse.GetValue(twoSided),
                parse.GetValue(pValues) is { } p ? OptionValues.ExistingFile("--pvalues", p) : null,
                regionsPath is null ? null : OptionValues.ExistingFile("--clusters", regionsPath),
                parse.GetValue(output)!);
            Run(settings, parse.GetValue(CliApp.Verbose));
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record Settings(
        string Stat, string? Mask, double[] Thresholds, double Alpha, int Connectivity, bool TwoSided,
        string? PValues, string? Regions, string Out);

    private static double[] Thresholds(string text, bool twoSided)
    {
        var values = OptionValues.ParseNumberList("--threshold", text);
        foreach (double t in values)
            if (t < 0)
                throw new UsageException(twoSided
                    ? $"--threshold: {Text(t)} is negative; with --two-sided give t >= 0 (clusters of z > t and of z < -t)"
                    : $"--threshold: {Text(t)} is negative; clusters are z > threshold (use --two-sided for negative effects)");
        return values;
    }

    private static void Run(Settings s, bool verbose)
    {
        var timer = new StepTimer(verbose ? new Terminal(false, "tdp").Log : null);
        var inputs = timer.Run("read", "Reading the images", () => ClusterLevelInputs.Load(s.Stat, s.Mask, s.PValues, s.Regions));
        var options = new ClusterLevelOptions
        {
            Connectivity = s.Connectivity,
            TwoSided = s.TwoSided,
            PValues = inputs.PValues,
            Regions = inputs.Regions,
        };
        var result = timer.Run("ari", "Computing Hommel's h and the cluster bounds",
            () => ClusterLevelInference.Compute(inputs.Stat, s.Thresholds, s.Alpha, inputs.Mask, options));

        using (var outputs = new OutputSet(s.Out))
        {
            timer.Run("write", $"Writing {s.Out}", () =>
            {
                NiftiWriter.Write(outputs, "tdp.nii.gz", result.Tdp, new NiftiWriteOptions { Descrip = "ari tdp: TDP lower bound" });
                outputs.Write("clusters.tsv", result.Clusters.WriteTsv);
            });
            var seconds = timer.Steps.Append(("total", timer.TotalSeconds)).ToList();
            outputs.Write("summary.json", stream => ClusterLevelSummary.Write(stream, result, Version(), CommandLine(),
                s.Stat, inputs.MaskSource, s.PValues, s.Regions, seconds));
            outputs.Commit();
        }
        Print(result, s);
    }

    private static void Print(ClusterLevelResult result, Settings s)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"{result.Mask.Count:N0} voxels, Hommel h = {result.HommelValue:N0}: at least {result.TrueDiscoveries:N0} true discoveries in the mask (alpha {result.Alpha})."));
        if (result.Clusters.Count == 0)
            Console.WriteLine(s.Regions is null ? "No cluster above the threshold(s)." : "No labelled voxel inside the mask.");
        else
        {
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn(new TableColumn(s.Regions is null ? "threshold" : "label"));
            if (s.Regions is null) table.AddColumn(new TableColumn("cluster").RightAligned());
            foreach (var name in new[] { "size", "true disc.", "TDP", "peak z" })
                table.AddColumn(new TableColumn(name).RightAligned());
            table.AddColumn(new TableColumn("peak (mm)").RightAligned());
            int hidden = 0;
            foreach (var group in result.Clusters.LargestFirst().GroupBy(c => c.Threshold).OrderBy(g => Math.Abs(g.Key ?? 0)).ThenByDescending(g => g.Key))
            {
                int shown = 0;
                foreach (var c in group)
                {
                    if (++shown > RowsPerThreshold) { hidden++; continue; }
                    var cells = new List<string>();
                    if (c.Threshold is { } t) cells.Add(t > 0 || (t == 0 && !double.IsNegative(t)) ? $"z > {Text(t)}" : $"z < {Text(t)}");
                    cells.Add(c.Id.ToString(inv));
                    cells.AddRange([
                        c.Size.ToString("N0", inv), c.TrueDiscoveries.ToString("N0", inv), c.Tdp.ToString("0.000", inv),
                        c.PeakStat.ToString("0.00", inv),
                        string.Create(inv, $"{c.PeakMm.X:0}, {c.PeakMm.Y:0}, {c.PeakMm.Z:0}"),
                    ]);
                    table.AddRow(cells.Select(Markup.Escape).ToArray());
                }
            }
            AnsiConsole.Write(table);
            if (hidden > 0)
                Console.WriteLine($"... and {hidden.ToString("N0", inv)} smaller clusters (at most {RowsPerThreshold} shown per threshold); all are in clusters.tsv.");
        }
        Console.WriteLine($"Wrote tdp.nii.gz, clusters.tsv and summary.json to {s.Out}");
    }

    private static string Version()
    {
        string? v = typeof(TdpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return v is null ? "unknown" : v.Split('+')[0];
    }

    private static string CommandLine() =>
        "ari " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"'{a}'" : a));

    private static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
