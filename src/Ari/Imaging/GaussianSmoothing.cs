using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ari.Imaging;

/// <summary>
/// Isotropic Gaussian smoothing in millimetres, as nilearn 0.10.3 smooths images: non-finite values become 0,
/// then one <c>scipy.ndimage.gaussian_filter1d</c> pass per axis (truncated at 4 sigma, 'reflect' boundary,
/// i.e. half-sample symmetric), with sigma = FWHM / sqrt(8 ln 2) / voxel size, the voxel size being the norm
/// of the affine's column for that axis.
/// Arithmetic matches scipy's: each output value is accumulated in double (centre first, then symmetric pairs
/// from the outermost inwards) and stored in the volume's own type after every pass, so float32 volumes give
/// the same float32 values as scipy on float32 arrays.
/// </summary>
public static class GaussianSmoothing
{
    /// <summary>Standard deviations per FWHM: sqrt(8 ln 2).</summary>
    public static readonly double FwhmOverSigma = Math.Sqrt(8 * Math.Log(2));

    /// <summary>scipy's default truncation of the kernel, in standard deviations.</summary>
    public const double Truncate = 4.0;

    /// <summary>Per-axis sigma in voxels for an isotropic FWHM in mm on a grid (nilearn's formula).</summary>
    public static (double X, double Y, double Z) SigmaInVoxels(ImageGrid grid, double fwhmMm) =>
        SigmaInVoxels(grid, (fwhmMm, fwhmMm, fwhmMm));

    /// <summary>Per-axis sigma in voxels for a FWHM in mm given per axis (0 = no smoothing along that axis).</summary>
    public static (double X, double Y, double Z) SigmaInVoxels(ImageGrid grid, (double X, double Y, double Z) fwhmMm)
    {
        ArgumentNullException.ThrowIfNull(grid);
        CheckFwhm(fwhmMm.X); CheckFwhm(fwhmMm.Y); CheckFwhm(fwhmMm.Z);
        var (vx, vy, vz) = grid.VoxelSizes;
        return (fwhmMm.X / (FwhmOverSigma * vx), fwhmMm.Y / (FwhmOverSigma * vy), fwhmMm.Z / (FwhmOverSigma * vz));
    }

    /// <summary>A smoothed copy of a float32 volume (FWHM in mm, the same along every axis).</summary>
    public static Volume<float> Smooth(Volume<float> volume, double fwhmMm)
    {
        var copy = volume.Clone();
        SmoothInPlace(copy, fwhmMm);
        return copy;
    }

    /// <summary>A smoothed copy of a float64 volume (FWHM in mm, the same along every axis).</summary>
    public static Volume<double> Smooth(Volume<double> volume, double fwhmMm)
    {
        var copy = volume.Clone();
        SmoothInPlace(copy, fwhmMm);
        return copy;
    }

    /// <summary>A smoothed copy with a FWHM in mm per axis.</summary>
    public static Volume<float> Smooth(Volume<float> volume, (double X, double Y, double Z) fwhmMm)
    {
        var copy = volume.Clone();
        SmoothVoxels(copy.Data, copy.Grid, SigmaInVoxels(copy.Grid, fwhmMm));
        return copy;
    }

    /// <summary>A smoothed copy with a FWHM in mm per axis.</summary>
    public static Volume<double> Smooth(Volume<double> volume, (double X, double Y, double Z) fwhmMm)
    {
        var copy = volume.Clone();
        SmoothVoxels(copy.Data, copy.Grid, SigmaInVoxels(copy.Grid, fwhmMm));
        return copy;
    }

    /// <summary>Smooths a float32 volume in place with an isotropic FWHM in mm (0: no smoothing); non-finite values become 0 first, as in nilearn's smooth_img.</summary>
    public static void SmoothInPlace(Volume<float> volume, double fwhmMm) =>
        SmoothVoxels(volume.Data, volume.Grid, SigmaInVoxels(volume.Grid, fwhmMm));

