using Ari.Inference.Calibration;
using Ari.Glm;
using Ari.Permutation;

namespace Ari.Pipelines.Calibration;

/// <summary>What `ari permute --tdp-template` asks for.</summary>
/// <param name="Method">"simes" (calibrated Simes, sanssouci/notip conventions), "pari" (pARI's) or "notip" (learned template).</param>
/// <param name="Alpha">The level the template is calibrated for.</param>
/// <param name="KMax">K; null for the default (m for simes and pari, min(m, 1000) for notip, as notip's default).</param>
/// <param name="TrainFlipsPath">Notip: a table of training sign flips; null to draw them.</param>
/// <param name="TrainPermutations">Notip: the number of training permutations to draw; null for as many as the inference ones.</param>
public sealed record TdpTemplateRequest(string Method, double Alpha = 0.05, int? KMax = null, string? TrainFlipsPath = null, int? TrainPermutations = null)
{
    public const int NotipDefaultKMax = 1000;
}

/// <summary>
/// Calibrates a critical vector from the permuted t maps of a run (<see cref="PermutedStatistics.Stream"/>): the
/// inference permutations are the run's sequence (the identity first, as pARI has it); Notip's training permutations
/// are drawn independently (seed: the run's seed + 1) or read from a table.
/// </summary>
public static class TemplateCalibration
{
    public static (TdpTemplate Template, IReadOnlyList<string> Warnings) Run(TdpTemplateRequest request, PermutationKernel kernel, PermutationDesign design,
        PermutationSequence sequence, ulong seed, bool twoSided, Action<string>? log = null, CancellationToken cancel = default)
    {
        string method = request.Method.ToLowerInvariant();
        if (method is not ("simes" or "pari" or "notip"))
            throw AriException.For("tdpTemplate", $"'{request.Method}' is not a template method (simes, pari or notip)");
        if (!(request.Alpha > 0 && request.Alpha < 1)) throw AriException.For("alpha", $"must be in (0, 1), not {request.Alpha}");
        int m = kernel.VoxelCount;
        int kMax = request.KMax ?? (method == "notip" ? Math.Min(m, TdpTemplateRequest.NotipDefaultKMax) : m);
        if (kMax < 1) throw AriException.For("kMax", $"must be at least 1, not {kMax}");
        if (kMax > m) throw AriException.For("kMax", $"{kMax} is more than the {m} voxels of the mask");
        if (method != "notip" && (request.TrainFlipsPath is not null || request.TrainPermutations is not null))
            throw AriException.For(request.TrainFlipsPath is not null ? "trainFlips" : "trainPerm", "only Notip (--tdp-template notip) learns a template from training permutations");
        var sidedness = twoSided ? Sidedness.TwoSided : Sidedness.OneSided;
        var pValues = new TStatisticPValues(design.Dof, sidedness);
        var warnings = new List<string>();

        var inference = Collect(kernel, design, sequence, kMax, method == "notip" ? kMax : 0, pValues, request.Alpha, cancel);
        log?.Invoke($"Calibrated on {sequence.Count} permutations (K = {kMax}, {TdpTemplate.SidednessName(sidedness)} p-values)");
        CalibratedTemplate calibrated;
        int? trainingCount = null;
        var seeds = new List<ulong>();
        if (sequence.Source != "table") seeds.Add(seed);
        if (method == "simes") calibrated = CalibratedSimes.FromPivotal(inference.SimesPivotal, request.Alpha, kMax, m);
        else if (method == "pari") calibrated = PariCalibration.FromSimesPivotal(inference.PariPivotal, request.Alpha, kMax, m);
        else
        {
            PermutationSequence training;
            if (request.TrainFlipsPath is { } path)
            {
                var table = PermutationTable.Read(path, design.Kind, kernel.SubjectCount, "--train-flips");
                warnings.AddRange(table.Warnings);
                training = table.Sequence;
            }
            else
            {
                ulong trainSeed = seed + 1;
                training = PermutationSequence.Create(design, request.TrainPermutations ?? sequence.Count, trainSeed);
                seeds.Add(trainSeed);
            }
            trainingCount = training.Count;
            var trained = Collect(kernel, design, training, kMax, kMax, pValues, request.Alpha, cancel);
            calibrated = JerCalibration.Calibrate(request.Alpha, LearnedTemplates.FromTraining(trained.Kept!), inference.Kept!, kMax);
            if (calibrated.FellBackToSimes)
                warnings.Add("Notip: no learned template controls the joint error rate; calibrated Simes is used instead (as notip does)");
        }
        return (TdpTemplate.From(calibrated, sidedness, seeds, trainingCount), warnings);
    }

    private static unsafe PivotalStatisticsCollector Collect(PermutationKernel kernel, PermutationDesign design, PermutationSequence sequence,
        int kMax, int kept, TStatisticPValues pValues, double alpha, CancellationToken cancel)
    {
        int v = kernel.VoxelCount;
        var collector = new PivotalStatisticsCollector(sequence.Count, v, kMax, kept, pValues, alpha);
        PermutedStatistics.Stream(kernel, design, sequence, 0, sequence.Count, (first, count, t) =>
        {
            fixed (double* start = t)
            {
                nint address = (nint)start;
                Parallel.For(0, count, a => collector.Add(first + a, new ReadOnlySpan<double>((double*)address + (long)a * v, v)));
            }
        }, cancel: cancel);
        return collector;
    }
}
