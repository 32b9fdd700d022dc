namespace Ari.Volumes;

/// <summary>
/// The sampling grid of a 3D image: its shape and the affine from voxel indices to millimetres.
/// Voxels are stored x fastest, as in NIfTI: index = i + Nx * (j + Ny * k).
/// </summary>
public sealed record ImageGrid
{
    /// <summary>A grid of <paramref name="nx"/> x <paramref name="ny"/> x <paramref name="nz"/> voxels with the voxel-to-mm <paramref name="affine"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive, or the voxel count exceeds the largest .NET array.</exception>
    public ImageGrid(int nx, int ny, int nz, Affine affine)
    {
        if (nx <= 0 || ny <= 0 || nz <= 0)
            throw new ArgumentOutOfRangeException(nameof(nx), $"grid dimensions must be positive, got {nx}x{ny}x{nz}");
        if ((long)nx * ny * nz > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(nx), $"grid {nx}x{ny}x{nz} has more voxels than one array can hold");
        Nx = nx; Ny = ny; Nz = nz; Affine = affine;
    }

    /// <summary>Number of voxels along the first (i, x, fastest-varying) axis.</summary>
    public int Nx { get; }
    /// <summary>Number of voxels along the second (j, y) axis.</summary>
    public int Ny { get; }
    /// <summary>Number of voxels along the third (k, z, slowest-varying) axis.</summary>
    public int Nz { get; }
    /// <summary>The transform from 0-based voxel indices (i, j, k) to world millimetres (the NIfTI sform/qform; nibabel's img.affine).</summary>
    public Affine Affine { get; }

    /// <summary>Total number of voxels, Nx * Ny * Nz: the length of a volume's data buffer.</summary>
    public int VoxelCount => Nx * Ny * Nz;
    /// <summary>The shape as text, e.g. "91x109x91" (Nx, Ny, Nz), for messages.</summary>
    public string ShapeText => $"{Nx}x{Ny}x{Nz}";

    /// <summary>Flat (x-fastest, Fortran/NIfTI order) index of the 0-based voxel (i, j, k); not bounds-checked.</summary>
    public int Index(int i, int j, int k) => i + Nx * (j + Ny * k);

    /// <summary>The 0-based voxel indices (i, j, k) of a flat index: the inverse of <see cref="Index"/>.</summary>
    public (int I, int J, int K) Coordinates(int index)
    {
        int i = index % Nx;
        int rest = index / Nx;
        return (i, rest % Ny, rest / Ny);
    }

    /// <summary>True when the 0-based voxel (i, j, k) lies inside the grid.</summary>
    public bool Contains(int i, int j, int k) =>
        (uint)i < (uint)Nx && (uint)j < (uint)Ny && (uint)k < (uint)Nz;

    /// <summary>World (mm) coordinates of a voxel index triple.</summary>
    public Point3 VoxelToWorld(double i, double j, double k) => Affine.Apply(i, j, k);

    /// <summary>Fractional voxel coordinates of a world point.</summary>
    public Point3 WorldToVoxel(Point3 world) => Affine.Inverse().Apply(world);

    /// <summary>Same shape and an affine equal within numpy.allclose tolerances (nilearn's check).</summary>
    public bool Matches(ImageGrid other) =>
        Nx == other.Nx && Ny == other.Ny && Nz == other.Nz && Affine.IsClose(other.Affine);

    /// <summary>Voxel sizes in mm along the three axes (the norms of the affine's first three columns; nibabel.affines.voxel_sizes).</summary>
    public (double X, double Y, double Z) VoxelSizes => Affine.VoxelSizes;
}
