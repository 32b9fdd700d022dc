using System.Numerics;
using System.Runtime.InteropServices;

namespace Ari.Nifti;

/// <summary>Numbers to little-endian stored bytes of a NIfTI datatype (no scaling).</summary>
internal static class NiftiVoxelEncoder
{
    public static void Encode<T>(ReadOnlySpan<T> values, NiftiDataType type, Span<byte> destination)
        where T : unmanaged, INumberBase<T>
    {
        switch (type)
        {
            case NiftiDataType.UInt8: Convert<T, byte>(values, destination); break;
            case NiftiDataType.Int8: Convert<T, sbyte>(values, destination); break;
            case NiftiDataType.Int16: Convert<T, short>(values, destination); break;
            case NiftiDataType.UInt16: Convert<T, ushort>(values, destination); break;
            case NiftiDataType.Int32: Convert<T, int>(values, destination); break;
            case NiftiDataType.UInt32: Convert<T, uint>(values, destination); break;
            case NiftiDataType.Int64: Convert<T, long>(values, destination); break;
            case NiftiDataType.UInt64: Convert<T, ulong>(values, destination); break;
            case NiftiDataType.Float32: Convert<T, float>(values, destination); break;
            case NiftiDataType.Float64: Convert<T, double>(values, destination); break;
            default: throw new NotSupportedException($"writing datatype {type.Describe()}");
        }
        if (!BitConverter.IsLittleEndian)
            NiftiVoxelDecoder.SwapBytes(destination, type.SizeOf());
    }

    private static void Convert<T, TStored>(ReadOnlySpan<T> values, Span<byte> destination)
        where T : unmanaged, INumberBase<T>
        where TStored : unmanaged, INumberBase<TStored>
    {
        var stored = MemoryMarshal.Cast<byte, TStored>(destination);
        if (typeof(T) == typeof(TStored))
        {
            MemoryMarshal.Cast<T, TStored>(values).CopyTo(stored);
            return;
        }
        bool integral = typeof(TStored) != typeof(float) && typeof(TStored) != typeof(double);
        for (int i = 0; i < values.Length; i++)
        {
            if (integral)
            {
                double v = double.CreateTruncating(values[i]);
                double rounded = Math.Round(v);
                TStored s = TStored.CreateSaturating(rounded);
                if (!double.IsFinite(v) || double.CreateTruncating(s) != rounded)
                    throw new OverflowException($"value {v} at index {i} does not fit datatype {typeof(TStored).Name}");
                stored[i] = s;
            }
            else
                stored[i] = TStored.CreateTruncating(values[i]);
        }
    }
}
