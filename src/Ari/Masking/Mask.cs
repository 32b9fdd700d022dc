using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Numerics;
using Ari.Imaging;
using Ari.Nifti;

namespace Ari.Masking;

/// <summary>
/// The voxels of a grid that are in the brain (or region): a boolean per voxel plus the in-mask voxel
/// indices in scan order (x fastest). Turns volumes into vectors of in-mask values and back.
/// </summary>
public sealed class Mask
{
    private readonly bool[] _inside;

    private Mask(ImageGrid grid, bool[] inside)
    {
        Grid = grid;
        _inside = inside;
        // Vectorized: count the non-zero flags, then jump from one to the next.
        var bytes = MemoryMarshal.AsBytes(inside.AsSpan());
        var indices = new int[bytes.Length - bytes.Count((byte)0)];
        for (int i = 0, n = 0; n < indices.Length; i++)
        {
            i += bytes[i..].IndexOfAnyExcept((byte)0);
            indices[n++] = i;
        }
        Indices = ImmutableCollectionsMarshal.AsImmutableArray(indices);
    }

    /// <summary>The grid the mask is defined on.</summary>
    public ImageGrid Grid { get; }
    /// <summary>Voxel indices in the mask, ascending.</summary>
    public ImmutableArray<int> Indices { get; }
    /// <summary>Number of voxels in the mask: the length of every in-mask vector.</summary>
    public int Count => Indices.Length;
    /// <summary>True when no voxel is in the mask.</summary>
    public bool IsEmpty => Indices.Length == 0;

    /// <summary>True when the voxel at flat index <paramref name="index"/> (x fastest) is in the mask (an index outside the grid throws <see cref="IndexOutOfRangeException"/>).</summary>
    public bool Contains(int index) => _inside[index];
    /// <summary>True when the 0-based voxel (i, j, k) is inside the grid and in the mask.</summary>
    public bool Contains(int i, int j, int k) => Grid.Contains(i, j, k) && _inside[Grid.Index(i, j, k)];

    /// <summary>A read-only view of the per-voxel flags.</summary>
    public ReadOnlySpan<bool> Flags => _inside;

    /// <summary>A mask from one flag per voxel of <paramref name="grid"/> (x fastest); the flags are copied.</summary>
    /// <exception cref="ArgumentException">The flag count differs from the grid's voxel count.</exception>
    public static Mask FromFlags(ImageGrid grid, ReadOnlySpan<bool> inside)
    {
        if (inside.Length != grid.VoxelCount)
            throw new ArgumentException($"{inside.Length} flags for a grid of {grid.VoxelCount} voxels", nameof(inside));
        return new Mask(grid, inside.ToArray());
    }

    /// <summary>As <see cref="FromFlags"/>, keeping the array (the caller gives it up: no copy of a grid of flags).</summary>
    internal static Mask FromOwnedFlags(ImageGrid grid, bool[] inside)
    {
        if (inside.Length != grid.VoxelCount)
            throw new ArgumentException($"{inside.Length} flags for a grid of {grid.VoxelCount} voxels", nameof(inside));
        return new Mask(grid, inside);
    }

    /// <summary>Voxels whose value is non-zero and finite are in the mask.</summary>
    public static Mask FromVolume<T>(Volume<T> volume) where T : unmanaged, INumberBase<T>
    {
        var inside = new bool[volume.Grid.VoxelCount];
        var data = volume.Data;
        for (int i = 0; i < inside.Length; i++)
            inside[i] = !T.IsZero(data[i]) && T.IsFinite(data[i]);
        return new Mask(volume.Grid, inside);
    }

    /// <summary>Every voxel of the grid.</summary>
    public static Mask Full(ImageGrid grid) => new(grid, Enumerable.Repeat(true, grid.VoxelCount).ToArray());

    /// <summary>
    /// Reads a mask image for use on <paramref name="expected"/>: non-zero finite voxels are in the mask;
    /// a mask on another grid is resampled by nearest neighbour (as nilearn's maskers do).
    /// Errors name <paramref name="parameter"/> and the file: unreadable, 4D, not binary, or empty on the target grid.
    /// </summary>
    public static Mask Load(string path, ImageGrid expected, string parameter) => LoadFor(path, expected, parameter).Mask;

