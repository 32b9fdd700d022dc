using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Pipelines.Threshold;
using Ari.Thresholding;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari threshold`: nilearn's threshold_stats_img (fpr, fdr, bonferroni or a given threshold, cluster extent,
/// one- or two-sided) and get_clusters_table's peak table; writes thresholded.nii.gz, threshold.json and peaks.tsv.
/// </summary>
internal static class ThresholdCommand
{
    private const int RowsShown = 30;

    public static Command Create()
    {
        var stat = new Option<string>("--stat") { Description = "z map (NIfTI, 3D)", Required = true };
        var mask = new Option<string?>("--mask") { Description = "Mask (default: nilearn's background mask of the map, which then only sets the voxel count for fdr and bonferroni)" };
        var control = new Option<string>("--height-control") { Description = "fpr (uncorrected), fdr (Benjamini-Hochberg), bonferroni, or none (use --threshold)", DefaultValueFactory = _ => "fpr" };
        var alpha = NumberOptions.Real("--alpha", "p (fpr, bonferroni) or q (fdr) level, between 0 and 1; halved when two-sided", 0.001, new NumberRange(0, 1, MinOpen: true, MaxOpen: true));
        var threshold = NumberOptions.Real("--threshold", "The z threshold itself (implies --height-control none)", new NumberRange(-1e300, 1e300));
        var extent = NumberOptions.Whole("--cluster-extent", "Remove clusters (6-connected) with fewer voxels than this", 0, 0, int.MaxValue);
        var twoSided = new Option<bool>("--two-sided") { Description = "Threshold |z| at alpha / 2; negative clusters too" };
        var output = new Option<string>("--out") { Description = "Output folder for thresholded.nii.gz, threshold.json, peaks.tsv", Required = true };
        var command = new Command("threshold", "Threshold a z map (fpr, fdr, bonferroni, cluster extent) and list its peaks, like nilearn's threshold_stats_img and get_clusters_table")
        {
            stat, mask, control, alpha, threshold, extent, twoSided, output,
        };
        command.SetAction(parse =>
        {
            string controlText = parse.GetValue(control)!;
            var height = HeightControlNames.Parse(controlText)
                ?? throw new UsageException($"--height-control: must be one of {string.Join(", ", HeightControlNames.All)}, got '{controlText}'");
            double? given = parse.GetValue(threshold);
            bool controlGiven = parse.GetResult(control) is { Implicit: false };
            if (given is not null && !controlGiven) height = HeightControl.None;
            if (given is not null && height != HeightControl.None)
                throw new UsageException($"--threshold: only used with --height-control none (the {height.Name()} threshold is computed from --alpha)");
            if (height == HeightControl.None && given is null)
                throw new UsageException("--threshold: --height-control none needs the threshold (e.g. --threshold 3.1)");
            if (given is { } g && !double.IsFinite(g)) throw new UsageException("--threshold: must be a finite number");
            double alphaValue = OptionValues.OpenUnitInterval("--alpha", parse.GetValue(alpha));
            int extentValue = parse.GetValue(extent);
            if (extentValue < 0) throw new UsageException($"--cluster-extent: must be zero or more voxels, got {extentValue}");
            var request = new ThresholdRequest(
                OptionValues.ExistingFile("--stat", parse.GetValue(stat)!),
                parse.GetValue(mask) is { } m ? OptionValues.ExistingFile("--mask", m) : null,
                height, alphaValue, given ?? 3.0, extentValue, parse.GetValue(twoSided), OptionValues.OutputFolder("--out", parse.GetValue(output)!), CommandLineText.From(parse));
            var result = ThresholdJob.Run(request, parse.GetValue(CliApp.Verbose) ? new Terminal(false, "threshold").Log : null);
            Print(result.Folder);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(ThresholdFolder folder)
    {
        var s = folder.Summary;
        string sided = s.TwoSided ? "two-sided" : "one-sided";
        string thresholdText = double.IsFinite(s.Threshold) ? Text(s.Threshold) : "inf (no voxel passes)";
        Console.WriteLine(s.HeightControl == HeightControl.None
            ? $"Threshold: {thresholdText} ({sided}, given)"
            : $"Threshold: {thresholdText} ({s.HeightControl.Name()} alpha {Text(s.Alpha)}, {sided}, {s.MaskVoxels} voxels)");
        Console.WriteLine($"{s.VoxelsAbove} voxels kept{(s.ClusterExtent > 0 ? $" (clusters of at least {s.ClusterExtent} voxels)" : "")}, {s.Clusters} clusters");
        if (folder.Peaks.Count > 0)
        {
            Console.WriteLine($"{"cluster",-8} {"x",7} {"y",7} {"z",7} {"peak stat",10} {"size mm3",10}");
            foreach (var p in folder.Peaks.Take(RowsShown))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.ClusterId,-8} {p.Mm.X,7:0.#} {p.Mm.Y,7:0.#} {p.Mm.Z,7:0.#} {p.PeakStat,10:0.00} {(p.ClusterSizeMm3 is { } mm3 ? mm3.ToString(CultureInfo.InvariantCulture) : ""),10}"));
            if (folder.Peaks.Count > RowsShown) Console.WriteLine($"... {folder.Peaks.Count - RowsShown} more rows in peaks.tsv");
        }
        Console.WriteLine($"Wrote thresholded.nii.gz, threshold.json and peaks.tsv to {folder.Directory}");
    }

    private static string Text(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
