using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Ari.Nifti;

/// <summary>
/// Stored voxel bytes to numbers: byte order, datatype and scl_slope/scl_inter in one place
/// (nibabel: value = stored * slope + inter, in double precision, when a scaling applies).
/// </summary>
internal static class NiftiVoxelDecoder
{
    /// <summary>Reverses each element's bytes in place (for big-endian data).</summary>
    public static void SwapBytes(Span<byte> raw, int elementSize)
    {
        switch (elementSize)
        {
            case 2: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(raw), MemoryMarshal.Cast<byte, ushort>(raw)); break;
            case 4: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(raw), MemoryMarshal.Cast<byte, uint>(raw)); break;
            case 8: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(raw), MemoryMarshal.Cast<byte, ulong>(raw)); break;
        }
    }

    /// <summary>Decodes little-endian stored values of <paramref name="type"/> into <paramref name="destination"/>.</summary>
    public static void Decode<T>(ReadOnlySpan<byte> raw, NiftiDataType type, (double Slope, double Inter)? scaling, Span<T> destination)
        where T : unmanaged, INumberBase<T>
    {
        switch (type)
        {
            case NiftiDataType.UInt8: Convert<byte, T>(raw, scaling, destination); break;
            case NiftiDataType.Int8: Convert<sbyte, T>(raw, scaling, destination); break;
            case NiftiDataType.Int16: Convert<short, T>(raw, scaling, destination); break;
            case NiftiDataType.UInt16: Convert<ushort, T>(raw, scaling, destination); break;
            case NiftiDataType.Int32: Convert<int, T>(raw, scaling, destination); break;
            case NiftiDataType.UInt32: Convert<uint, T>(raw, scaling, destination); break;
            case NiftiDataType.Int64: Convert<long, T>(raw, scaling, destination); break;
            case NiftiDataType.UInt64: Convert<ulong, T>(raw, scaling, destination); break;
            case NiftiDataType.Float32: Convert<float, T>(raw, scaling, destination); break;
            case NiftiDataType.Float64: Convert<double, T>(raw, scaling, destination); break;
            default: throw new NotSupportedException($"datatype {type.Describe()}");
        }
    }

    private static void Convert<TSource, T>(ReadOnlySpan<byte> raw, (double Slope, double Inter)? scaling, Span<T> destination)
        where TSource : unmanaged, INumberBase<TSource>
        where T : unmanaged, INumberBase<T>
    {
        var source = MemoryMarshal.Cast<byte, TSource>(raw);
        if (source.Length != destination.Length)
            throw new ArgumentException("source and destination lengths differ");
        if (scaling is not { } s || (s.Slope == 1.0 && s.Inter == 0.0))
        {
            if (typeof(TSource) == typeof(T))
                MemoryMarshal.Cast<TSource, T>(source).CopyTo(destination);
            else
                for (int i = 0; i < source.Length; i++)
                    destination[i] = T.CreateTruncating(source[i]);
            return;
        }
        double slope = s.Slope, inter = s.Inter;
        for (int i = 0; i < source.Length; i++)
            destination[i] = T.CreateTruncating(double.CreateTruncating(source[i]) * slope + inter);
    }
}
