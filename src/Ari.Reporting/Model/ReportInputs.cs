using Ari.IO;
using Ari.Masking;
using Ari.Pipelines.Glm;
using Ari.Pipelines.Permute;
using Ari.Pipelines.Tdp;
using Ari.Pipelines.Threshold;
using Ari.Plotting.Backgrounds;

namespace Ari.Reporting.Model;

/// <summary>Gathers a <see cref="ReportData"/>: from the output folders (their schema types read them), or from results in memory.</summary>
internal static class ReportInputs
{
    /// <summary>The folders of a request, read by their schema types.</summary>
    public static ReportData FromFolders(ReportRequest request)
    {
        GlmPart? glm = null;
        TdpPart? tdp = null;
        var files = new List<string>();
        if (request.GlmDirectory is not null || request.TdpDirectory is not null)
        {
            if (request.GlmDirectory is null) throw new AriException("--glm: give --glm with --tdp");
            if (request.TdpDirectory is null) throw new AriException("--tdp: give --tdp with --glm");
            var glmFolder = GlmFolder.Read(request.GlmDirectory);
            var tdpFolder = TdpFolder.Read(request.TdpDirectory);
            var z = glmFolder.ReadZScore();
            var tdpMap = tdpFolder.ReadTdp();
            if (!z.Grid.Matches(tdpMap.Grid))
                throw new AriException($"{tdpFolder.TdpPath} ({tdpMap.Grid.ShapeText}) is not on the grid of {glmFolder.ZScorePath} ({z.Grid.ShapeText}); were they made from the same analysis? (--tdp)");
            glm = new GlmPart(glmFolder.Summary, glmFolder.Design, z, glmFolder.ReadMask(), glmFolder.Directory);
            tdp = new TdpPart(tdpFolder.Summary, tdpFolder.Table(tdpMap.Grid), tdpMap, tdpFolder.Directory);
            files.AddRange(glmFolder.Files);
            files.AddRange(tdpFolder.Files);
        }
        ThresholdFolder? threshold = null;
        if (request.ThresholdDirectory is { } thresholdDirectory)
        {
            threshold = ThresholdFolder.Read(thresholdDirectory, "--threshold");
            files.AddRange(threshold.Files.Where(File.Exists));
        }
        PermuteFolder? permute = null;
        if (request.PermuteDirectory is { } permuteDirectory)
        {
            if (!Directory.Exists(permuteDirectory)) throw new AriException($"{permuteDirectory}: no such folder (--permute)");
            permute = PermuteFolder.Read(permuteDirectory, "--permute");
            files.Add(Path.Combine(permuteDirectory, PermuteFolder.SummaryFile));
            files.Add(Path.Combine(permuteDirectory, NullMaximaTable.FileName));
        }
        if (glm is null && threshold is null && permute is null && request.ClustersDirectory is null)
            throw new AriException("--glm: nothing to report: give --glm and --tdp, --threshold, --permute or --clusters");
        var (background, note) = ChooseBackground(request.BackgroundPath, glm, permute, threshold);
        if (background.Source is { } source) files.Add(source);
        return new ReportData(glm, tdp, threshold, permute, request.ClustersDirectory, background, note, request.Command, request.OutputPath,
            FileFingerprint.Of(files.Distinct().ToList()), FromMemory: false);
    }

    /// <summary>
    /// Results just computed (`ari example`): the maps, tables and summaries are taken from memory, nothing the jobs
    /// wrote is read back; the folders are only linked to.
    /// </summary>
    public static ReportData FromMemory(GlmResult glm, TdpResult tdp, ReportRequest request)
    {
        var glmSummary = glm.Summary ?? throw new ArgumentException("the GLM result has no summary (it was not written by GlmJob)", nameof(glm));
        var tdpSummary = tdp.Summary ?? throw new ArgumentException("the TDP result has no summary (it was not written by TdpJob)", nameof(tdp));
        var z = glm.Maps.ToVolume("z_score");
        var mask = glm.Maps.Mask.ToVolume();
        var maskAsDouble = new Volume<double>(mask.Grid, mask.Data.Select(v => (double)v).ToArray());
        var glmPart = new GlmPart(glmSummary, DesignRows.Of(glm.Model), z, maskAsDouble, glm.OutputDirectory);
        var tdpPart = new TdpPart(tdpSummary, tdp.Result.Clusters, tdp.Result.Tdp, tdp.OutputDirectory);
        var (background, note) = ChooseBackground(request.BackgroundPath, glmPart, null, null);
        var files = background.Source is { } source ? FileFingerprint.Of([source]) : [];
        return new ReportData(glmPart, tdpPart, null, null, null, background, note, request.Command, request.OutputPath, files, FromMemory: true);
    }

    private static (BackgroundImage Image, string? Note) ChooseBackground(string? path, GlmPart? glm, PermuteFolder? permute, ThresholdFolder? threshold)
    {
        if (path is not null)
        {
            try { return (BackgroundImage.Load(path), null); }
            catch (AriException e) { throw new AriException($"--bg: {e.Message}", e); }
        }
        const string note = "No MNI152 template was available: the maps are drawn over the analysis mask instead (give --bg FILE for an anatomy, or run 'ari fetch template').";
        Volume<double>? silhouette = glm is not null ? glm.Mask ?? glm.Z
            : permute is not null ? permute.ReadMap(PermutationMapName(permute))
            : threshold is not null ? Ari.Nifti.NiftiFile.Read(threshold.MapPath) : null;
        return silhouette is null
            ? (new BackgroundImage(new Volume<float>(new ImageGrid(1, 1, 1, Affine.Identity), [0f]), BackgroundKind.Silhouette), note)
            : (BackgroundImage.SilhouetteOf(silhouette), note);
    }

    private static string PermutationMapName(PermuteFolder permute) =>
        File.Exists(Path.Combine(permute.Directory, "mask.nii.gz")) ? "mask" : permute.Maps.First();
}
