namespace Ari.Domain;

/// <summary>
/// What inference on a map needs besides the statistics: the hypotheses (positions 0..Count-1, e.g. the voxels of a
/// mask in mask order), which of them are adjacent (clusters are connected sets of this graph), and where each is in
/// millimetres (peaks, centres of mass). A voxel grid with 6/18/26 neighbourhoods is <see cref="GridDomain"/>; a surface
/// mesh can be another implementation.
/// </summary>
public abstract class InferenceDomain
{
    /// <summary>The number of hypotheses m.</summary>
    public abstract int Count { get; }

    /// <summary>The largest number of neighbours any position can have (the size a caller's buffer needs).</summary>
    public abstract int MaxDegree { get; }

    /// <summary>Writes the positions adjacent to <paramref name="position"/> into <paramref name="neighbours"/>; returns how many.</summary>
    public abstract int Neighbours(int position, Span<int> neighbours);

    /// <summary>Where the hypothesis at <paramref name="position"/> is, in millimetres.</summary>
    public abstract Point3 Millimetres(int position);
}
