using System.Text;
using Ari.Reporting.Model;

namespace Ari.Reporting.Sections;

/// <summary>One section of a report page: its anchor, its name in the navigation, whether it has something to show, and its HTML.</summary>
internal abstract class ReportSection
{
    /// <summary>The section's id (the page's anchor).</summary>
    public abstract string Id { get; }

    /// <summary>Its name in the navigation bar.</summary>
    public abstract string Title { get; }

    /// <summary>Whether the data has something for this section.</summary>
    public abstract bool Applies(ReportData data);

    /// <summary>Appends the section's HTML.</summary>
    public abstract void Write(StringBuilder html, ReportContext context);
}

/// <summary>What the sections of one page share: the data, work done once for several sections, and what goes after the main content.</summary>
internal sealed class ReportContext(ReportData data)
{
    private ThresholdOutcome? _threshold;
    private IReadOnlyList<double>? _cuts;

    public ReportData Data { get; } = data;

    /// <summary>Scripts and data appended after the page's main content (the viewer's bundle and volumes).</summary>
    public StringBuilder Trailer { get; } = new();

    /// <summary>Seconds per step of making the report.</summary>
    public List<(string Step, double Seconds)> Steps { get; } = [];

    /// <summary>Rows of the cluster table written.</summary>
    public int ClusterRows { get; set; }

    /// <summary>Whether the viewer is in the page.</summary>
    public bool ViewerIncluded { get; set; }

    /// <summary>The thresholding shown (an `ari threshold` folder's, else fpr p &lt; 0.001 on the z map).</summary>
    public ThresholdOutcome? Threshold => _threshold ??= ThresholdOutcome.Of(Data);

    /// <summary>The axial cuts of the map figures: where the clusters are (as nilearn's find_cut_slices on the TDP map, else the z map).</summary>
    public IReadOnlyList<double> Cuts => _cuts ??= ReportFigures.Cuts(Data);
}
