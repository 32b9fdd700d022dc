using Ari.IO;
using Ari.Masking;
using Ari.Nifti;
using Ari.Thresholding;

namespace Ari.Pipelines.Threshold;

/// <summary>What `ari threshold` is asked to do (nilearn's threshold_stats_img, then get_clusters_table).</summary>
/// <param name="Stat">The z map.</param>
/// <param name="Mask">A mask (resampled nearest to the map's grid, as nilearn); null for the background mask of the
/// map, which then only sets the voxels counted by fdr and bonferroni (nilearn does not mask the output then).</param>
/// <param name="HeightControl">fpr, fdr, bonferroni or none.</param>
/// <param name="Alpha">In (0, 1); halved when two-sided.</param>
/// <param name="Threshold">The threshold used with <see cref="HeightControl.None"/>.</param>
/// <param name="ClusterExtent">Clusters with fewer voxels are removed (0: none).</param>
/// <param name="TwoSided">Threshold |z| (alpha / 2); negative clusters too.</param>
/// <param name="OutputDirectory">Where thresholded.nii.gz, threshold.json and peaks.tsv go (created if missing).</param>
/// <param name="Command">The command line, recorded in threshold.json.</param>
/// <param name="MinDistance">Minimum distance in mm between a cluster's peaks in the table.</param>
public sealed record ThresholdRequest(
    string Stat,
    string? Mask,
    HeightControl HeightControl,
    double Alpha,
    double Threshold,
    int ClusterExtent,
    bool TwoSided,
    string OutputDirectory,
    string Command,
    double MinDistance = 8);

/// <summary>The outcome: the thresholded map, the threshold used and the peak table (also written to the folder).</summary>
/// <param name="Folder">The folder written, with its summary and peaks.</param>
/// <param name="Thresholded">The thresholded map.</param>
/// <param name="Seconds">Seconds per step ("read", "threshold", "write").</param>
public sealed record ThresholdResult(ThresholdFolder Folder, Volume<double> Thresholded, IReadOnlyList<(string Step, double Seconds)> Seconds);

/// <summary>`ari threshold` as a library call: read, compute the threshold, threshold, find peaks, write all-or-nothing.</summary>
public static class ThresholdJob
{
    /// <summary>Runs `ari threshold`: reads the map (and mask), computes the threshold, thresholds, finds the peaks and writes the folder, all or nothing.</summary>
    /// <param name="request">What to threshold and where to write it.</param>
    /// <param name="log">Progress and timing lines (null: none).</param>
    /// <exception cref="AriException">A bad alpha or extent, an unreadable or all-non-finite map, a bad mask, an empty background mask, or an output that would replace an input.</exception>
    public static ThresholdResult Run(ThresholdRequest request, Action<string>? log = null)
    {
        if (!(request.Alpha > 0 && request.Alpha < 1)) throw new AriException($"alpha: must lie between 0 and 1 (exclusive), got {request.Alpha}");
        if (request.ClusterExtent < 0) throw new AriException($"cluster extent: must be zero or more, got {request.ClusterExtent}");
        var timer = new StepTimer(log);
        var (stat, mask) = timer.Run("read", "Reading the images", () => Read(request));
        // A float32 map is compared with the threshold in float32, as numpy does (see ThresholdedMap).
        bool singlePrecision = NiftiFile.ReadHeader(request.Stat).DataType == NiftiDataType.Float32;
        var family = mask ?? BackgroundMask.Compute(stat);
        if (family.IsEmpty)
            throw AriException.For("stat", $"{request.Stat}: its background mask is empty (every voxel has the border's value); give a mask");
        var (thresholded, threshold, peaks) = timer.Run("threshold", "Thresholding and finding peaks", () =>
        {
            var statsInMask = family.Extract<double>(stat.Data);
            double t = StatThreshold.Compute(statsInMask, request.HeightControl, request.Alpha, request.Threshold, request.TwoSided);
            var map = ThresholdedMap.Apply(stat, t, request.ClusterExtent, request.TwoSided, mask, singlePrecision);
            var table = PeakTable.Compute(map, t, request.ClusterExtent, request.TwoSided, request.MinDistance, singlePrecision);
            return (map, t, table);
        });
        int maskVoxels = family.Count;
        using var outputs = new OutputSet(request.OutputDirectory) { Inputs = [request.Stat, request.Mask] };
        var summary = new ThresholdSummary(AriVersion.Current, request.Command, request.Stat, request.Mask ?? ThresholdSummary.BackgroundSource, maskVoxels,
            request.HeightControl, request.Alpha, request.TwoSided, request.ClusterExtent, threshold,
            thresholded.Data.Count(v => v != 0), peaks.Count(p => !p.IsSubPeak), request.MinDistance, timer.Steps.ToList());
        timer.Run("write", $"Writing {request.OutputDirectory}", () => ThresholdFolder.Write(outputs, thresholded, peaks, summary));
        outputs.Commit();
        return new ThresholdResult(new ThresholdFolder(outputs.Directory, summary, peaks), thresholded, timer.Steps.ToList());
    }

    private static (Volume<double> Stat, Mask? Mask) Read(ThresholdRequest request)
    {
        Volume<double> stat;
        try { stat = NiftiFile.Read(request.Stat); }
        catch (NiftiFormatException e) { throw AriException.For("stat", e.Message, e); }
        if (!Array.Exists(stat.Data, double.IsFinite))
            throw AriException.For("stat", $"{request.Stat}: the statistic map has no finite value");
        var mask = request.Mask is null ? null : Mask.Load(request.Mask, stat.Grid, "mask");
        return (stat, mask);
    }
}