    /// <summary>Smooths a float64 volume in place with an isotropic FWHM in mm (0: no smoothing); non-finite values become 0 first, as in nilearn's smooth_img.</summary>
    public static void SmoothInPlace(Volume<double> volume, double fwhmMm) =>
        SmoothVoxels(volume.Data, volume.Grid, SigmaInVoxels(volume.Grid, fwhmMm));

    /// <summary>Smooths voxel data in place with sigma given in voxels per axis (0 skips an axis).</summary>
    public static void SmoothVoxels(Span<float> data, ImageGrid grid, (double X, double Y, double Z) sigma) =>
        SmoothVoxels<float>(data, grid, sigma);

    /// <summary>Smooths voxel data in place with sigma given in voxels per axis (0 skips an axis).</summary>
    public static void SmoothVoxels(Span<double> data, ImageGrid grid, (double X, double Y, double Z) sigma) =>
        SmoothVoxels<double>(data, grid, sigma);

    /// <summary>
    /// scipy's Gaussian weights for a sigma in voxels: radius int(4 sigma + 0.5), exp(-x^2 / (2 sigma^2))
    /// normalised by their (numpy pairwise) sum. Index 0 is -radius.
    /// </summary>
    public static double[] Kernel(double sigma)
    {
        if (!(sigma > 0) || !double.IsFinite(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), "sigma must be positive and finite");
        double reach = Truncate * sigma + 0.5;
        if (reach > 1 << 20)
            throw new ArgumentOutOfRangeException(nameof(sigma), "sigma is too large for a smoothing kernel");
        int radius = (int)reach;
        var weights = new double[2 * radius + 1];
        double factor = -0.5 / (sigma * sigma);
        for (int x = -radius; x <= radius; x++)
            weights[x + radius] = Math.Exp(factor * (double)(x * x));
        double sum = PairwiseSum(weights);
        for (int i = 0; i < weights.Length; i++) weights[i] /= sum;
        return weights;
    }

    private static void CheckFwhm(double fwhm)
    {
        if (!(fwhm >= 0) || !double.IsFinite(fwhm))
            throw new ArgumentOutOfRangeException(nameof(fwhm), $"the FWHM must be zero or a positive number of mm, got {fwhm}");
    }

