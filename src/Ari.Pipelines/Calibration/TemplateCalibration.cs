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
    /// <summary>K for Notip when none is given (notip's default k_max); capped at m.</summary>
    public const int NotipDefaultKMax = 1000;
}

/// <summary>
/// Calibrates a critical vector from the permuted t maps of a run. The inference permutations are the run's
/// sequence (the identity first, as pARI has it) and are observed during the engine's own pass
/// (<see cref="Observe"/> as the engine's <see cref="PermutedMapObserver"/>): the maps are computed once for the
/// null maxima and the pivotal statistics. Notip's training permutations are drawn independently (seed: the run's
/// seed + 1) or read from a table, and streamed separately (they are other flips).
/// <para>
/// A shard (`--shard K/N`) observes its block of the inference sequence and computes the same block of the training
/// sequence; what it keeps (<see cref="CalibrationPieces"/>: per permutation the two pivotal statistics and, for
/// Notip, the K smallest p-values) is written beside its null maxima, and <see cref="Finish"/> on the pieces of all
/// shards put end to end gives the very template of a single run.
/// </para>
/// </summary>
public sealed class TemplateCalibration
{
    private TemplateCalibration(string method, TdpTemplateRequest request, int kMax, int voxels, Sidedness sidedness, TStatisticPValues pValues,
        int first, int count)
    {
        Method = method; Request = request; KMax = kMax; Voxels = voxels; Sidedness = sidedness; PValues = pValues; First = first;
        Inference = new PivotalStatisticsCollector(count, voxels, kMax, method == "notip" ? kMax : 0, pValues, request.Alpha);
    }

    /// <summary>"simes", "pari" or "notip".</summary>
    public string Method { get; }

    /// <summary>The request as given.</summary>
    public TdpTemplateRequest Request { get; }

    /// <summary>K (the default resolved).</summary>
    public int KMax { get; }

    /// <summary>m, the voxels of the mask.</summary>
    public int Voxels { get; }

    /// <summary>The p-values' sidedness.</summary>
    public Sidedness Sidedness { get; }

    /// <summary>How a permuted t becomes a p-value.</summary>
    public TStatisticPValues PValues { get; }

    /// <summary>The first inference permutation observed (0 for a single run).</summary>
    public int First { get; }

    /// <summary>The inference permutations' pivotal statistics (and kept p-values for Notip), for [First, First + count).</summary>
    internal PivotalStatisticsCollector Inference { get; }

    /// <summary>Checks the request and prepares to observe inference permutations [first, first + count) of a run.</summary>
    public static TemplateCalibration Start(TdpTemplateRequest request, int voxels, int dof, bool twoSided, int first, int count)
    {
        string method = Validate(request, voxels, out int kMax);
        var sidedness = twoSided ? Sidedness.TwoSided : Sidedness.OneSided;
        return new TemplateCalibration(method, request, kMax, voxels, sidedness, new TStatisticPValues(dof, sidedness), first, count);
    }

    /// <summary>The method name checked, and K (the default when not given).</summary>
    public static string Validate(TdpTemplateRequest request, int voxels, out int kMax)
    {
        string method = request.Method.ToLowerInvariant();
        if (method is not ("simes" or "pari" or "notip"))
            throw AriException.For("tdpTemplate", $"'{request.Method}' is not a template method (simes, pari or notip)");
        if (!(request.Alpha > 0 && request.Alpha < 1)) throw AriException.For("alpha", $"must be in (0, 1), not {request.Alpha}");
        kMax = request.KMax ?? (method == "notip" ? Math.Min(voxels, TdpTemplateRequest.NotipDefaultKMax) : voxels);
        if (kMax < 1) throw AriException.For("kMax", $"must be at least 1, not {kMax}");
        if (kMax > voxels) throw AriException.For("kMax", $"{kMax} is more than the {voxels} voxels of the mask");
        if (method != "notip" && (request.TrainFlipsPath is not null || request.TrainPermutations is not null))
            throw AriException.For(request.TrainFlipsPath is not null ? "trainFlips" : "trainPerm", "only Notip (--tdp-template notip) learns a template from training permutations");
        return method;
    }

    /// <summary>Takes inference permutation <paramref name="index"/> of the run (an engine observer).</summary>
    public void Observe(int index, ReadOnlySpan<double> t) => Inference.Add(index - First, t);

    /// <summary>Notip's training sequence (null for other methods): the --train-flips table or B' flips drawn with seed + 1.</summary>
    public PermutationSequence? TrainingSequence(PermutationDesign design, int subjects, int inferenceCount, ulong seed, List<string> warnings)
    {
        if (Method != "notip") return null;
        if (Request.TrainFlipsPath is { } path)
        {
            var table = PermutationTable.Read(path, design.Kind, subjects, "--train-flips");
            warnings.AddRange(table.Warnings);
            return table.Sequence;
        }
        return PermutationSequence.Create(design, Request.TrainPermutations ?? inferenceCount, seed + 1);
    }

