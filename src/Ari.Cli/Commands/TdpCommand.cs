using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Pipelines.Glm;
using Ari.Pipelines.Tdp;
using Ari.Inference;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari tdp`: All-Resolution Inference on clusters of a z map (nilearn's cluster_level_inference, corrected),
/// writing tdp.nii.gz, clusters.tsv and summary.json, and printing the cluster table.
/// </summary>
internal static class TdpCommand
{
    private const int RowsPerThreshold = 20;
    /// <summary>Each threshold costs a pass over the map and a block of the table; 100 is far more than any figure shows.</summary>
    public const int MaxThresholds = 100;

    public static Command Create()
    {
        var stat = new Option<string>("--stat") { Description = "z map (NIfTI, 3D); also forms the clusters", Required = true };
        var mask = new Option<string?>("--mask") { Description = "Mask on the z map's grid (default: nilearn's background mask of the z map)" };
        var threshold = new Option<string>("--threshold")
        {
            Description = "Cluster-forming thresholds, comma-separated (clusters of z > t)",
            DefaultValueFactory = _ => "2.5,3.5,4.5",
        };
        var alpha = NumberOptions.Real("--alpha", "Level: the bounds hold together with probability 1 - alpha", 0.05, new NumberRange(0, 1, MinOpen: true, MaxOpen: true));
        var connectivity = NumberOptions.Whole("--connectivity", "Voxels sharing a face (6), also an edge (18), also a corner (26; FSL, ARIbrain)", 6, 6, 26);
        var twoSided = new Option<bool>("--two-sided") { Description = "p = 2 Phi(-|z|); clusters of z > t and of z < -t (negative TDP in tdp.nii.gz)" };
        var pValues = new Option<string?>("--pvalues") { Description = "p-value map to use instead of Phi(-z) (the z map still forms clusters)" };
        var clusters = new Option<string?>("--clusters") { Description = "Integer label map (atlas or ROIs): one bound per label, instead of thresholds" };
        var template = new Option<string?>("--template") { Description = "template.tsv of `ari permute --tdp-template`: its calibrated critical vector replaces Simes/Hommel" };
        var compareTemplate = new Option<string?>("--compare-template") { Description = "template.tsv whose bounds are shown (and written to comparison.tsv) next to parametric ARI's, per cluster" };
        var output = new Option<string>("--out") { Description = "Output folder for tdp.nii.gz, clusters.tsv, summary.json", Required = true };
        var dtype = ImageTypeOption.Create("tdp.nii.gz (float32 holds every TDP, a ratio of counts, to 7 digits)");

        var command = new Command("tdp", "True discovery proportions (lower bounds) for clusters of a z map, by All-Resolution Inference")
        {
            stat, mask, threshold, alpha, connectivity, twoSided, pValues, clusters, template, compareTemplate, output, dtype,
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
                parse.GetValue(alpha),
                OptionValues.OneOf("--connectivity", parse.GetValue(connectivity), 6, 18, 26),
                parse.GetValue(twoSided),
                parse.GetValue(pValues) is { } p ? OptionValues.ExistingFile("--pvalues", p) : null,
                regionsPath is null ? null : OptionValues.ExistingFile("--clusters", regionsPath),
                OptionValues.OutputFolder("--out", parse.GetValue(output)!),
                CommandLineText.From(parse),
                ImageTypeOption.Parse(parse.GetValue(dtype)!),
                parse.GetValue(template) is { } tp ? OptionValues.ExistingFile("--template", tp) : null,
                parse.GetValue(compareTemplate) is { } cp ? OptionValues.ExistingFile("--compare-template", cp) : null);
            Run(settings, parse.GetValue(CliApp.Verbose));
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record Settings(
        string Stat, string? Mask, double[] Thresholds, double Alpha, int Connectivity, bool TwoSided,
        string? PValues, string? Regions, string Out, string CommandLine, Ari.Nifti.NiftiDataType ImageType, string? Template, string? CompareTemplate);

    private static double[] Thresholds(string text, bool twoSided)
    {
        var values = NumberText.ParseList("--threshold", text, MaxThresholds);
        if (values.Distinct().Count() != values.Length)
            throw new UsageException($"--threshold: a threshold is given twice in {text}");
        foreach (double t in values)
            if (t < 0)
                throw new UsageException(twoSided
                    ? $"--threshold: {Text(t)} is negative; with --two-sided give t >= 0 (clusters of z > t and of z < -t)"
                    : $"--threshold: {Text(t)} is negative; clusters are z > threshold (use --two-sided for negative effects)");
        return values;
    }

    private static void Run(Settings s, bool verbose)
    {
        var request = new TdpRequest(s.Stat, s.Mask, s.Thresholds, s.Alpha, s.Connectivity, s.TwoSided, s.PValues, s.Regions, s.Out, s.CommandLine, s.ImageType,
            s.Template, s.CompareTemplate);
        var job = TdpJob.Run(request, verbose ? new Terminal(false, "tdp").Log : null);
        ClusterTableView.Print(job.Result, labelMap: s.Regions is not null, RowsPerThreshold);
        if (job.Comparison is { } comparison) TemplateComparisonView.Print(comparison, RowsPerThreshold);
        Console.WriteLine($"Wrote tdp.nii.gz, clusters.tsv{(job.Comparison is null ? "" : ", comparison.tsv")} and summary.json to {s.Out}");
    }

    private static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