    private static void SmoothVoxels<T>(Span<T> data, ImageGrid grid, (double X, double Y, double Z) sigma)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (data.Length != grid.VoxelCount)
            throw new ArgumentException($"data has {data.Length} values but grid {grid.ShapeText} has {grid.VoxelCount} voxels", nameof(data));
        NonFinite.ToZero(data);
        var shape = new Shape(grid.Nx, grid.Ny, grid.Nz);
        unsafe
        {
            fixed (T* pointer = data)
            {
                var buffer = (nint)pointer;
                if (sigma.X > 0) FilterAxis<T>(buffer, shape, 0, Kernel(sigma.X));
                if (sigma.Y > 0) FilterAxis<T>(buffer, shape, 1, Kernel(sigma.Y));
                if (sigma.Z > 0) FilterAxis<T>(buffer, shape, 2, Kernel(sigma.Z));
            }
        }
    }

    private readonly record struct Shape(int Nx, int Ny, int Nz);

    /// <summary>
    /// One gaussian_filter1d pass along an axis, in place. Every output line is computed from a double copy of
    /// the input taken before it is overwritten. Work is split over planes (x-axis: lines; other axes: the
    /// plane spanned by x and the filtered axis), vectorised over x or along the line.
    /// </summary>
    private static unsafe void FilterAxis<T>(nint data, Shape s, int axis, double[] weights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int radius = weights.Length / 2;
        // Work items: axis 0 -> the lines of one x-y plane; axis 1 -> one x-y plane; axis 2 -> one x-z plane.
        int items = axis == 2 ? s.Ny : s.Nz;
        int length = axis switch { 0 => s.Nx, 1 => s.Ny, _ => s.Nz };
        // Reflected positions along the filtered axis, as offsets into the scratch copy (in rows for axes 1 and 2).
        var positions = new int[length + 2 * radius];
        for (int e = 0; e < positions.Length; e++) positions[e] = Reflect(e - radius, length) * (axis == 0 ? 1 : s.Nx);
        long work = (long)s.Nx * s.Ny * s.Nz * weights.Length;
        var options = new ParallelOptions { MaxDegreeOfParallelism = work < 200_000 ? 1 : Environment.ProcessorCount };
        Parallel.For(0, items, options,
            () => System.Buffers.ArrayPool<double>.Shared.Rent(axis == 0 ? 2 * length + 2 * radius : s.Nx * length + s.Nx),
            (item, _, scratch) =>
            {
                var p = (T*)data;
                if (axis == 0)
                {
                    for (int j = 0; j < s.Ny; j++)
                        FilterLine(new Span<T>(p + (long)s.Nx * (j + (long)s.Ny * item), s.Nx), scratch, positions, weights);
                }
                else
                {
                    long lineStride = axis == 1 ? s.Nx : (long)s.Nx * s.Ny;
                    long start = axis == 1 ? (long)item * s.Nx * s.Ny : (long)item * s.Nx;
                    FilterPlane(p + start, lineStride, s.Nx, length, scratch, positions, weights);
                }
                return scratch;
            },
            scratch => System.Buffers.ArrayPool<double>.Shared.Return(scratch));
    }

    /// <summary>A contiguous line: copy to an extended double buffer (reflected ends), then correlate.</summary>
    private static void FilterLine<T>(Span<T> line, double[] scratch, int[] positions, double[] weights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = line.Length, radius = weights.Length / 2;
        var extended = scratch.AsSpan(0, n + 2 * radius);
        var result = scratch.AsSpan(n + 2 * radius, n);
        for (int e = 0; e < extended.Length; e++)
            extended[e] = double.CreateTruncating(line[positions[e]]);
        Span<int> below = stackalloc int[radius], above = stackalloc int[radius];
        for (int m = radius; m >= 1; m--) { below[radius - m] = radius - m; above[radius - m] = radius + m; }
        WeightedSum(extended, radius, below, above, weights, result);
        Store(result, line);
    }

    /// <summary>
    /// Lines along a strided axis, all x positions at once: the plane (x by the filtered axis) is copied to
    /// doubles, then each output row is the weighted sum of reflected rows, vectorised over x.
    /// </summary>
    private static unsafe void FilterPlane<T>(T* origin, long lineStride, int nx, int length, double[] scratch, int[] positions, double[] weights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int radius = weights.Length / 2;
        var plane = scratch.AsSpan(0, nx * length);
        var result = scratch.AsSpan(nx * length, nx);
        for (int r = 0; r < length; r++)
            Load(new ReadOnlySpan<T>(origin + r * lineStride, nx), plane.Slice(r * nx, nx));
        Span<int> below = stackalloc int[radius], above = stackalloc int[radius];
        for (int r = 0; r < length; r++)
        {
            for (int m = radius; m >= 1; m--)
            {
                below[radius - m] = positions[r + radius - m];
                above[radius - m] = positions[r + radius + m];
            }
            WeightedSum(plane, positions[r + radius], below, above, weights, result);
            Store(result, new Span<T>(origin + r * lineStride, nx));
        }
    }

    /// <summary>
    /// result[i] = data[centre + i] w[r] + Σ_{m = r..1} (data[below_m + i] + data[above_m + i]) w[r - m], in exactly
    /// this order for every i (scipy's NI_Correlate1D for symmetric kernels). Four vectors are computed side by
    /// side so that the additions of one do not wait for the previous one's.
    /// </summary>
    private static void WeightedSum(ReadOnlySpan<double> data, int centre, ReadOnlySpan<int> below, ReadOnlySpan<int> above, double[] weights, Span<double> result)
    {
        int radius = below.Length, n = result.Length;
        double w0 = weights[radius];
        ref double d = ref MemoryMarshal.GetReference(data);
        ref double o = ref MemoryMarshal.GetReference(result);
        int width = Vector<double>.Count;
        // Every read stays inside data: offsets + n <= data.Length by construction of the callers.
        if (centre + n > data.Length) throw new ArgumentOutOfRangeException(nameof(centre));
        for (int m = 0; m < radius; m++)
            if (below[m] + n > data.Length || above[m] + n > data.Length || below[m] < 0) throw new ArgumentOutOfRangeException(nameof(below));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - 4 * width; i += 4 * width)
            {
                nuint a0 = (nuint)i, a1 = (nuint)(i + width), a2 = (nuint)(i + 2 * width), a3 = (nuint)(i + 3 * width);
                ref double c = ref Unsafe.Add(ref d, centre);
                var acc0 = Vector.LoadUnsafe(ref c, a0) * w0;
                var acc1 = Vector.LoadUnsafe(ref c, a1) * w0;
                var acc2 = Vector.LoadUnsafe(ref c, a2) * w0;
                var acc3 = Vector.LoadUnsafe(ref c, a3) * w0;
                for (int m = 0; m < radius; m++)
                {
                    ref double lo = ref Unsafe.Add(ref d, below[m]);
                    ref double hi = ref Unsafe.Add(ref d, above[m]);
                    double wm = weights[m];
                    acc0 += (Vector.LoadUnsafe(ref lo, a0) + Vector.LoadUnsafe(ref hi, a0)) * wm;
                    acc1 += (Vector.LoadUnsafe(ref lo, a1) + Vector.LoadUnsafe(ref hi, a1)) * wm;
                    acc2 += (Vector.LoadUnsafe(ref lo, a2) + Vector.LoadUnsafe(ref hi, a2)) * wm;
                    acc3 += (Vector.LoadUnsafe(ref lo, a3) + Vector.LoadUnsafe(ref hi, a3)) * wm;
                }
                acc0.StoreUnsafe(ref o, a0);
                acc1.StoreUnsafe(ref o, a1);
                acc2.StoreUnsafe(ref o, a2);
                acc3.StoreUnsafe(ref o, a3);
            }
            for (; i <= n - width; i += width)
            {
                var acc = Vector.LoadUnsafe(ref Unsafe.Add(ref d, centre), (nuint)i) * w0;
                for (int m = 0; m < radius; m++)
                    acc += (Vector.LoadUnsafe(ref Unsafe.Add(ref d, below[m]), (nuint)i) + Vector.LoadUnsafe(ref Unsafe.Add(ref d, above[m]), (nuint)i)) * weights[m];
                acc.StoreUnsafe(ref o, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double acc = data[centre + i] * w0;
            for (int m = 0; m < radius; m++)
                acc += (data[below[m] + i] + data[above[m] + i]) * weights[m];
            result[i] = acc;
        }
    }

    /// <summary>Values to double (exact for float and double).</summary>
    private static void Load<T>(ReadOnlySpan<T> source, Span<double> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) TensorPrimitives.ConvertChecked(MemoryMarshal.Cast<T, float>(source), destination);
        else if (typeof(T) == typeof(double)) MemoryMarshal.Cast<T, double>(source).CopyTo(destination);
        else for (int i = 0; i < source.Length; i++) destination[i] = double.CreateTruncating(source[i]);
    }

    /// <summary>Doubles back to the volume's type, rounding to nearest as a C cast does.</summary>
    private static void Store<T>(ReadOnlySpan<double> source, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) TensorPrimitives.ConvertTruncating(source, MemoryMarshal.Cast<T, float>(destination));
        else if (typeof(T) == typeof(double)) source.CopyTo(MemoryMarshal.Cast<T, double>(destination));
        else for (int i = 0; i < source.Length; i++) destination[i] = T.CreateTruncating(source[i]);
    }

    /// <summary>scipy's 'reflect' (half-sample symmetric) extension: d c b a | a b c d | d c b a, repeated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Reflect(int index, int n)
    {
        if ((uint)index < (uint)n) return index;
        int period = 2 * n;
        int m = index % period;
        if (m < 0) m += period;
        return m < n ? m : period - 1 - m;
    }

    /// <summary>numpy's pairwise summation (blocks of 8 partial sums up to 128 values, halves beyond).</summary>
    internal static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = 0.0;
            for (int i = 0; i < n; i++) res += a[i];
            return res;
        }
        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            int i;
            for (i = 8; i < n - n % 8; i += 8)
                for (int j = 0; j < 8; j++) r[j] += a[i + j];
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[i];
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }
}