    /// <summary>The K smallest p-values of training permutations [first, first + count) (their own pass over the data).</summary>
    public unsafe SortedNullPValues CollectTraining(PermutationKernel kernel, PermutationDesign design, PermutationSequence training, int first, int count,
        CancellationToken cancel = default)
    {
        int v = kernel.VoxelCount;
        var collector = new PivotalStatisticsCollector(count, v, KMax, KMax, PValues, Request.Alpha);
        PermutedStatistics.Stream(kernel, design, training, first, count, (start, b, t) =>
        {
            fixed (double* pointer = t)
            {
                nint address = (nint)pointer;
                Parallel.For(0, b, a => collector.Add(start + a - first, new ReadOnlySpan<double>((double*)address + (long)a * v, v)));
            }
        }, cancel: cancel);
        return collector.Kept!;
    }

    /// <summary>What this calibration keeps of its inference block (and, for Notip, of its training block).</summary>
    public CalibrationPieces Pieces(SortedNullPValues? training) =>
        new(Inference.SimesPivotal.ToArray(), Inference.PariPivotal.ToArray(), Inference.Kept, training);

    /// <summary>
    /// The template from the pieces of the whole run (blocks put end to end in sequence order).
    /// <paramref name="seeds"/>: the seeds of the flips (inference, then training), empty for tables.
    /// </summary>
    public static (TdpTemplate Template, IReadOnlyList<string> Warnings) Finish(string method, double alpha, int kMax, int voxels, Sidedness sidedness,
        CalibrationPieces pieces, IReadOnlyList<ulong> seeds)
    {
        var warnings = new List<string>();
        CalibratedTemplate calibrated;
        int? trainingCount = null;
        if (method == "simes") calibrated = CalibratedSimes.FromPivotal(pieces.SimesPivotal, alpha, kMax, voxels);
        else if (method == "pari") calibrated = PariCalibration.FromSimesPivotal(pieces.PariPivotal, alpha, kMax, voxels);
        else
        {
            var training = pieces.Training ?? throw new InvalidOperationException("Notip needs training permutations");
            trainingCount = training.Permutations;
            calibrated = JerCalibration.Calibrate(alpha, LearnedTemplates.FromTraining(training), pieces.InferenceKept!, kMax);
            if (calibrated.FellBackToSimes)
                warnings.Add("Notip: no learned template controls the joint error rate; calibrated Simes is used instead (as notip does)");
        }
        return (TdpTemplate.From(calibrated, sidedness, seeds, trainingCount), warnings);
    }

    /// <summary>The seeds a template records: the run's (unless its flips came from a table), then Notip's training seed (unless a table).</summary>
    public IReadOnlyList<ulong> Seeds(PermutationSequence sequence, ulong seed)
    {
        var seeds = new List<ulong>();
        if (sequence.Source != "table") seeds.Add(seed);
        if (Method == "notip" && Request.TrainFlipsPath is null) seeds.Add(seed + 1);
        return seeds;
    }
}

/// <summary>
/// What a calibration keeps per permutation, in sequence order: the calibrated-Simes and pARI pivotal statistics of
/// the inference permutations and, for Notip, the K smallest p-values of the inference and training permutations.
/// </summary>
/// <param name="SimesPivotal">sanssouci's pivotal statistic per inference permutation.</param>
/// <param name="PariPivotal">pARI's Simes pivotal statistic per inference permutation.</param>
/// <param name="InferenceKept">Notip: the K smallest p-values of each inference permutation (null otherwise).</param>
/// <param name="Training">Notip: the K smallest p-values of each training permutation (null otherwise).</param>
public sealed record CalibrationPieces(double[] SimesPivotal, double[] PariPivotal, SortedNullPValues? InferenceKept, SortedNullPValues? Training)
{
    /// <summary>Blocks put end to end (in sequence order).</summary>
    public static CalibrationPieces Concatenate(IReadOnlyList<CalibrationPieces> blocks)
    {
        if (blocks.Count == 0) throw new ArgumentException("no blocks", nameof(blocks));
        return new CalibrationPieces(
            blocks.SelectMany(b => b.SimesPivotal).ToArray(),
            blocks.SelectMany(b => b.PariPivotal).ToArray(),
            blocks[0].InferenceKept is null ? null : SortedNullPValues.Concatenate(blocks.Select(b => b.InferenceKept!).ToList()),
            blocks[0].Training is null ? null : SortedNullPValues.Concatenate(blocks.Select(b => b.Training!).ToList()));
    }
}
