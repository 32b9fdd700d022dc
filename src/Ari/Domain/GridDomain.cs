using Ari.Masking;

namespace Ari.Domain;

/// <summary>
/// The voxels of a mask (in mask order: x fastest) with grid adjacency: 6 (faces), 18 (faces and edges) or 26
/// (faces, edges and corners). Neighbours are found on the grid through one position-of-voxel table (built on first
/// use), never stored as lists.
/// </summary>
public sealed class GridDomain : InferenceDomain
{
    private readonly (int Di, int Dj, int Dk)[] _offsets;
    private int[]? _positionOfVoxel;

    /// <summary>The voxels of <paramref name="mask"/> with the given neighbourhood.</summary>
    /// <param name="mask">The voxels tested; position n is the mask's n-th voxel (<see cref="Mask.Indices"/>).</param>
    /// <param name="connectivity">6, 18 or 26 (nilearn/scipy's default is 6; FSL and ARIbrain use 26).</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="connectivity"/> is not 6, 18 or 26.</exception>
    public GridDomain(Mask mask, int connectivity)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (connectivity is not (6 or 18 or 26))
            throw new ArgumentOutOfRangeException(nameof(connectivity), connectivity, "connectivity must be 6, 18 or 26");
        Mask = mask;
        Connectivity = connectivity;
        _offsets = MakeOffsets(connectivity);
    }

    /// <summary>The mask whose voxels are the hypotheses, in mask order.</summary>
    public Mask Mask { get; }

    /// <summary>The voxel grid of the mask (shape and voxel-to-mm affine).</summary>
    public ImageGrid Grid => Mask.Grid;

    /// <summary>6, 18 or 26.</summary>
    public int Connectivity { get; }

    /// <summary>The number of voxels in the mask (hypotheses m).</summary>
    public override int Count => Mask.Count;

    /// <summary>The connectivity (6, 18 or 26): a voxel has at most that many in-mask neighbours.</summary>
    public override int MaxDegree => _offsets.Length;

    /// <summary>The (di, dj, dk) of the neighbourhood.</summary>
    internal ReadOnlySpan<(int Di, int Dj, int Dk)> Offsets => _offsets;

    /// <summary>The grid index (x fastest) of each position.</summary>
    public ReadOnlySpan<int> VoxelIndices => Mask.Indices.AsSpan();

    /// <summary>The voxel (i, j, k) of a position.</summary>
    public (int I, int J, int K) Voxel(int position) => Grid.Coordinates(Mask.Indices[position]);

    /// <summary>The position of voxel (i, j, k), or -1 when it is outside the grid or the mask.</summary>
    public int PositionOf(int i, int j, int k) =>
        Grid.Contains(i, j, k) ? PositionOfVoxel[Grid.Index(i, j, k)] : -1;

    /// <summary>The world (scanner) coordinates in mm of the voxel at mask position <paramref name="position"/>, through the grid's affine.</summary>
    /// <param name="position">A 0-based mask position in [0, <see cref="Count"/>).</param>
    public override Point3 Millimetres(int position)
    {
        var (i, j, k) = Voxel(position);
        return Grid.VoxelToWorld(i, j, k);
    }

    /// <summary>
    /// Writes the mask positions of the in-mask grid neighbours (per <see cref="Connectivity"/>) of the voxel at
    /// <paramref name="position"/> into <paramref name="neighbours"/>; returns how many. Voxels outside the grid or the
    /// mask are skipped.
    /// </summary>
    /// <param name="position">A 0-based mask position in [0, <see cref="Count"/>).</param>
    /// <param name="neighbours">A buffer of at least <see cref="MaxDegree"/> elements.</param>
    public override int Neighbours(int position, Span<int> neighbours)
    {
        var table = PositionOfVoxel;
        var grid = Grid;
        int v = Mask.Indices[position];
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        int rest = v / nx, i = v - rest * nx, k = rest / ny, j = rest - k * ny;
        bool interior = i > 0 && j > 0 && k > 0 && i < nx - 1 && j < ny - 1 && k < nz - 1;
        int count = 0;
        foreach (var (di, dj, dk) in _offsets)
        {
            if (!interior && ((uint)(i + di) >= (uint)nx || (uint)(j + dj) >= (uint)ny || (uint)(k + dk) >= (uint)nz)) continue;
            int w = table[v + di + nx * (dj + ny * dk)];
            if (w >= 0) neighbours[count++] = w;
        }
        return count;
    }

    /// <summary>The mask position of each grid voxel, -1 outside the mask.</summary>
    private int[] PositionOfVoxel
    {
        get
        {
            if (_positionOfVoxel is { } table) return table;
            table = new int[Grid.VoxelCount];
            Array.Fill(table, -1);
            var indices = Mask.Indices;
            for (int n = 0; n < indices.Length; n++) table[indices[n]] = n;
            return _positionOfVoxel = table;
        }
    }

    private static (int, int, int)[] MakeOffsets(int connectivity)
    {
        var list = new List<(int, int, int)>(26);
        for (int dk = -1; dk <= 1; dk++)
            for (int dj = -1; dj <= 1; dj++)
                for (int di = -1; di <= 1; di++)
                {
                    int order = Math.Abs(di) + Math.Abs(dj) + Math.Abs(dk);
                    if (order == 0) continue;
                    if (connectivity == 6 && order > 1 || connectivity == 18 && order > 2) continue;
                    list.Add((di, dj, dk));
                }
        return [.. list];
    }
}
