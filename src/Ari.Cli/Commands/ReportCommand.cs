using System.CommandLine;
using Ari.Cli.Cli;
using Ari.IO;
using Ari.Reporting;

namespace Ari.Cli.Commands;

/// <summary>`ari report`: one self-contained HTML page of a glm and tdp analysis.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var glm = new Option<string?>("--glm") { Description = "The folder `ari glm --out` wrote (with --tdp)" };
        var tdp = new Option<string?>("--tdp") { Description = "The folder `ari tdp --out` wrote (with --glm)" };
        var clusters = new Option<string?>("--clusters") { Description = "The folder `ari clusters --out` wrote: a TDP-clusters section with a live gamma slider (alone: a page of that section)" };
        var threshold = new Option<string?>("--threshold") { Description = "The folder `ari threshold --out` wrote: its thresholding (height control, alpha, threshold, extent) and peak table (alone or with --glm/--tdp)" };
        var permute = new Option<string?>("--permute") { Description = "The folder `ari permute --out` wrote: the FWE maps and the null distributions of the maxima (alone or with --glm/--tdp)" };
        var bg = new Option<string?>("--bg") { Description = "Anatomical background for the figures and viewer (NIfTI); default: the MNI152 template in Ari's data folder, downloaded on first use" };
        var output = new Option<string>("--out", "-o") { Description = "The HTML file to write (must end in .html; missing folders are created)", Required = true };
        var command = new Command("report", "Write one self-contained HTML report of a glm and tdp analysis (figures, cluster table, viewer, provenance)")
        {
            glm, tdp, clusters, threshold, permute, bg, output,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string outPath = OptionValues.WithExtension("--out", OptionValues.OutputFile("--out", parse.GetValue(output)!), ".html", ".htm");
            string? clustersDir = parse.GetValue(clusters) is { } c ? OptionValues.ExistingFolder("--clusters", c) : null;
            string? thresholdDir = parse.GetValue(threshold) is { } t ? OptionValues.ExistingFolder("--threshold", t) : null;
            string? permuteDir = parse.GetValue(permute) is { } p ? OptionValues.ExistingFolder("--permute", p) : null;
            string? glmDir = parse.GetValue(glm) is { } g ? OptionValues.ExistingFolder("--glm", g) : null;
            string? tdpDir = parse.GetValue(tdp) is { } d ? OptionValues.ExistingFolder("--tdp", d) : null;
            if (glmDir is null && tdpDir is null && clustersDir is null && thresholdDir is null && permuteDir is null)
                throw new UsageException("--glm: give --glm and --tdp, or any of --threshold, --permute, --clusters");
            if (glmDir is null && tdpDir is not null) throw new UsageException("--glm: give --glm with --tdp");
            if (tdpDir is null && glmDir is not null) throw new UsageException("--tdp: give --tdp with --glm");
            IEnumerable<string> inputs = [
                .. glmDir is null ? [] : GlmFiles.Select(f => Path.Combine(glmDir, f)),
                .. tdpDir is null ? [] : TdpFiles.Select(f => Path.Combine(tdpDir, f)),
                .. clustersDir is null ? [] : FolderInputsOf(clustersDir),
                .. thresholdDir is null ? [] : FolderInputsOf(thresholdDir),
                .. permuteDir is null ? [] : FolderInputsOf(permuteDir),
            ];
            OutputCollision.Refuse([.. inputs, parse.GetValue(bg)], [outPath]);
            string? bgPath = null;
            if (glmDir is not null || thresholdDir is not null || permuteDir is not null)
                (bgPath, _) = await TemplateBackground.ResolveAsync(parse.GetValue(bg), new Terminal(false, "report"), cancel);
            var result = AnalysisReport.Build(new ReportRequest(glmDir, tdpDir, bgPath, CommandLineText.From(parse), clustersDir, outPath, thresholdDir, permuteDir));
            if (result.BackgroundNote is { } note && (glmDir is not null || permuteDir is not null)) Console.Error.WriteLine($"note: {note}");
            AtomicFile.WriteAllText(outPath, result.Html);
            long bytes = new FileInfo(outPath).Length;
            string viewer = glmDir is null ? "" : $", interactive viewer {(result.ViewerIncluded ? "included" : "unavailable (NiiVue was not installed at build time)")}";
            Console.WriteLine($"{outPath}: {bytes / 1024:N0} KB, sections {string.Join(", ", result.Sections)}{(glmDir is null ? "" : $", {result.Clusters} cluster rows")}{viewer}");
            return ExitCodes.Success;
        });
        return command;
    }


    private static readonly string[] GlmFiles = ["glm.json", "design.tsv", "z_score.nii.gz", "mask.nii.gz"];
    private static readonly string[] TdpFiles = ["summary.json", "clusters.tsv", "tdp.nii.gz"];

    private static IEnumerable<string> FolderInputsOf(string directory) =>
        Directory.EnumerateFiles(directory);
}
