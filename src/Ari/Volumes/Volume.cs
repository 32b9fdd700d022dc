namespace Ari.Volumes;

/// <summary>
/// One 3D image: a grid and its voxel values in a flat buffer (x fastest).
/// The single currency passed between stages.
/// </summary>
public sealed class Volume<T> where T : unmanaged
{
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

    public ImageGrid Grid { get; }
    public T[] Data { get; }

    public Span<T> AsSpan() => Data;

    public ref T this[int i, int j, int k] => ref Data[Grid.Index(i, j, k)];

    public Volume<T> Clone() => new(Grid, (T[])Data.Clone());
}
