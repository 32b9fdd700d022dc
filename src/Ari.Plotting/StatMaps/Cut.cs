using Ari.Plotting.Geometry;

namespace Ari.Plotting.StatMaps;

/// <summary>One cut of a figure: across <see cref="Axis"/> at world coordinate <see cref="Coordinate"/> (mm).</summary>
public readonly record struct Cut(WorldAxis Axis, double Coordinate)
{
    /// <summary>The label nilearn writes under the cut, e.g. "z=-24" (the coordinate truncated to an integer).</summary>
    public string Label => $"{Axis.Letter()}={Figures.PrintfFormat.I(Coordinate)}";
}
