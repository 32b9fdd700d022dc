using Ari.Masking;

namespace Ari.Permutation;

/// <summary>
/// The face neighbours (6-connectivity, scipy's default structure, as nilearn's permutation clusters and TFCE
/// use) of every voxel of a mask, as positions in mask order (-1 where the neighbour is outside the mask or the
/// grid). Built once per run; clusters and TFCE then work on in-mask vectors only.
/// </summary>
public sealed class MaskNeighbours
{
    /// <summary>Entries per voxel in <see cref="Table"/>: the 6 face neighbours.</summary>
    public const int PerVoxel = 6;

    /// <summary>Builds the neighbour table of every voxel of <paramref name="mask"/> (positions in mask order).</summary>
    /// <param name="mask">The analysis mask; neighbours outside it (or outside its grid) are -1.</param>
    public MaskNeighbours(Mask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var grid = mask.Grid;
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        var position = new int[grid.VoxelCount];
        Array.Fill(position, -1);
        var indices = mask.Indices;
        for (int p = 0; p < indices.Length; p++) position[indices[p]] = p;
        Table = new int[indices.Length * PerVoxel];
        int plane = nx * ny;
        for (int p = 0; p < indices.Length; p++)
        {
            int g = indices[p];
            int i = g % nx, j = g / nx % ny, k = g / plane;
            int o = p * PerVoxel;
            Table[o + 0] = i > 0 ? position[g - 1] : -1;
            Table[o + 1] = j > 0 ? position[g - nx] : -1;
            Table[o + 2] = k > 0 ? position[g - plane] : -1;
            Table[o + 3] = i < nx - 1 ? position[g + 1] : -1;
            Table[o + 4] = j < ny - 1 ? position[g + nx] : -1;
            Table[o + 5] = k < nz - 1 ? position[g + plane] : -1;
        }
        VoxelCount = indices.Length;
    }

    /// <summary>The number of voxels in the mask (the length of the in-mask vectors).</summary>
    public int VoxelCount { get; }

    /// <summary>Neighbours of position p at [6p, 6p + 6): -x, -y, -z (earlier in scan order), then +x, +y, +z.</summary>
    public int[] Table { get; }
}
