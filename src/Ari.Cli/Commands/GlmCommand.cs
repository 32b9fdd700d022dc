using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Pipelines.Glm;
using Ari.Pipelines.Tdp;
using Ari.Glm;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari glm --maps ... [--design FILE] [--contrast EXPR] [--fwhm MM] [--mask FILE] [--dtype float32|float64] --out DIR`:
/// a second-level GLM (nilearn's SecondLevelModel, OLS) on one map per subject.
/// </summary>
internal static class GlmCommand
{
    /// <summary>Wider than any brain structure; the smoothing cost grows with the width (1e6 mm would run for minutes).</summary>
    public const double MaxFwhm = 100;

    public static Command Create()
    {
        var maps = new Option<string[]>("--maps")
        {
            Description = "Input maps, one per subject: paths or quoted glob patterns ('data/sub-*_contrast.nii.gz'). " +
                          "May be left out when --design has a 'map' column",
            AllowMultipleArgumentsPerToken = true,
        };
        var design = new Option<string?>("--design")
        {
            Description = "Design table (TSV or CSV with a header row, one row per map, in --maps order, or a 'map' column " +
                          "with paths relative to the table). Numeric columns are regressors; an intercept is added unless " +
                          "the columns already span a constant. Default: intercept only (one-sample test)",
        };
        var contrast = new Option<string?>("--contrast")
        {
            Description = "Contrast: a column name (intercept), weights (0,1,-1), an expression (age - sex, 2*a - b), " +
                          "or rows separated by ';' for an F test ('a; b'). Default: the only column of a one-column design",
        };
        var fwhm = NumberOptions.Real("--fwhm", "Gaussian smoothing of each map before masking, FWHM in mm, 0 to 100 (default: none)", new NumberRange(0, MaxFwhm, Unit: "mm"));
        var mask = new Option<string?>("--mask") { Description = "Binary mask image (default: nilearn's background mask of the mean map); on another grid it is resampled (nearest) to the maps' grid, and a note says so" };
        var output = new Option<string>("--out") { Description = "Output folder (created if needed)", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress or timing lines on stderr" };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run shard K of N (K/N, 1 ≤ K ≤ N): accumulate only this shard's maps and write their OLS statistics to " +
                          "--out/shard-K-of-N.glmstats; `ari glm combine` merges the shards into the outputs of a single run",
        };
        var dtype = ImageTypeOption.Create("the z, stat, p, effect and variance maps");

        var command = new Command("glm", "Second-level GLM (one map per subject): z, t, p, effect and variance maps, as nilearn's SecondLevelModel")
        {
            maps, design, contrast, fwhm, mask, output, quiet, dtype, shard,
        };
        command.Add(CreateCombine());
        command.SetAction(parse =>
        {
            var terminal = new Terminal(parse.GetValue(quiet), "glm");
            var patterns = parse.GetValue(maps) ?? [];
            string? designPath = parse.GetValue(design);
            if (patterns.Length == 0 && designPath is null)
                throw new UsageException("--maps: give the input maps (paths or quoted globs), or a --design table with a 'map' column");
            double? smoothing = parse.GetValue(fwhm);
            if (smoothing == 0) smoothing = null; // nilearn: fwhm 0 means no smoothing
            string? maskPath = parse.GetValue(mask) is { } m ? OptionValues.ExistingFile("--mask", m) : null;
            if (designPath is not null) OptionValues.ExistingFile("--design", designPath);
            foreach (string p in patterns) OptionValues.NonEmptyPath("--maps", p);
            string outDir = OptionValues.OutputFolder("--out", parse.GetValue(output)!);
            var mapPaths = PathPatterns.Expand("--maps", patterns);

            var request = new GlmRequest(mapPaths, designPath, parse.GetValue(contrast), smoothing, maskPath,
                outDir, CommandLineText.From(parse), ImageTypeOption.Parse(parse.GetValue(dtype)!));
            if (parse.GetValue(shard) is { } shardText)
            {
                var shardResult = GlmShardJob.Run(request, ParseShard(shardText), terminal.Log);
                Console.WriteLine($"shard      {shardResult.Shard} (maps {shardResult.FirstRow + 1}..{shardResult.FirstRow + shardResult.Rows} of {shardResult.TotalRows})");
                Console.WriteLine($"run        {shardResult.Run}");
                Console.WriteLine($"outputs    {shardResult.Path}");
                return ExitCodes.Success;
            }
            var result = GlmJob.Run(request, terminal.Log, Terminal.Note);
            PrintSummary(result);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>`ari glm combine PARTS... --out DIR`: the shards of one run merged into the outputs of a single run.</summary>
    private static Command CreateCombine()
    {
        var parts = new Argument<string[]>("parts")
        {
            Description = "Shard files (shard-K-of-N.glmstats) or folders holding them: every shard of one run",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "Output folder: the files `ari glm` writes (created if needed)", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress or timing lines on stderr" };
        var command = new Command("combine", "Merge the shards of `ari glm --shard K/N` (exactly, TSQR) into the outputs of a single run")
        {
            parts, output, quiet,
        };
        command.SetAction(parse =>
        {
            var terminal = new Terminal(parse.GetValue(quiet), "glm combine");
            var result = GlmCombineJob.Run(parse.GetValue(parts) ?? [], parse.GetValue(output)!, CommandLineText.From(parse), terminal.Log);
            PrintSummary(result);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Ari.Sharding.ShardSpec ParseShard(string text)
    {
        try { return Ari.Sharding.ShardSpec.Parse(text, "shard"); }
        catch (AriException e) { throw new UsageException(ParameterOptions.MessageOf(e)); }
    }

    private static void PrintSummary(GlmResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var model = result.Model;
        var maps = result.Maps;
        Console.WriteLine($"maps       {model.Design.RowCount} on {model.Grid.ShapeText}");
        Console.WriteLine($"design     {string.Join(", ", model.Design.Columns)}{(result.InterceptAdded ? " (intercept added)" : "")}");
        Console.WriteLine($"contrast   {maps.Contrast.Expression} ({(maps.Contrast.Type == StatType.T ? "t" : "F")} test, {maps.Dof} degrees of freedom)");
        Console.WriteLine($"mask       {maps.Mask.Count} voxels ({model.MaskSource})");
        if (maps.ZScore.Length > 0)
            Console.WriteLine(string.Create(inv, $"z          min {maps.ZScore.Min():0.####}, max {maps.ZScore.Max():0.####}"));
        Console.WriteLine($"outputs    {result.OutputDirectory}");
    }

}
