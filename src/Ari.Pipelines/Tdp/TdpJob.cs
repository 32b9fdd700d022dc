using Ari.IO;
using Ari.Nifti;

using Ari.Inference;
using Ari.Pipelines.Calibration;

namespace Ari.Pipelines.Tdp;

/// <summary>What `ari tdp` is asked to do.</summary>
/// <param name="Stat">The z map (also forms the clusters).</param>
/// <param name="Mask">A mask on the z map's grid; null for nilearn's background mask of the z map.</param>
/// <param name="Thresholds">Cluster-forming thresholds (ignored with <paramref name="Regions"/>).</param>
/// <param name="Alpha">The level in (0, 1).</param>
/// <param name="Connectivity">6, 18 or 26.</param>
/// <param name="TwoSided">p = 2 Phi(-|z|); negative clusters too.</param>
/// <param name="PValues">A p-value map replacing Phi(-z); null for none.</param>
/// <param name="Regions">An integer label map: one bound per label; null for clusters.</param>
/// <param name="OutputDirectory">Where tdp.nii.gz, clusters.tsv and summary.json go (created if missing).</param>
/// <param name="Command">The command line, recorded in summary.json.</param>
/// <param name="ImageType">Stored type of tdp.nii.gz: float64 (default) or float32 (every TDP, a ratio of counts, to 7 digits).</param>
/// <param name="Template">A template.tsv (`ari permute --tdp-template`): its critical vector replaces Simes/Hommel; null for parametric ARI.</param>
/// <param name="CompareTemplate">A template.tsv whose bounds are written next to parametric ARI's in comparison.tsv; null for none.</param>
public sealed record TdpRequest(
    string Stat,
    string? Mask,
    IReadOnlyList<double> Thresholds,
    double Alpha,
    int Connectivity,
    bool TwoSided,
    string? PValues,
    string? Regions,
    string OutputDirectory,
    string Command,
    NiftiDataType ImageType = NiftiDataType.Float64,
    string? Template = null,
    string? CompareTemplate = null);

/// <summary>The outcome of <see cref="TdpJob.Run"/>: the inference result and the seconds each step took.</summary>
public sealed record TdpResult(ClusterLevelResult Result, string OutputDirectory, IReadOnlyList<(string Step, double Seconds)> Seconds,
    TemplateComparison? Comparison = null)
{
    /// <summary>What summary.json records of the inference.</summary>
    public TdpSummary? Summary { get; init; }
}

/// <summary>
/// `ari tdp` as a library call: read the images, run <see cref="ClusterLevelInference"/>, and write tdp.nii.gz,
/// clusters.tsv and summary.json all-or-nothing.
/// </summary>
public static class TdpJob
{
    /// <summary>The files `ari tdp` writes in its output folder.</summary>
    public static readonly IReadOnlyList<string> OutputFileNames = ["tdp.nii.gz", "clusters.tsv", "summary.json"];

    public static TdpResult Run(TdpRequest request, Action<string>? log = null)
    {
        OutputCollision.Refuse([request.Stat, request.Mask, request.PValues, request.Regions], request.OutputDirectory, OutputFileNames);
        var timer = new StepTimer(log);
        var inputs = timer.Run("read", "Reading the images", () => ClusterLevelInputs.Load(request.Stat, request.Mask, request.PValues, request.Regions));
        StageTrace.Mark("tdp: read and check the images");
        var options = new ClusterLevelOptions
        {
            Connectivity = request.Connectivity,
            TwoSided = request.TwoSided,
            PValues = inputs.PValues,
            Regions = inputs.Regions,
            CriticalVector = request.Template is { } t ? TemplateVector(t, "template", inputs, request) : null,
        };
        var result = timer.Run("ari", request.Template is null ? "Computing Hommel's h and the cluster bounds" : "Computing the cluster bounds with the template",
            () => ClusterLevelInference.Compute(inputs.Stat, request.Thresholds, request.Alpha, inputs.Mask, options));
        StageTrace.Mark("tdp: (rest of the inference)");
        TemplateComparison? comparison = null;
        if (request.CompareTemplate is { } compare)
        {
            var vector = TemplateVector(compare, "compareTemplate", inputs, request);
            comparison = timer.Run("compare", "Computing the template's bounds for comparison", () =>
            {
                var parametric = options.CriticalVector is null ? result
                    : ClusterLevelInference.Compute(inputs.Stat, request.Thresholds, request.Alpha, inputs.Mask, options with { CriticalVector = null });
                var templated = ClusterLevelInference.Compute(inputs.Stat, request.Thresholds, request.Alpha, inputs.Mask, options with { CriticalVector = vector });
                return TemplateComparison.Of(parametric, templated);
            });
        }

        using (var outputs = new OutputSet(request.OutputDirectory))
        {
            timer.Run("write", $"Writing {request.OutputDirectory}", () =>
            {
                NiftiWriter.Write(outputs, TdpFolder.TdpFile, result.Tdp, new NiftiWriteOptions { Descrip = "ari tdp: TDP lower bound", DataType = request.ImageType });
                outputs.Write(TdpFolder.ClustersFile, result.Clusters.WriteTsv);
                if (comparison is not null) outputs.Write(TemplateComparison.FileName, comparison.WriteTsv);
            });
            StageTrace.Mark("tdp: write tdp.nii.gz, clusters.tsv");
            var seconds = timer.Steps.Append(("total", timer.TotalSeconds)).ToList();
            var summary = TdpSummary.Of(result, request.Command, request.Stat, inputs.MaskSource, request.PValues, request.Regions, seconds, request.Template);
            outputs.Write(TdpSummary.FileName, summary.Write);
            outputs.Commit();
            return new TdpResult(result, outputs.Directory, seconds, comparison) { Summary = summary };
        }
    }

    /// <summary>The critical vector of a template file, refused when made for another mask size, alpha or sidedness.</summary>
    private static CriticalVector TemplateVector(string path, string parameter, ClusterLevelInputs inputs, TdpRequest request) =>
        TdpTemplate.LoadVector(path, parameter, inputs.Mask.Count, request.Alpha, request.TwoSided);
}
