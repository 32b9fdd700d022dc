using Ari.Imaging;

namespace Ari.Plotting.CutCoordinates;

/// <summary>
/// nilearn's largest_connected_component: scipy.ndimage.label with face connectivity, then the component with the
/// most voxels; among equally big ones the lowest label (scipy's numbering, which <see cref="ConnectedComponents"/> follows).
/// </summary>
internal static class LargestComponent
{
    /// <summary>The largest component of <paramref name="mask"/> (x fastest, shape nx, ny, nz), or an empty mask.</summary>
    public static bool[] Of(ReadOnlySpan<bool> mask, int nx, int ny, int nz)
    {
        var labels = new int[mask.Length];
        int count = ConnectedComponents.Label(nx, ny, nz, mask, labels);
        var result = new bool[mask.Length];
        if (count == 0) return result;
        var sizes = new int[count + 1];
        foreach (int label in labels) sizes[label]++;
        int best = 1;
        for (int label = 2; label <= count; label++)
            if (sizes[label] > sizes[best]) best = label;
        for (int v = 0; v < result.Length; v++) result[v] = labels[v] == best;
        return result;
    }
}
