using System.Diagnostics;
using Ari.Glm;
using Ari.IO;
using Ari.Permutation;
using Ari.Pipelines.Glm;
using Ari.Statistics;

namespace Ari.Pipelines.Permute;

/// <summary>The outcome of a permutation run or combine.</summary>
public sealed record PermuteOutcome(string OutputDirectory, PermuteRun Run, PermutationSequence? Sequence, NullMaxima Maxima,
    PermutationResult? Result, int VoxelCount, double? ThresholdT, IReadOnlyList<(string Step, double Seconds)> Seconds, IReadOnlyList<string> Warnings)
{
    /// <summary>The calibrated TDP template (`--tdp-template`), or null.</summary>
    public Calibration.TdpTemplate? Template { get; init; }
}

/// <summary>
/// `ari permute` as library calls: resolve maps and design as `ari glm` does, split the contrast as nilearn's
/// non_parametric_inference, keep the masked smoothed data, run the permutation sequence (or one shard of it),
/// and write the output folder (<see cref="PermuteFolder"/>) or a shard folder (<see cref="ShardFolder"/>).
/// <see cref="Combine"/> merges shard folders into the very files a single run writes.
/// </summary>
public static class PermuteJob
{
    /// <summary>Runs `ari permute` (or one shard of it with <see cref="PermuteRequest.Shard"/>) and writes its output folder.</summary>
    /// <param name="request">Inputs, design, contrast, permutations, measures and output folder.</param>
    /// <param name="log">Receives human-readable progress messages, one line each.</param>
    /// <param name="progress">Called with (assignments done, assignments in the block) after each batch.</param>
    /// <param name="cancel">Stops the run between batches (the output set is then not committed).</param>
    public static PermuteOutcome Run(PermuteRequest request, Action<string>? log = null, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        var total = Stopwatch.StartNew();
        var seconds = new List<(string, double)>();
        var warnings = new List<string>();
        if (request.Permutations < 1) throw new AriException($"--n-perm: must be at least 1, got {request.Permutations}");
        var glmRequest = new GlmRequest(request.Maps, request.DesignPath, request.Contrast, request.SmoothingFwhm, request.MaskPath, request.OutputDirectory, request.Command);
        var (maps, table, _, _) = GlmJob.ResolveInputs(glmRequest, log);
        var design = table?.Design ?? DesignMatrix.Intercept(maps.Count);
        var contrast = request.Contrast is null ? Contrast.Default(design) : Contrast.Parse(request.Contrast, design);
        if (contrast.Type != StatType.T)
            throw new AriException($"--contrast: '{contrast.Expression}' is an F contrast ({contrast.RowCount} rows); permutations test a single t contrast");
        var split = PermutationDesign.From(design, contrast);

        PermutationSequence sequence;
        string? flipsSha = null;
        if (request.FlipsPath is not null)
        {
            var flips = PermutationTable.Read(request.FlipsPath, split.Kind, maps.Count);
            warnings.AddRange(flips.Warnings);
            sequence = flips.Sequence;
            flipsSha = FileFingerprint.Of(request.FlipsPath).Sha256;
        }
        else sequence = PermutationSequence.Create(split, request.Permutations, request.Seed);

        double? thresholdP = request.ClusterThresholdP ?? (request.ClusterThresholdZ is { } z ? (request.TwoSided ? 2 : 1) * Normal.Sf(z) : null);
        if (thresholdP is { } tp && !(tp > 0 && tp < 1))
            throw new AriException(request.ClusterThresholdZ is not null ? $"--cluster-z: {request.ClusterThresholdZ} gives p = {tp}, outside (0, 1)" : $"--cluster-threshold: must be between 0 and 1, got {tp}");
        double? thresholdT = thresholdP is { } pc ? StudentT.Isf(request.TwoSided ? pc / 2 : pc, split.Dof) : null;
        var options = new PermutationOptions(request.TwoSided, thresholdT, request.Tfce is { } mode ? new Tfce(mode) : null);

        (int First, int Count) block = (0, sequence.Count);
        if (request.Shard is { } shard)
        {
            if (shard.Count < 1 || shard.Index < 1 || shard.Index > shard.Count)
                throw new AriException($"--shard: {shard.Index}/{shard.Count} is not a shard (K/N with 1 ≤ K ≤ N)");
            if (shard.Count > sequence.Count)
                throw new AriException($"--shard: {shard.Count} shards for {sequence.Count} permutations; use at most {sequence.Count}");
            block = ShardFolder.Block(shard.Index, shard.Count, sequence.Count);
        }

        string?[] inputFiles = [.. maps, request.DesignPath, request.MaskPath, request.FlipsPath];
        OutputCollision.Refuse(inputFiles, request.OutputDirectory, ["mask.nii.gz", PermuteFolder.SummaryFile, ShardFolder.ManifestFile, NullMaximaTable.FileName, "t.nii.gz"]);
        using var outputs = new OutputSet(request.OutputDirectory) { Inputs = inputFiles };
        var fingerprints = Task.Run(() => FileFingerprint.Of(maps));
        var maskSha = request.MaskPath is null ? null : Task.Run(() => FileFingerprint.Of(request.MaskPath).Sha256);

        var watch = Stopwatch.StartNew();
        var data = PermutationData.Load(maps, request.SmoothingFwhm, maskPath: request.MaskPath, log: log);
        seconds.Add(("read_smooth_mask", watch.Elapsed.TotalSeconds));
        watch.Restart();
        var kernel = PermutedStatistics.CreateKernel(data, split);
        var neighbours = new MaskNeighbours(data.Mask);
        var observedT = kernel.ObservedT();
        seconds.Add(("prepare", watch.Elapsed.TotalSeconds));

        log?.Invoke($"{Describe(sequence, split)}{(request.Shard is { } s2 ? $"; shard {s2.Index}/{s2.Count}: permutations {block.First}-{block.First + block.Count - 1}" : "")}, " +
                    $"{data.VoxelCount} voxels{(thresholdT is { } th ? $", cluster threshold t > {th:0.####}" : "")}{(options.Tfce is { } tf ? $", TFCE {(tf.Mode == TfceMode.Stepped ? "stepped" : "exact")}" : "")}{(request.TwoSided ? ", two-sided" : "")}");
        // --tdp-template: the inference permutations' pivotal statistics are taken during the engine's own pass
        Calibration.TemplateCalibration? calibration = null;
        PermutationSequence? training = null;
        (int First, int Count) trainingBlock = default;
        string? trainFlipsSha = null;
        if (request.TdpTemplate is { } templateRequest)
        {
            calibration = Calibration.TemplateCalibration.Start(templateRequest, data.VoxelCount, split.Dof, request.TwoSided, block.First, block.Count);
            var trainingWarnings = new List<string>();
            training = calibration.TrainingSequence(split, maps.Count, sequence.Count, request.Seed, trainingWarnings);
            foreach (string w in trainingWarnings) { warnings.Add(w); log?.Invoke("warning: " + w); }
            if (training is not null)
            {
                trainingBlock = (0, training.Count);
                if (templateRequest.TrainFlipsPath is { } trainPath) trainFlipsSha = FileFingerprint.Of(trainPath).Sha256;
                if (request.Shard is { } trainShard)
                {
                    if (trainShard.Count > training.Count)
                        throw new AriException($"--shard: {trainShard.Count} shards for {training.Count} Notip training permutations; use at most {training.Count}");
                    trainingBlock = ShardFolder.Block(trainShard.Index, trainShard.Count, training.Count);
                }
            }
        }

        watch.Restart();
        var maxima = PermutationEngine.Run(kernel, split, sequence, block.First, block.Count, options, neighbours,
            done => progress?.Invoke(done, block.Count), cancel: cancel, observe: calibration is null ? null : calibration.Observe);
        double permuteSeconds = watch.Elapsed.TotalSeconds;
        seconds.Add(("permutations", permuteSeconds));
        log?.Invoke($"{block.Count} permutations in {permuteSeconds:0.000} s ({block.Count / Math.Max(permuteSeconds, 1e-9):0} per second)");

        Calibration.TdpTemplate? template = null;
        byte[]? calibrationBytes = null;
        TdpTemplateRun? templateRun = null;
        if (calibration is not null)
        {
            watch.Restart();
            var trainingKept = training is null ? null : calibration.CollectTraining(kernel, split, training, trainingBlock.First, trainingBlock.Count, cancel);
            var pieces = calibration.Pieces(trainingKept);
            var seeds = calibration.Seeds(sequence, request.Seed);
            templateRun = new TdpTemplateRun(calibration.Method, calibration.Request.Alpha, calibration.KMax, seeds, training?.Count, trainFlipsSha);
            if (request.Shard is null)
            {
                var (calibrated, templateWarnings) = Calibration.TemplateCalibration.Finish(calibration.Method, calibration.Request.Alpha, calibration.KMax,
                    data.VoxelCount, calibration.Sidedness, pieces, seeds);
                log?.Invoke($"Calibrated on {sequence.Count} permutations (K = {calibration.KMax}, {Calibration.TdpTemplate.SidednessName(calibration.Sidedness)} p-values)");
                foreach (string w in templateWarnings) { warnings.Add(w); log?.Invoke("warning: " + w); }
                template = calibrated;
            }
            else calibrationBytes = Calibration.CalibrationShardFile.Encode(pieces, data.VoxelCount);
            seconds.Add(("tdp_template", watch.Elapsed.TotalSeconds));
        }

        var inputs = fingerprints.GetAwaiter().GetResult();
        var run = PermuteRun.Describe(inputs, design, table?.Path is { } p ? Path.GetFileName(p) : "intercept only", split, contrast, request.SmoothingFwhm,
            data.MaskSource == request.MaskPath ? "given" : data.MaskSource, maskSha?.GetAwaiter().GetResult(), data.VoxelCount, sequence, request.Permutations,
            request.Seed, flipsSha, options, thresholdP, data.Grid, templateRun);

        PermutationResult? result = null;
        watch.Restart();
        if (request.Shard is { } shardSpec)
        {
            seconds.Add(("total", total.Elapsed.TotalSeconds));
            ShardFolder.Write(outputs, shardSpec.Index, shardSpec.Count, sequence.Count, maxima, observedT, data.Mask, run,
                new PermuteProvenance(request.Command, inputs, [], seconds), calibrationBytes);
        }
        else
        {
            result = PermutationResult.Compute(observedT, maxima, options, neighbours);
            seconds.Add(("p_values", watch.Elapsed.TotalSeconds));
            seconds.Add(("total", total.Elapsed.TotalSeconds));
            PermuteFolder.Write(outputs, result, data.Mask, run, new PermuteProvenance(request.Command, inputs, [], seconds));
            template?.Write(outputs, AriVersion.Current, request.Command);
        }
        outputs.Commit();
        return new PermuteOutcome(outputs.Directory, run, sequence, maxima, result, data.VoxelCount, thresholdT, seconds, warnings) { Template = template };
    }

    /// <summary>
    /// Merges the shard folders of one run (any order) into the outputs a single run writes: refuses folders of
    /// other runs (naming the folder and what differs), duplicated or missing shards, damaged files.
    /// </summary>
    public static PermuteOutcome Combine(IReadOnlyList<string> folders, string outputDirectory, string command, Action<string>? log = null)
    {
        var total = Stopwatch.StartNew();
        if (folders.Count == 0) throw new AriException("no shard folders given");
        var shards = folders.Select(ShardFolder.Read).ToList();
        var first = shards[0];
        foreach (var shard in shards.Skip(1))
        {
            if (shard.Run.Fingerprint != first.Run.Fingerprint)
                throw new AriException($"{shard.Directory}: a shard of another run than {first.Directory} (differs in: {string.Join(", ", shard.Run.Differences(first.Run))})");
            if (shard.Of != first.Of)
                throw new AriException($"{shard.Directory}: shard {shard.Index}/{shard.Of}, but {first.Directory} is shard {first.Index}/{first.Of}: the shards must come from one split");
        }
        var byIndex = new Dictionary<int, ShardFolder>();
        foreach (var shard in shards)
            if (!byIndex.TryAdd(shard.Index, shard))
                throw new AriException($"{shard.Directory}: shard {shard.Index}/{shard.Of} is also given as {byIndex[shard.Index].Directory}");
        var missing = Enumerable.Range(1, first.Of).Where(k => !byIndex.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
            throw new AriException($"missing shard{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing)} of {first.Of} (given: {string.Join(", ", shards.OrderBy(s => s.Index).Select(s => $"{s.Index} in {s.Directory}"))})");
        var ordered = byIndex.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();
        var blocks = new List<NullMaxima>();
        foreach (var shard in ordered)
        {
            var (expectedFirst, expectedCount) = ShardFolder.Block(shard.Index, shard.Of, shard.Total);
            if (shard.First != expectedFirst || shard.Size != expectedCount)
                throw new AriException($"{shard.Directory}: holds permutations {shard.First}-{shard.First + shard.Size - 1}, shard {shard.Index}/{shard.Of} should hold {expectedFirst}-{expectedFirst + expectedCount - 1}");
            var maxima = shard.ReadMaxima();
            if (maxima.First != expectedFirst || maxima.Count != expectedCount)
                throw new AriException($"{Path.Combine(shard.Directory, NullMaximaTable.FileName)}: {maxima.Count} rows from permutation {maxima.First}, expected {expectedCount} from {expectedFirst} (incomplete or damaged)");
            if (shard.TSha256 != first.TSha256 || shard.MaskSha256 != first.MaskSha256)
                throw new AriException($"{shard.Directory}: its observed t map or mask differs from {first.Directory}'s");
            blocks.Add(maxima);
        }
        var all = NullMaxima.Concatenate(blocks);
        var (t, mask) = first.ReadObserved();
        foreach (var shard in ordered.Skip(1)) shard.ReadObserved(); // checks every shard's files against its hashes
        var (options, count) = first.Run.ReadOptions();
        if (all.Count != count) throw new AriException($"the shards hold {all.Count} permutations, the run has {count}");
        var neighbours = new MaskNeighbours(mask);
        var result = PermutationResult.Compute(t, all, options, neighbours);
        var seconds = new List<(string, double)> { ("combine", total.Elapsed.TotalSeconds) };
        using var outputs = new OutputSet(outputDirectory)
        {
            Inputs = ordered.SelectMany(s => new[] { "t.nii.gz", "mask.nii.gz", ShardFolder.ManifestFile, NullMaximaTable.FileName }.Select(f => Path.Combine(s.Directory, f))),
        };
        Calibration.TdpTemplate? template = null;
        var warnings = new List<string>();
        if (first.Run.ReadTemplate() is { } templateRun)
        {
            // every shard's calibration pieces, in sequence order: the template of a single run, bit for bit
            var pieces = Calibration.CalibrationPieces.Concatenate(ordered.Select(s => s.ReadCalibration(t.Length)).ToList());
            if (pieces.SimesPivotal.Length != count)
                throw new AriException($"the shards' calibration files hold {pieces.SimesPivotal.Length} permutations, the run has {count}");
            if (templateRun.TrainingCount is int trainingCount && pieces.Training?.Permutations != trainingCount)
                throw new AriException($"the shards' calibration files hold {pieces.Training?.Permutations ?? 0} training permutations, the run has {trainingCount}");
            var (calibrated, templateWarnings) = Calibration.TemplateCalibration.Finish(templateRun.Method, templateRun.Alpha, templateRun.KMax, t.Length,
                options.TwoSided ? Ari.Inference.Calibration.Sidedness.TwoSided : Ari.Inference.Calibration.Sidedness.OneSided, pieces, templateRun.Seeds);
            foreach (string w in templateWarnings) { warnings.Add(w); log?.Invoke("warning: " + w); }
            template = calibrated;
        }
        PermuteFolder.Write(outputs, result, mask, first.Run,
            new PermuteProvenance(command, first.Inputs, ordered.Select(s => Path.GetFullPath(s.Directory)).ToArray(), seconds));
        template?.Write(outputs, AriVersion.Current, command);
        outputs.Commit();
        log?.Invoke($"Combined {ordered.Count} shards ({all.Count} permutations) into {outputs.Directory} in {total.Elapsed.TotalSeconds:0.000} s");
        return new PermuteOutcome(outputs.Directory, first.Run, null, all, result, t.Length, options.ClusterThreshold, seconds, warnings) { Template = template };
    }

    /// <summary>A one-line description of the sequence for logs, e.g. "1000 sign flips (the identity and random ones)".</summary>
    /// <param name="sequence">The run's assignments.</param>
    /// <param name="design">The split design (sign flips or row permutations).</param>
    public static string Describe(PermutationSequence sequence, PermutationDesign design) =>
        $"{sequence.Count} {(design.Kind == PermutationKind.SignFlips ? "sign flips" : "row permutations")} " +
        (sequence.Source switch
        {
            "exhaustive" => "(exhaustive: every distinct assignment)",
            "table" => "(from the --flips table)",
            _ => "(the identity and random ones)",
        });
}
