using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Permutation;
using Ari.Pipelines.Permute;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari permute`: permutation inference (nilearn's non_parametric_inference, FSL randomise): max-T, cluster size
/// and mass, TFCE; exhaustive when small; shards (`--shard K/N`) and `ari permute combine`.
/// </summary>
internal static class PermuteCommand
{
    public static Command Create()
    {
        var maps = new Option<string[]>("--maps")
        {
            Description = "Input maps, one per subject: paths or quoted glob patterns. May be left out when --design has a 'map' column",
            AllowMultipleArgumentsPerToken = true,
        };
        var design = new Option<string?>("--design") { Description = "Design table (as `ari glm`). Default: intercept only (one-sample test, sign flips)" };
        var contrast = new Option<string?>("--contrast") { Description = "One t contrast (a column, weights or an expression); the columns it does not weigh are confounds. Default: the only column" };
        var fwhm = NumberOptions.Real("--fwhm", "Gaussian smoothing of each map, FWHM in mm, 0 to 100 (default: none)", new NumberRange(0, GlmCommand.MaxFwhm, Unit: "mm"));
        var mask = new Option<string?>("--mask") { Description = "Mask image (default: nilearn's background mask of the mean map)" };
        var nPerm = NumberOptions.Whole("--n-perm", "Number of permutations, the identity included; every distinct assignment when there are at most this many", 10000, 1, 100_000_000);
        var seed = NumberOptions.Seed("--seed", "Seed of the random assignments (Ari's xoshiro256**; the same on every machine)", 0UL);
        var twoSided = new Option<bool>("--two-sided") { Description = "Test |t| (positive and negative effects), as nilearn's two_sided_test" };
        var clusterP = NumberOptions.Real("--cluster-threshold", "Cluster-forming threshold as an uncorrected p-value (nilearn's threshold), e.g. 0.001: cluster size and mass FWE p-values",
            new NumberRange(0, 1, MinOpen: true, MaxOpen: true));
        var clusterZ = NumberOptions.Real("--cluster-z", "Cluster-forming threshold as a z value (converted to its p-value, then to t)", new NumberRange(-100, 100));
        var tfce = new Option<string?>("--tfce") { Description = "TFCE (E 0.5, H 2, face connectivity): 'stepped' (default; nilearn's 100 steps) or 'exact' (the integral over all heights)", Arity = ArgumentArity.ZeroOrOne };
        var flips = new Option<string?>("--flips") { Description = "A table of assignments, one row per permutation: +1/-1 per map (sign flips) or row indices 0..n-1 (row permutations)" };
        var shard = new Option<string?>("--shard") { Description = "Compute only block K of N of the permutation sequence (K/N) and write a shard folder for `ari permute combine`" };
        var output = new Option<string>("--out") { Description = "Output folder (created if needed)", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress or timing lines on stderr" };
        var tdpTemplate = new Option<string?>("--tdp-template") { Description = "Also calibrate a critical vector for permutation-based TDP (template.tsv/json for `ari tdp --template`): simes (calibrated Simes, sanssouci), pari or notip (learned template)" };
        var kMax = NumberOptions.Whole("--k-max", "Length K of the template, at least 1 (default: every voxel for simes and pari, 1000 for notip)", 1, int.MaxValue);
        var trainFlips = new Option<string?>("--train-flips") { Description = "Notip: a table of training sign flips (default: drawn with seed + 1)" };
        var trainPerm = NumberOptions.Whole("--train-perm", "Notip: the number of training permutations to draw (default: as many as --n-perm)", 1, 10_000_000);
        var alpha = NumberOptions.Real("--alpha", "Level the TDP template is calibrated for, between 0 and 1", 0.05, new NumberRange(0, 1, MinOpen: true, MaxOpen: true));

        var command = new Command("permute", "Permutation inference: FWE p-values from max-T, cluster size and mass, TFCE (as nilearn's non_parametric_inference)")
        {
            maps, design, contrast, fwhm, mask, nPerm, seed, twoSided, clusterP, clusterZ, tfce, flips, shard, output, quiet,
            tdpTemplate, kMax, trainFlips, trainPerm, alpha,
        };
        command.Subcommands.Add(CombineCommand());
        command.SetAction((parse, cancel) =>
        {
            var terminal = new Terminal(parse.GetValue(quiet), "permute");
            var patterns = parse.GetValue(maps) ?? [];
            string? designPath = parse.GetValue(design);
            if (patterns.Length == 0 && designPath is null)
                throw new UsageException("--maps: give the input maps (paths or quoted globs), or a --design table with a 'map' column");
            int permutations = parse.GetValue(nPerm);
            if (permutations < 1) throw new UsageException($"--n-perm: must be a positive number of permutations, got {permutations}");
            double? smoothing = parse.GetValue(fwhm);
            if (smoothing == 0) smoothing = null;
            string? maskPath = parse.GetValue(mask) is { } m ? OptionValues.ExistingFile("--mask", m) : null;
            if (designPath is not null) OptionValues.ExistingFile("--design", designPath);
            string? flipsPath = parse.GetValue(flips) is { } fl ? OptionValues.ExistingFile("--flips", fl) : null;
            double? p = parse.GetValue(clusterP);
            double? z = parse.GetValue(clusterZ);
            if (p is not null && z is not null) throw new UsageException("--cluster-z: give either --cluster-threshold or --cluster-z, not both");
            TfceMode? tfceMode = null;
            if (parse.GetResult(tfce) is not null)
                tfceMode = (parse.GetValue(tfce) ?? "stepped").ToLowerInvariant() switch
                {
                    "stepped" => TfceMode.Stepped,
                    "exact" => TfceMode.Exact,
                    var other => throw new UsageException($"--tfce: '{other}' is not a TFCE mode (stepped or exact)"),
                };
            var shardSpec = parse.GetValue(shard) is { } s ? ParseShard(s) : ((int, int)?)null;
            foreach (string pattern in patterns) OptionValues.NonEmptyPath("--maps", pattern);
            string outDir = OptionValues.OutputFolder("--out", parse.GetValue(output)!);
            var mapPaths = PathPatterns.Expand("--maps", patterns);
            var request = new PermuteRequest(mapPaths, designPath, parse.GetValue(contrast), smoothing, maskPath, permutations, parse.GetValue(seed),
                parse.GetValue(twoSided), p, z, tfceMode, flipsPath, shardSpec, outDir, CommandLineText.From(parse),
                TemplateRequest(parse, tdpTemplate, kMax, trainFlips, trainPerm, alpha));
            using var bar = new ProgressLine(parse.GetValue(quiet));
            var outcome = PermuteJob.Run(request, terminal.Log, bar.Report, cancel);
            bar.Done();
            foreach (string w in outcome.Warnings) Console.Error.WriteLine($"warning: {w}");
            Print(outcome, shardSpec);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Ari.Pipelines.Calibration.TdpTemplateRequest? TemplateRequest(ParseResult parse, Option<string?> method, Option<int?> kMax,
        Option<string?> trainFlips, Option<int?> trainPerm, Option<double> alpha)
    {
        string? name = parse.GetValue(method);
        int? k = parse.GetValue(kMax);
        string? flipsPath = parse.GetValue(trainFlips);
        int? trainCount = parse.GetValue(trainPerm);
        if (name is null)
        {
            foreach (var (given, option) in new[] { (k is not null, "--k-max"), (flipsPath is not null, "--train-flips"), (trainCount is not null, "--train-perm"), (parse.GetResult(alpha) is { Implicit: false }, "--alpha") })
                if (given) throw new UsageException($"{option}: only used with --tdp-template");
            return null;
        }
        name = name.ToLowerInvariant();
        if (name is not ("simes" or "pari" or "notip")) throw new UsageException($"--tdp-template: '{name}' is not a template method (simes, pari or notip)");
        if (k is < 1) throw new UsageException($"--k-max: must be at least 1, got {k}");
        if (flipsPath is not null && trainCount is not null) throw new UsageException("--train-perm: give either --train-flips or --train-perm, not both");
        if (name != "notip" && (flipsPath is not null || trainCount is not null))
            throw new UsageException($"{(flipsPath is not null ? "--train-flips" : "--train-perm")}: only Notip (--tdp-template notip) learns a template from training permutations");
        if (trainCount is < 1) throw new UsageException($"--train-perm: must be at least 1, got {trainCount}");
        return new Ari.Pipelines.Calibration.TdpTemplateRequest(name, OptionValues.OpenUnitInterval("--alpha", parse.GetValue(alpha)), k,
            flipsPath is null ? null : OptionValues.ExistingFile("--train-flips", flipsPath), trainCount);
    }

    private static Command CombineCommand()
    {
        var folders = new Argument<string[]>("folders") { Description = "The shard folders (`ari permute --shard K/N --out FOLDER`), in any order", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Output folder: the same files a single run writes", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress or timing lines on stderr" };
        var command = new Command("combine", "Merge the shard folders of one permutation run into its outputs (bit for bit those of a single run)")
        {
            folders, output, quiet,
        };
        command.SetAction(parse =>
        {
            var terminal = new Terminal(parse.GetValue(quiet), "permute combine");
            var dirs = parse.GetValue(folders) ?? [];
            foreach (string dir in dirs) OptionValues.ExistingFolder("folders", dir);
            var outcome = PermuteJob.Combine(dirs, OptionValues.OutputFolder("--out", parse.GetValue(output)!), CommandLineText.From(parse), terminal.Log);
            Print(outcome, null);
            return ExitCodes.Success;
        });
        return command;
    }

    private static (int, int) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new UsageException($"--shard: '{text}' is not K/N (e.g. 3/8)");
        if (n < 1 || k < 1 || k > n) throw new UsageException($"--shard: {text}: K must be between 1 and N (got K = {k}, N = {n})");
        return (k, n);
    }

    private static void Print(PermuteOutcome outcome, (int, int)? shard)
    {
        var inv = CultureInfo.InvariantCulture;
        var m = outcome.Maxima;
        if (shard is { } s)
        {
            Console.WriteLine($"shard      {s.Item1}/{s.Item2}: permutations {m.First}-{m.First + m.Count - 1}");
            Console.WriteLine($"outputs    {outcome.OutputDirectory} (merge with `ari permute combine`)");
            return;
        }
        Console.WriteLine($"permutations {m.Count}{(outcome.Sequence is { } seq ? $" ({seq.Source})" : "")}");
        Console.WriteLine($"voxels     {outcome.VoxelCount}");
        Console.WriteLine(string.Create(inv, $"max t      {m.MaxT[0]:0.####} (FWE p {Fwe(m.MaxT):0.####})"));
        if (m.MaxSize is not null)
        {
            Console.WriteLine(string.Create(inv, $"max size   {m.MaxSize[0]:0} voxels at t > {outcome.ThresholdT:0.####} (FWE p {Fwe(m.MaxSize):0.####})"));
            Console.WriteLine(string.Create(inv, $"max mass   {m.MaxMass![0]:0.###} (FWE p {Fwe(m.MaxMass):0.####})"));
        }
        if (m.MaxTfce is not null) Console.WriteLine(string.Create(inv, $"max TFCE   {m.MaxTfce[0]:0.###} (FWE p {Fwe(m.MaxTfce):0.####})"));
        if (outcome.Template is { } t)
            Console.WriteLine(string.Create(inv, $"template   {t.Method}{(t.FellBackToSimes ? " (fell back to calibrated Simes)" : "")}, lambda {t.Lambda:0.######}, K {t.KMax}, t_1 {t.Thresholds[0]:0.###e+0}, t_K {t.Thresholds[^1]:0.###e+0} (template.tsv)"));
        Console.WriteLine($"outputs    {outcome.OutputDirectory}");
    }

    /// <summary>The FWE p of the observed maximum (row 0) among all maxima.</summary>
    private static double Fwe(double[] maxima) => maxima.Count(x => x >= maxima[0]) / (double)maxima.Length;

    /// <summary>A one-line progress bar on stderr (only on a terminal): done/total, permutations per second.</summary>
    private sealed class ProgressLine(bool quiet) : IDisposable
    {
        private readonly bool _enabled = !quiet && !Console.IsErrorRedirected;
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private long _last;
        private bool _drawn;

        public void Report(int done, int total)
        {
            if (!_enabled) return;
            long now = _watch.ElapsedMilliseconds;
            if (done < total && now - _last < 200) return;
            _last = now;
            int width = 30, filled = (int)((long)width * done / Math.Max(1, total));
            double rate = done / Math.Max(_watch.Elapsed.TotalSeconds, 1e-9);
            Console.Error.Write($"\r[permute] [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} permutations, {rate:0}/s ");
            _drawn = true;
        }

        public void Done()
        {
            if (_drawn) Console.Error.WriteLine();
            _drawn = false;
        }

        public void Dispose() => Done();
    }
}