    /// <summary>
    /// As <see cref="Load"/>, also saying whether the mask was resampled (Ari resamples the mask to the maps,
    /// where nilearn resamples the maps to the mask: the maps' values are never interpolated).
    /// </summary>
    public static LoadedMask LoadFor(string path, ImageGrid expected, string parameter)
    {
        Volume<double> image;
        try { image = NiftiFile.Read(path); }
        catch (NiftiFormatException e) { throw AriException.For(parameter, e.Message, e); }
        MaskValues.RequireBinary(image, path, parameter);
        var mask = FromVolume(image);
        bool resampled = !image.Grid.Matches(expected);
        if (resampled) mask = mask.ResampledTo(expected);
        if (mask.IsEmpty)
            throw AriException.For(parameter, $"{path}: the mask is empty{(resampled ? $" on the data's grid {expected.ShapeText} (it is on {image.Grid.ShapeText})" : "")}");
        return new LoadedMask(mask, image.Grid, resampled);
    }

    /// <summary>This mask on another grid by nearest-neighbour resampling.</summary>
    public Mask ResampledTo(ImageGrid target)
    {
        if (Grid.Matches(target)) return new Mask(target, (bool[])_inside.Clone());
        var asValues = new Volume<double>(Grid, _inside.Select(b => b ? 1.0 : 0.0).ToArray());
        var resampled = Resampling.Resample(asValues, target, Interpolation.Nearest);
        return new Mask(target, resampled.Data.Select(v => v > 0.5).ToArray());
    }

    /// <summary>The in-mask values of a volume's data, in mask order.</summary>
    public T[] Extract<T>(ReadOnlySpan<T> volumeData) where T : unmanaged
    {
        var values = new T[Indices.Length];
        Extract(volumeData, values);
        return values;
    }

    /// <summary>Copies the in-mask values of <paramref name="volumeData"/> (a whole volume, x fastest) into <paramref name="destination"/>, in mask order.</summary>
    /// <param name="volumeData">One value per grid voxel.</param>
    /// <param name="destination">At least <see cref="Count"/> values long.</param>
    /// <exception cref="ArgumentException"><paramref name="volumeData"/> does not have one value per grid voxel.</exception>
    public void Extract<T>(ReadOnlySpan<T> volumeData, Span<T> destination) where T : unmanaged
    {
        if (volumeData.Length != _inside.Length)
            throw new ArgumentException($"volume has {volumeData.Length} voxels, the mask's grid {_inside.Length}");
        var indices = Indices;
        for (int n = 0; n < indices.Length; n++) destination[n] = volumeData[indices[n]];
    }

    /// <summary>A volume holding <paramref name="values"/> (mask order) in the mask and <paramref name="outside"/> elsewhere.</summary>
    public Volume<double> Unmask(ReadOnlySpan<double> values, double outside = 0)
    {
        if (values.Length != Indices.Length)
            throw new ArgumentException($"{values.Length} values for a mask of {Indices.Length} voxels", nameof(values));
        var data = new double[_inside.Length];
        if (outside != 0) Array.Fill(data, outside);
        var indices = Indices;
        for (int n = 0; n < indices.Length; n++) data[indices[n]] = values[n];
        return new Volume<double>(Grid, data);
    }

    /// <summary>The mask as a 0/1 uint8 volume (for writing).</summary>
    public Volume<byte> ToVolume() => new(Grid, _inside.Select(b => b ? (byte)1 : (byte)0).ToArray());
}

/// <summary>A mask read from a file: the mask on the target grid, the file's own grid, and whether it was resampled.</summary>
/// <param name="Mask">The mask on the requested (maps') grid.</param>
/// <param name="SourceGrid">The grid of the mask file itself.</param>
/// <param name="Resampled">True when the file was on another grid and was resampled by nearest neighbour.</param>
public sealed record LoadedMask(Mask Mask, ImageGrid SourceGrid, bool Resampled)
{
    /// <summary>"resampled (nearest neighbour) from 64x64x40 (3x3x3 mm) to the maps' grid 53x63x46 (3x3x3 mm)", or null.</summary>
    public string? ResamplingNote => Resampled
        ? $"resampled (nearest neighbour) from {Describe(SourceGrid)} to the maps' grid {Describe(Mask.Grid)}"
        : null;

    private static string Describe(ImageGrid grid)
    {
        var (x, y, z) = grid.VoxelSizes;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{grid.ShapeText} ({x:0.##}x{y:0.##}x{z:0.##} mm)");
    }
}
