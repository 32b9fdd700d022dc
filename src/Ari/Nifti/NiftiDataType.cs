namespace Ari.Nifti;

/// <summary>NIfTI datatype codes (nifti1.h). Ari reads the real-valued ones.</summary>
public enum NiftiDataType : short
{
    Unknown = 0,
    Binary = 1,
    UInt8 = 2,
    Int16 = 4,
    Int32 = 8,
    Float32 = 16,
    Complex64 = 32,
    Float64 = 64,
    Rgb24 = 128,
    Int8 = 256,
    UInt16 = 512,
    UInt32 = 768,
    Int64 = 1024,
    UInt64 = 1280,
    Float128 = 1536,
    Complex128 = 1792,
    Complex256 = 2048,
    Rgba32 = 2304,
}

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

    public static bool IsSupported(this NiftiDataType type) => type.SizeOf() > 0;

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
