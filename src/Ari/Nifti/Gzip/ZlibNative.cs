using System.Runtime.InteropServices;

namespace Ari.Nifti.Gzip;

/// <summary>
/// zlib's inflate as the .NET runtime ships it (libSystem.IO.Compression.Native, the library under GZipStream;
/// linked into NativeAOT builds). Used directly because GZipStream hides where a gzip member ends, so it can
/// neither tell a truncated file from a whole one nor name a CRC error.
/// </summary>
internal static unsafe partial class ZlibNative
{
    private const string Library = "libSystem.IO.Compression.Native";

    public const int Ok = 0;
    public const int StreamEnd = 1;
    public const int NeedDictionary = 2;
    public const int DataError = -3;
    public const int MemoryError = -4;
    public const int BufferError = -5;
    public const int NoFlush = 0;

    /// <summary>windowBits for a gzip wrapper (zlib checks the header, CRC-32 and length of each member).</summary>
    public const int GzipWindowBits = 15 + 16;

    /// <summary>The runtime's PAL_ZStream.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ZStream
    {
        public byte* NextIn;
        public byte* NextOut;
        public sbyte* Message;
        public nint InternalState;
        public uint AvailIn;
        public uint AvailOut;
    }

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateInit2_")]
    public static partial int InflateInit2(ZStream* stream, int windowBits);

    [LibraryImport(Library, EntryPoint = "CompressionNative_Inflate")]
    public static partial int Inflate(ZStream* stream, int flush);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateEnd")]
    public static partial int InflateEnd(ZStream* stream);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateReset2_")]
    public static partial int InflateReset2(ZStream* stream, int windowBits);

    private static readonly Lazy<bool> AvailableLazy = new(() =>
    {
        try
        {
            ZStream z = default;
            if (InflateInit2(&z, GzipWindowBits) != Ok) return false;
            InflateEnd(&z);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    });

    /// <summary>Whether the runtime's zlib can be called here (else readers fall back to GZipStream).</summary>
    public static bool Available => AvailableLazy.Value;
}
