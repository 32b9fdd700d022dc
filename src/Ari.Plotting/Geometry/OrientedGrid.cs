using Ari.Imaging;

namespace Ari.Plotting.Geometry;

/// <summary>
/// A grid whose voxel axes run along the world axes (its affine is a scaled, possibly flipped, permutation),
/// seen in world order: display index d along world axis a is voxel index <see cref="VoxelIndex"/> along voxel
/// axis <see cref="VoxelAxisOf"/>(a), and sits at world coordinate <see cref="World"/>(a, d), increasing with d.
/// This is nilearn's reorder_img without resampling.
/// </summary>
internal sealed class OrientedGrid
{
    private readonly int[] _voxelAxis = new int[3];
    private readonly bool[] _flipped = new bool[3];
    private readonly double[] _step = new double[3];
    private readonly double[] _origin = new double[3];
    private readonly int[] _count = new int[3];

    private OrientedGrid(ImageGrid grid) => Grid = grid;

    public ImageGrid Grid { get; }

    /// <summary>The oriented view of a grid, or null when the grid is oblique (it needs resampling first).</summary>
    public static OrientedGrid? TryCreate(ImageGrid grid)
    {
        var a = grid.Affine;
        var oriented = new OrientedGrid(grid);
        var used = new bool[3];
        int[] shape = [grid.Nx, grid.Ny, grid.Nz];
        for (int v = 0; v < 3; v++)
        {
            double c0 = a[0, v], c1 = a[1, v], c2 = a[2, v];
            double norm = Math.Sqrt(c0 * c0 + c1 * c1 + c2 * c2);
            if (!(norm > 0) || !double.IsFinite(norm)) return null;
            int world = Math.Abs(c0) >= Math.Abs(c1) && Math.Abs(c0) >= Math.Abs(c2) ? 0 : Math.Abs(c1) >= Math.Abs(c2) ? 1 : 2;
            for (int w = 0; w < 3; w++)
                if (w != world && Math.Abs(a[w, v]) > 1e-6 * norm) return null;
            if (used[world]) return null;
            used[world] = true;
            double entry = a[world, v];
            oriented._voxelAxis[world] = v;
            oriented._flipped[world] = entry < 0;
            oriented._step[world] = Math.Abs(entry);
            oriented._count[world] = shape[v];
            oriented._origin[world] = a[world, 3] + (entry < 0 ? entry * (shape[v] - 1) : 0);
        }
        return oriented;
    }

    /// <summary>The voxel axis (0 = i, 1 = j, 2 = k) that runs along a world axis.</summary>
    public int VoxelAxisOf(WorldAxis axis) => _voxelAxis[(int)axis];

    public int Count(WorldAxis axis) => _count[(int)axis];

    /// <summary>Voxel spacing along a world axis (mm, positive).</summary>
    public double Step(WorldAxis axis) => _step[(int)axis];

    /// <summary>World coordinate of display index <paramref name="d"/> along an axis.</summary>
    public double World(WorldAxis axis, double d) => _origin[(int)axis] + d * _step[(int)axis];

    /// <summary>The world extent of voxel centres along an axis (nilearn's get_bounds), lowest first.</summary>
    public (double Min, double Max) Bounds(WorldAxis axis) => (World(axis, 0), World(axis, Count(axis) - 1));

    /// <summary>The nearest display index to a world coordinate (may be outside 0..Count-1).</summary>
    public int NearestIndex(WorldAxis axis, double world) =>
        (int)Math.Floor((world - _origin[(int)axis]) / _step[(int)axis] + 0.5);

    /// <summary>The voxel index along the grid's own axis for a display index.</summary>
    public int VoxelIndex(WorldAxis axis, int d) => _flipped[(int)axis] ? _count[(int)axis] - 1 - d : d;

    /// <summary>Whether a world coordinate lies within half a voxel of the grid's voxel centres along an axis.</summary>
    public bool Covers(WorldAxis axis, double world)
    {
        var (min, max) = Bounds(axis);
        double half = 0.5 * Step(axis);
        return world >= min - half && world <= max + half;
    }

    /// <summary>
    /// The 2D cut at display index <paramref name="index"/> across <paramref name="cut"/>, in screen order:
    /// row 0 is the top (highest vertical world coordinate), columns increase with the horizontal world axis.
    /// </summary>
    public T[] Slice<T>(ReadOnlySpan<T> data, WorldAxis cut, int index, out int width, out int height)
        where T : unmanaged
    {
        var (h, v) = cut.ScreenAxes();
        width = Count(h);
        height = Count(v);
        var result = new T[width * height];
        int[] strides = [1, Grid.Nx, Grid.Nx * Grid.Ny];
        int baseOffset = VoxelIndex(cut, index) * strides[VoxelAxisOf(cut)];
        int hStride = strides[VoxelAxisOf(h)], vStride = strides[VoxelAxisOf(v)];
        for (int row = 0; row < height; row++)
        {
            int dv = height - 1 - row;
            int rowOffset = baseOffset + VoxelIndex(v, dv) * vStride;
            for (int col = 0; col < width; col++)
                result[row * width + col] = data[rowOffset + VoxelIndex(h, col) * hStride];
        }
        return result;
    }

    /// <summary>
    /// The grid of one cut as a 3D grid one voxel thick (same affine, shifted to the cut): what a stat map is
    /// resampled onto to draw it over this grid's cut.
    /// </summary>
    public ImageGrid CutGrid(WorldAxis cut, int index)
    {
        int axis = VoxelAxisOf(cut);
        int voxel = VoxelIndex(cut, index);
        int[] shape = [Grid.Nx, Grid.Ny, Grid.Nz];
        shape[axis] = 1;
        double[] shift = [0, 0, 0];
        shift[axis] = voxel;
        var a = Grid.Affine;
        var shifted = a with
        {
            M03 = a.M03 + a.M00 * shift[0] + a.M01 * shift[1] + a.M02 * shift[2],
            M13 = a.M13 + a.M10 * shift[0] + a.M11 * shift[1] + a.M12 * shift[2],
            M23 = a.M23 + a.M20 * shift[0] + a.M21 * shift[1] + a.M22 * shift[2],
        };
        return new ImageGrid(shape[0], shape[1], shape[2], shifted);
    }
}
