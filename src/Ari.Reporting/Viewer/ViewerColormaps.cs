using System.Globalization;
using System.Text;
using Ari.Plotting;
using Ari.Plotting.StatMaps;

namespace Ari.Reporting.Viewer;

/// <summary>
/// The viewer's colour tables, sampled from the figures' own colours (<see cref="StatMapPlot.ColorsOf"/>) so that the
/// viewer shows each value as the figures do: NiiVue colormaps of 256 nodes, node k the figure's colour of the value at
/// k / 255 of the way from the display range's near end (the threshold) to its far end.
/// </summary>
internal static class ViewerColormaps
{
    /// <summary>The values a 256-node table samples between <paramref name="near"/> (exclusive: just past it) and <paramref name="far"/>.</summary>
    public static double[] Samples(double near, double far)
    {
        var values = new double[256];
        for (int k = 0; k < 256; k++) values[k] = near + Math.Max(k, 1e-3) / 255.0 * (far - near);
        return values;
    }

    /// <summary>Colours of the samples in a figure; a sample the figure does not draw takes its neighbour's colour.</summary>
    public static uint[] Table(double dataMin, double dataMax, StatMapOptions options, double near, double far)
    {
        var colors = StatMapPlot.ColorsOf(dataMin, dataMax, options, Samples(near, far));
        for (int k = 1; k < colors.Length; k++) if (colors[k] == 0) colors[k] = colors[k - 1];
        for (int k = colors.Length - 2; k >= 0; k--) if (colors[k] == 0) colors[k] = colors[k + 1];
        return colors;
    }

    /// <summary>A table as NiiVue's colormap object: {"R":[...],"G":[...],"B":[...],"A":[...],"I":[...]}.</summary>
    public static string Json(uint[] argb)
    {
        var json = new StringBuilder(4096);
        json.Append('{');
        foreach (var (name, shift) in new[] { ("R", 16), ("G", 8), ("B", 0) })
            json.Append('"').Append(name).Append("\":[").AppendJoin(',', argb.Select(c => ((c >> shift) & 0xFF).ToString(CultureInfo.InvariantCulture))).Append("],");
        json.Append("\"A\":[").AppendJoin(',', argb.Select((_, k) => k == 0 ? "0" : "255")).Append("],");
        json.Append("\"I\":[").AppendJoin(',', Enumerable.Range(0, argb.Length).Select(k => k.ToString(CultureInfo.InvariantCulture))).Append("]}");
        return json.ToString();
    }
}
