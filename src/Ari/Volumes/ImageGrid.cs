namespace Ari.Volumes;

/// <summary>
/// The sampling grid of a 3D image: its shape and the affine from voxel indices to millimetres.
/// Voxels are stored x fastest, as in NIfTI: index = i + Nx * (j + Ny * k).
/// </summary>
public sealed record ImageGrid
{
    public ImageGrid(int nx, int ny, int nz, Affine affine)
    {
        if (nx <= 0 || ny <= 0 || nz <= 0)
            throw new ArgumentOutOfRangeException(nameof(nx), $"grid dimensions must be positive, got {nx}x{ny}x{nz}");
        if ((long)nx * ny * nz > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(nx), $"grid {nx}x{ny}x{nz} has more voxels than one array can hold");
        Nx = nx; Ny = ny; Nz = nz; Affine = affine;
    }

    public int Nx { get; }
    public int Ny { get; }
    public int Nz { get; }
    public Affine Affine { get; }

    public int VoxelCount => Nx * Ny * Nz;
    public string ShapeText => $"{Nx}x{Ny}x{Nz}";

    public int Index(int i, int j, int k) => i + Nx * (j + Ny * k);

    public (int I, int J, int K) Coordinates(int index)
    {
        int i = index % Nx;
        int rest = index / Nx;
        return (i, rest % Ny, rest / Ny);
    }

    public bool Contains(int i, int j, int k) =>
        (uint)i < (uint)Nx && (uint)j < (uint)Ny && (uint)k < (uint)Nz;

    /// <summary>World (mm) coordinates of a voxel index triple.</summary>
    public Point3 VoxelToWorld(double i, double j, double k) => Affine.Apply(i, j, k);

    /// <summary>Fractional voxel coordinates of a world point.</summary>
    public Point3 WorldToVoxel(Point3 world) => Affine.Inverse().Apply(world);

    /// <summary>Same shape and an affine equal within numpy.allclose tolerances (nilearn's check).</summary>
    public bool Matches(ImageGrid other) =>
        Nx == other.Nx && Ny == other.Ny && Nz == other.Nz && Affine.IsClose(other.Affine);

    public (double X, double Y, double Z) VoxelSizes => Affine.VoxelSizes;
}
