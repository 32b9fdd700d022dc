using System.Collections.Immutable;
using Ari.Imaging;

namespace Ari.Nifti;

/// <summary>
/// The fields of a NIfTI-1 or NIfTI-2 header, held in the wider NIfTI-2 types.
/// A small typed object in nibabel's manner: parsing and validation live in <see cref="NiftiHeaderCodec"/>,
/// the spatial transform rules in <see cref="NiftiAffines"/>.
/// </summary>
public sealed record NiftiHeader
{
    /// <summary>1 or 2.</summary>
    public int Version { get; init; } = 1;
    public bool BigEndian { get; init; }
    /// <summary>True for a .hdr/.img pair (magic "ni1"/"ni2"); false for a single .nii file ("n+1"/"n+2").</summary>
    public bool IsPair { get; init; }

    /// <summary>dim[0..7]: dim[0] is the number of dimensions.</summary>
    public ImmutableArray<long> Dim { get; init; } = [3, 1, 1, 1, 1, 1, 1, 1];
    /// <summary>pixdim[0..7]: pixdim[0] is qfac, then voxel sizes and TR.</summary>
    public ImmutableArray<double> PixDim { get; init; } = [1, 1, 1, 1, 1, 1, 1, 1];
    public NiftiDataType DataType { get; init; } = NiftiDataType.Float32;
    public int BitPix { get; init; } = 32;
    public long VoxOffset { get; init; }

    public double SclSlope { get; init; } = double.NaN;
    public double SclInter { get; init; } = double.NaN;

    public int IntentCode { get; init; }
    public double IntentP1 { get; init; }
    public double IntentP2 { get; init; }
    public double IntentP3 { get; init; }
    public string IntentName { get; init; } = "";

    public string Descrip { get; init; } = "";
    public string AuxFile { get; init; } = "";
    /// <summary>Units bit field: space in bits 0-2 (2 = mm), time in bits 3-5 (8 = s).</summary>
    public int XyztUnits { get; init; }
    public double CalMin { get; init; }
    public double CalMax { get; init; }
    public double SliceDuration { get; init; }
    public double TOffset { get; init; }
    public long SliceStart { get; init; }
    public long SliceEnd { get; init; }
    public int SliceCode { get; init; }
    public int DimInfo { get; init; }

    public int QformCode { get; init; }
    public int SformCode { get; init; }
    public double QuaternB { get; init; }
    public double QuaternC { get; init; }
    public double QuaternD { get; init; }
    public double QoffsetX { get; init; }
    public double QoffsetY { get; init; }
    public double QoffsetZ { get; init; }
    public ImmutableArray<double> SrowX { get; init; } = [1, 0, 0, 0];
    public ImmutableArray<double> SrowY { get; init; } = [0, 1, 0, 0];
    public ImmutableArray<double> SrowZ { get; init; } = [0, 0, 1, 0];

    /// <summary>What was repaired while reading, as nibabel repairs it (invalid transform codes, pixdim 0 or negative): one note each.</summary>
    public IReadOnlyList<string> Repairs { get; init; } = [];

    /// <summary>
    /// nibabel's dtype rule: a scaling other than (1, 0) makes the image's data float64 (numpy array of
    /// img.dataobj); without one it keeps the stored type.
    /// </summary>
    public bool ScalesToFloat64 => Scaling is { } s && !(s.Slope == 1 && s.Inter == 0);

    /// <summary>Number of dimensions (dim[0]).</summary>
    public int NDim => (int)Dim[0];

    /// <summary>Size along axis <paramref name="axis"/> (1-based, as dim[]); 1 beyond NDim.</summary>
    public long Size(int axis) => axis <= NDim ? Dim[axis] : 1;

    public (long X, long Y, long Z) SpatialShape => (Size(1), Size(2), Size(3));

    /// <summary>Product of the sizes along axes 4..7: the number of 3D volumes.</summary>
    public long FrameCount
    {
        get
        {
            long n = 1;
            for (int axis = 4; axis <= 7; axis++)
                n = SaturatingMultiply(n, Size(axis));
            return n;
        }
    }

    public long VoxelsPerFrame => SaturatingMultiply(SaturatingMultiply(Size(1), Size(2)), Size(3));

    /// <summary>Bytes of voxel data the header announces (saturating at long.MaxValue).</summary>
    public long DataBytes => SaturatingMultiply(SaturatingMultiply(VoxelsPerFrame, FrameCount), DataType.SizeOf());

    public string ShapeText => string.Join("x", Enumerable.Range(1, Math.Max(NDim, 1)).Select(Size));

    /// <summary>The (slope, intercept) to apply to stored values, or null when none applies (nibabel's rule: slope 0 or non-finite means no scaling).</summary>
    public (double Slope, double Inter)? Scaling =>
        SclSlope == 0 || !double.IsFinite(SclSlope) ? null : (SclSlope, SclInter);

    /// <summary>The affine nibabel's get_best_affine returns: sform if sform_code &gt; 0, else qform if qform_code &gt; 0, else from voxel sizes.</summary>
    public Affine BestAffine => NiftiAffines.Best(this);

    public ImageGrid SpatialGrid => new(checked((int)Size(1)), checked((int)Size(2)), checked((int)Size(3)), BestAffine);

    private static long SaturatingMultiply(long a, long b)
    {
        if (a == 0 || b == 0) return 0;
        return a > long.MaxValue / b ? long.MaxValue : a * b;
    }
}
