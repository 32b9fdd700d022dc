using Ari.Thresholding;
using Ari.Reporting.Model;

namespace Ari.Reporting.Sections;

/// <summary>A thresholding as the report shows it: how the threshold was chosen, the threshold, the extent and the peak table.</summary>
/// <param name="Source">Where it comes from ("ari threshold" folder, or the report's own default).</param>
internal sealed record ThresholdOutcome(string Source, HeightControl Control, double Alpha, bool TwoSided, int Extent, double Threshold,
    int? VoxelsAbove, IReadOnlyList<Peak> Peaks, string? Command)
{
    /// <summary>The report's default: fpr p &lt; 0.001 one-sided on the z map, peaks as nilearn's get_clusters_table.</summary>
    public static ThresholdOutcome? Of(ReportData data)
    {
        if (data.Threshold is { } folder)
        {
            var s = folder.Summary;
            return new ThresholdOutcome($"ari threshold ({folder.Directory})", s.HeightControl, s.Alpha, s.TwoSided, s.ClusterExtent, s.Threshold,
                s.VoxelsAbove, folder.Peaks, s.Command);
        }
        if (data.Glm is not { } glm) return null;
        const double alpha = 0.001;
        var mask = glm.Mask is null ? Ari.Masking.BackgroundMask.Compute(glm.Z) : Ari.Masking.Mask.FromVolume(glm.Mask);
        double threshold = StatThreshold.Compute(mask.Extract<double>(glm.Z.Data), HeightControl.Fpr, alpha, 3, twoSided: false);
        var peaks = PeakTable.Compute(glm.Z, threshold);
        return new ThresholdOutcome("the report's default", HeightControl.Fpr, alpha, false, 0, threshold, null, peaks, null);
    }
}
