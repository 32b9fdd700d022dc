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
    /// <summary>True when the header (and so the voxel data) is stored big-endian; Ari writes little-endian.</summary>
    public bool BigEndian { get; init; }
    /// <summary>True for a .hdr/.img pair (magic "ni1"/"ni2"); false for a single .nii file ("n+1"/"n+2").</summary>
    public bool IsPair { get; init; }

    /// <summary>dim[0..7]: dim[0] is the number of dimensions.</summary>
    public ImmutableArray<long> Dim { get; init; } = [3, 1, 1, 1, 1, 1, 1, 1];
    /// <summary>pixdim[0..7]: pixdim[0] is qfac, then voxel sizes and TR.</summary>
    public ImmutableArray<double> PixDim { get; init; } = [1, 1, 1, 1, 1, 1, 1, 1];
    /// <summary>datatype: how each voxel value is stored.</summary>
    public NiftiDataType DataType { get; init; } = NiftiDataType.Float32;
    /// <summary>bitpix: bits per stored voxel value (e.g. 32 for float32).</summary>
    public int BitPix { get; init; } = 32;
    /// <summary>vox_offset: the byte offset of the voxel data in the data file (the .nii itself, or the .img of a pair).</summary>
    public long VoxOffset { get; init; }

    /// <summary>scl_slope as stored (NaN in a header built in code without one). See <see cref="Scaling"/> for the rule that decides whether it applies.</summary>
    public double SclSlope { get; init; } = double.NaN;
    /// <summary>scl_inter as stored (NaN in a header built in code without one). Applied only together with a valid <see cref="SclSlope"/>.</summary>
    public double SclInter { get; init; } = double.NaN;

    /// <summary>intent_code: what the values mean (nifti1.h NIFTI_INTENT_*, e.g. 3 = t-statistic, 5 = z-score, 22 = p-value); 0 for none.</summary>
    public int IntentCode { get; init; }
    /// <summary>intent_p1: first intent parameter (e.g. degrees of freedom of a t-statistic).</summary>
    public double IntentP1 { get; init; }
    /// <summary>intent_p2: second intent parameter.</summary>
    public double IntentP2 { get; init; }
    /// <summary>intent_p3: third intent parameter.</summary>
    public double IntentP3 { get; init; }
    /// <summary>intent_name: free text naming the intent (16 bytes at most on disk).</summary>
    public string IntentName { get; init; } = "";

    /// <summary>descrip: free text description (80 bytes at most on disk).</summary>
    public string Descrip { get; init; } = "";
    /// <summary>aux_file: name of an auxiliary file (24 bytes at most on disk); unused by Ari.</summary>
    public string AuxFile { get; init; } = "";
    /// <summary>Units bit field: space in bits 0-2 (2 = mm), time in bits 3-5 (8 = s).</summary>
    public int XyztUnits { get; init; }
    /// <summary>cal_min: display range minimum; carried, not interpreted.</summary>
    public double CalMin { get; init; }
    /// <summary>cal_max: display range maximum; carried, not interpreted.</summary>
    public double CalMax { get; init; }
    /// <summary>slice_duration: time to acquire one slice (seconds, per <see cref="XyztUnits"/>); carried, not interpreted.</summary>
    public double SliceDuration { get; init; }
    /// <summary>toffset: time offset of the first volume; carried, not interpreted.</summary>
    public double TOffset { get; init; }
    /// <summary>slice_start: first slice index of the slice timing pattern; carried, not interpreted.</summary>
    public long SliceStart { get; init; }
    /// <summary>slice_end: last slice index of the slice timing pattern; carried, not interpreted.</summary>
    public long SliceEnd { get; init; }
    /// <summary>slice_code: slice timing order (nifti1.h NIFTI_SLICE_*); carried, not interpreted.</summary>
    public int SliceCode { get; init; }
    /// <summary>dim_info: frequency, phase and slice encoding axes packed in 2 bits each; carried, not interpreted.</summary>
    public int DimInfo { get; init; }

    /// <summary>qform_code: what the quaternion transform maps to (0 unknown, 1 scanner, 2 aligned, 3 Talairach, 4 MNI).</summary>
    public int QformCode { get; init; }
    /// <summary>sform_code: what the srow_x/y/z affine maps to (0 unknown, 1 scanner, 2 aligned, 3 Talairach, 4 MNI); when &gt; 0 it wins (<see cref="BestAffine"/>).</summary>
    public int SformCode { get; init; }
    /// <summary>quatern_b: quaternion b parameter of the qform rotation.</summary>
    public double QuaternB { get; init; }
    /// <summary>quatern_c: quaternion c parameter of the qform rotation.</summary>
    public double QuaternC { get; init; }
    /// <summary>quatern_d: quaternion d parameter of the qform rotation.</summary>
    public double QuaternD { get; init; }
    /// <summary>qoffset_x: qform translation along x (mm).</summary>
    public double QoffsetX { get; init; }
    /// <summary>qoffset_y: qform translation along y (mm).</summary>
    public double QoffsetY { get; init; }
    /// <summary>qoffset_z: qform translation along z (mm).</summary>
    public double QoffsetZ { get; init; }
    /// <summary>srow_x: first row of the sform affine (4 values: voxel (i, j, k, 1) to x in mm).</summary>
    public ImmutableArray<double> SrowX { get; init; } = [1, 0, 0, 0];
    /// <summary>srow_y: second row of the sform affine (voxel to y in mm).</summary>
    public ImmutableArray<double> SrowY { get; init; } = [0, 1, 0, 0];
    /// <summary>srow_z: third row of the sform affine (voxel to z in mm).</summary>
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

    /// <summary>Sizes along the three spatial axes (dim[1..3]; 1 for an axis beyond <see cref="NDim"/>).</summary>
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

    /// <summary>Voxels in one 3D volume, dim[1] * dim[2] * dim[3] (saturating at long.MaxValue).</summary>
    public long VoxelsPerFrame => SaturatingMultiply(SaturatingMultiply(Size(1), Size(2)), Size(3));

    /// <summary>Bytes of voxel data the header announces (saturating at long.MaxValue).</summary>
    public long DataBytes => SaturatingMultiply(SaturatingMultiply(VoxelsPerFrame, FrameCount), DataType.SizeOf());

    /// <summary>The shape as text, sizes joined by "x" over <see cref="NDim"/> axes (e.g. "91x109x91x20").</summary>
    public string ShapeText => string.Join("x", Enumerable.Range(1, Math.Max(NDim, 1)).Select(Size));

    /// <summary>The (slope, intercept) to apply to stored values, or null when none applies (nibabel's rule: slope 0 or non-finite means no scaling).</summary>
    public (double Slope, double Inter)? Scaling =>
        SclSlope == 0 || !double.IsFinite(SclSlope) ? null : (SclSlope, SclInter);

    /// <summary>The affine nibabel's get_best_affine returns: sform if sform_code &gt; 0, else qform if qform_code &gt; 0, else from voxel sizes.</summary>
    public Affine BestAffine => NiftiAffines.Best(this);

    /// <summary>The 3D sampling grid: spatial shape and <see cref="BestAffine"/>.</summary>
    /// <exception cref="OverflowException">A spatial size does not fit an int.</exception>
    public ImageGrid SpatialGrid => new(checked((int)Size(1)), checked((int)Size(2)), checked((int)Size(3)), BestAffine);

    private static long SaturatingMultiply(long a, long b)
    {
        if (a == 0 || b == 0) return 0;
        return a > long.MaxValue / b ? long.MaxValue : a * b;
    }
}
