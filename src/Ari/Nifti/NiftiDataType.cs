namespace Ari.Nifti;

/// <summary>NIfTI datatype codes (nifti1.h). Ari reads the real-valued ones.</summary>
public enum NiftiDataType : short
{
    /// <summary>DT_UNKNOWN (0): no datatype given.</summary>
    Unknown = 0,
    /// <summary>DT_BINARY (1): one bit per voxel; not read by Ari.</summary>
    Binary = 1,
    /// <summary>DT_UINT8 (2): unsigned 8-bit integer.</summary>
    UInt8 = 2,
    /// <summary>DT_INT16 (4): signed 16-bit integer.</summary>
    Int16 = 4,
    /// <summary>DT_INT32 (8): signed 32-bit integer.</summary>
    Int32 = 8,
    /// <summary>DT_FLOAT32 (16): 32-bit IEEE float.</summary>
    Float32 = 16,
    /// <summary>DT_COMPLEX64 (32): two 32-bit floats; not read by Ari.</summary>
    Complex64 = 32,
    /// <summary>DT_FLOAT64 (64): 64-bit IEEE float.</summary>
    Float64 = 64,
    /// <summary>DT_RGB24 (128): three 8-bit colour channels; not read by Ari.</summary>
    Rgb24 = 128,
    /// <summary>DT_INT8 (256): signed 8-bit integer.</summary>
    Int8 = 256,
    /// <summary>DT_UINT16 (512): unsigned 16-bit integer.</summary>
    UInt16 = 512,
    /// <summary>DT_UINT32 (768): unsigned 32-bit integer.</summary>
    UInt32 = 768,
    /// <summary>DT_INT64 (1024): signed 64-bit integer.</summary>
    Int64 = 1024,
    /// <summary>DT_UINT64 (1280): unsigned 64-bit integer.</summary>
    UInt64 = 1280,
    /// <summary>DT_FLOAT128 (1536): 128-bit float; not read by Ari.</summary>
    Float128 = 1536,
    /// <summary>DT_COMPLEX128 (1792): two 64-bit floats; not read by Ari.</summary>
    Complex128 = 1792,
    /// <summary>DT_COMPLEX256 (2048): two 128-bit floats; not read by Ari.</summary>
    Complex256 = 2048,
    /// <summary>DT_RGBA32 (2304): four 8-bit colour channels; not read by Ari.</summary>
    Rgba32 = 2304,
}

/// <summary>Sizes, support and naming of <see cref="NiftiDataType"/> codes, and the code for a .NET element type.</summary>
public static class NiftiDataTypes
{
    /// <summary>Bytes per voxel of a supported datatype; 0 for one Ari does not read.</summary>
    public static int SizeOf(this NiftiDataType type) => type switch
    {
        NiftiDataType.UInt8 or NiftiDataType.Int8 => 1,
        NiftiDataType.Int16 or NiftiDataType.UInt16 => 2,
        NiftiDataType.Int32 or NiftiDataType.UInt32 or NiftiDataType.Float32 => 4,
        NiftiDataType.Int64 or NiftiDataType.UInt64 or NiftiDataType.Float64 => 8,
        _ => 0,
    };

    /// <summary>True for the real-valued integer and float types Ari reads (those with a non-zero <see cref="SizeOf"/>).</summary>
    public static bool IsSupported(this NiftiDataType type) => type.SizeOf() > 0;

    /// <summary>The code for messages: "16 (float32)" for a known code, the bare number otherwise.</summary>
    public static string Describe(this NiftiDataType type) =>
        Enum.IsDefined(type) ? $"{(short)type} ({type.ToString().ToLowerInvariant()})" : $"{(short)type}";

    /// <summary>The datatype whose stored values are exactly <typeparamref name="T"/>'s, or Unknown.</summary>
    public static NiftiDataType TryFor<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? NiftiDataType.Float32 :
        typeof(T) == typeof(double) ? NiftiDataType.Float64 :
        typeof(T) == typeof(byte) ? NiftiDataType.UInt8 :
        typeof(T) == typeof(sbyte) ? NiftiDataType.Int8 :
        typeof(T) == typeof(short) ? NiftiDataType.Int16 :
        typeof(T) == typeof(ushort) ? NiftiDataType.UInt16 :
        typeof(T) == typeof(int) ? NiftiDataType.Int32 :
        typeof(T) == typeof(uint) ? NiftiDataType.UInt32 :
        typeof(T) == typeof(long) ? NiftiDataType.Int64 :
        typeof(T) == typeof(ulong) ? NiftiDataType.UInt64 :
        NiftiDataType.Unknown;

    /// <summary>The datatype that stores values of <typeparamref name="T"/> without loss.</summary>
    public static NiftiDataType For<T>() where T : unmanaged =>
        TryFor<T>() is var type && type != NiftiDataType.Unknown
            ? type
            : throw new NotSupportedException($"no NIfTI datatype for {typeof(T).Name}");
}
