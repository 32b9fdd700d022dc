namespace Ari.Volumes;

/// <summary>
/// One 3D image: a grid and its voxel values in a flat buffer (x fastest).
/// The single currency passed between stages.
/// </summary>
public sealed class Volume<T> where T : unmanaged
{
    /// <summary>Wraps <paramref name="data"/> (not copied; x fastest) as the voxel values of <paramref name="grid"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/>'s length differs from the grid's voxel count.</exception>
    public Volume(ImageGrid grid, T[] data)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != grid.VoxelCount)
            throw new ArgumentException($"data has {data.Length} values but grid {grid.ShapeText} has {grid.VoxelCount} voxels", nameof(data));
        Grid = grid;
        Data = data;
    }

    /// <summary>A volume of zeros (default values) on a grid.</summary>
    public Volume(ImageGrid grid) : this(grid, new T[grid.VoxelCount]) { }

    /// <summary>The sampling grid: shape and voxel-to-mm affine.</summary>
    public ImageGrid Grid { get; }
    /// <summary>The voxel values, one per voxel, at flat index <see cref="ImageGrid.Index"/> (x fastest); shared, not a copy.</summary>
    public T[] Data { get; }

    /// <summary>The voxel values as a span over <see cref="Data"/>.</summary>
    public Span<T> AsSpan() => Data;

    /// <summary>A reference to the value of the 0-based voxel (i, j, k); writable.</summary>
    public ref T this[int i, int j, int k] => ref Data[Grid.Index(i, j, k)];

    /// <summary>A deep copy: same grid, a copy of the data.</summary>
    public Volume<T> Clone() => new(Grid, (T[])Data.Clone());
}
