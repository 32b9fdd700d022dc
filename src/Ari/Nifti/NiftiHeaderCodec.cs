using System.Buffers.Binary;
using System.Text;

namespace Ari.Nifti;

/// <summary>
/// Bytes to <see cref="NiftiHeader"/> and back, for NIfTI-1 (348 bytes) and NIfTI-2 (540 bytes), either byte order.
/// Only this file knows the header layouts.
/// </summary>
internal static class NiftiHeaderCodec
{
    public const int Nifti1Size = 348;
    public const int Nifti2Size = 540;

    /// <summary>How many bytes to read to parse any header (the NIfTI-2 size).</summary>
    public const int MaxHeaderSize = Nifti2Size;

    /// <summary>The header version and byte order that sizeof_hdr announces, or null if it is not a NIfTI header.</summary>
    public static (int Version, bool BigEndian)? Detect(ReadOnlySpan<byte> start)
    {
        if (start.Length < 4) return null;
        int le = BinaryPrimitives.ReadInt32LittleEndian(start), be = BinaryPrimitives.ReadInt32BigEndian(start);
        if (le == Nifti1Size) return (1, false);
        if (be == Nifti1Size) return (1, true);
        if (le == Nifti2Size) return (2, false);
        if (be == Nifti2Size) return (2, true);
        return null;
    }

    /// <summary>Parses and validates a header; <paramref name="path"/> names the file in errors.</summary>
    public static NiftiHeader Parse(ReadOnlySpan<byte> bytes, string path)
    {
        var detected = Detect(bytes)
            ?? throw new NiftiFormatException(path, bytes.Length < 4
                ? "not a NIfTI file (too short for a header)"
                : $"not a NIfTI file (sizeof_hdr is {BinaryPrimitives.ReadInt32LittleEndian(bytes)}, expected 348 or 540)");
        var (version, big) = detected;
        int size = version == 1 ? Nifti1Size : Nifti2Size;
        if (bytes.Length < size)
            throw new NiftiFormatException(path, $"file ends inside the NIfTI-{version} header ({bytes.Length} of {size} bytes)");
        var r = new FieldReader(bytes[..size], big);
        var header = version == 1 ? ParseNifti1(r, path) : ParseNifti2(r, path);
        header = NiftiHeaderRepairs.Apply(header);
        Validate(header, path);
        return header;
    }

    private static NiftiHeader ParseNifti1(FieldReader r, string path)
    {
        string magic = r.Text(344, 4);
        bool pair = magic switch
        {
            "n+1" => false,
            "ni1" => true,
            _ => throw new NiftiFormatException(path, $"not a NIfTI-1 file (magic is '{Printable(magic)}', expected 'n+1' or 'ni1')"),
        };
        var dim = new long[8];
        for (int i = 0; i < 8; i++) dim[i] = r.I16(40 + 2 * i);
        var pixdim = new double[8];
        for (int i = 0; i < 8; i++) pixdim[i] = r.F32(76 + 4 * i);
        return new NiftiHeader
        {
            Version = 1, BigEndian = r.BigEndian, IsPair = pair,
            DimInfo = r.U8(39), Dim = [.. dim],
            IntentP1 = r.F32(56), IntentP2 = r.F32(60), IntentP3 = r.F32(64), IntentCode = r.I16(68),
            DataType = (NiftiDataType)r.I16(70), BitPix = r.I16(72), SliceStart = r.I16(74),
            PixDim = [.. pixdim], VoxOffset = VoxOffset(r.F32(108), path),
            SclSlope = r.F32(112), SclInter = r.F32(116),
            SliceEnd = r.I16(120), SliceCode = r.U8(122), XyztUnits = r.U8(123),
            CalMax = r.F32(124), CalMin = r.F32(128), SliceDuration = r.F32(132), TOffset = r.F32(136),
            Descrip = r.Text(148, 80), AuxFile = r.Text(228, 24),
            QformCode = r.I16(252), SformCode = r.I16(254),
            QuaternB = r.F32(256), QuaternC = r.F32(260), QuaternD = r.F32(264),
            QoffsetX = r.F32(268), QoffsetY = r.F32(272), QoffsetZ = r.F32(276),
            SrowX = [r.F32(280), r.F32(284), r.F32(288), r.F32(292)],
            SrowY = [r.F32(296), r.F32(300), r.F32(304), r.F32(308)],
            SrowZ = [r.F32(312), r.F32(316), r.F32(320), r.F32(324)],
            IntentName = r.Text(328, 16),
        };
    }

    private static NiftiHeader ParseNifti2(FieldReader r, string path)
    {
        string magic = r.Text(4, 3);
        bool pair = magic switch
        {
            "n+2" => false,
            "ni2" => true,
            _ => throw new NiftiFormatException(path, $"not a NIfTI-2 file (magic is '{Printable(magic)}', expected 'n+2' or 'ni2')"),
        };
        var dim = new long[8];
        for (int i = 0; i < 8; i++) dim[i] = r.I64(16 + 8 * i);
        var pixdim = new double[8];
        for (int i = 0; i < 8; i++) pixdim[i] = r.F64(104 + 8 * i);
        return new NiftiHeader
        {
            Version = 2, BigEndian = r.BigEndian, IsPair = pair,
            DataType = (NiftiDataType)r.I16(12), BitPix = r.I16(14), Dim = [.. dim],
            IntentP1 = r.F64(80), IntentP2 = r.F64(88), IntentP3 = r.F64(96),
            PixDim = [.. pixdim], VoxOffset = r.I64(168),
            SclSlope = r.F64(176), SclInter = r.F64(184),
            CalMax = r.F64(192), CalMin = r.F64(200), SliceDuration = r.F64(208), TOffset = r.F64(216),
            SliceStart = r.I64(224), SliceEnd = r.I64(232),
            Descrip = r.Text(240, 80), AuxFile = r.Text(320, 24),
            QformCode = r.I32(344), SformCode = r.I32(348),
            QuaternB = r.F64(352), QuaternC = r.F64(360), QuaternD = r.F64(368),
            QoffsetX = r.F64(376), QoffsetY = r.F64(384), QoffsetZ = r.F64(392),
            SrowX = [r.F64(400), r.F64(408), r.F64(416), r.F64(424)],
            SrowY = [r.F64(432), r.F64(440), r.F64(448), r.F64(456)],
            SrowZ = [r.F64(464), r.F64(472), r.F64(480), r.F64(488)],
            SliceCode = r.I32(496), XyztUnits = r.I32(500), IntentCode = r.I32(504),
            IntentName = r.Text(508, 16), DimInfo = r.U8(524),
        };
    }

    /// <summary>NIfTI-1 stores vox_offset as a float; nibabel takes its integer part.</summary>
    private static long VoxOffset(double value, string path)
    {
        if (!double.IsFinite(value) || value < 0 || value > long.MaxValue / 2)
            throw new NiftiFormatException(path, $"invalid vox_offset {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return (long)value;
    }

    /// <summary>Checks that the header describes data Ari can read, before anything is allocated.</summary>
    private static void Validate(NiftiHeader h, string path)
    {
        long ndim = h.Dim[0];
        if (ndim < 1 || ndim > 7)
            throw new NiftiFormatException(path, $"invalid number of dimensions dim[0] = {ndim} (expected 1 to 7)");
        for (int axis = 1; axis <= ndim; axis++)
            if (h.Dim[axis] < 1)
                throw new NiftiFormatException(path, $"invalid dimension dim[{axis}] = {h.Dim[axis]}");
        if (!h.DataType.IsSupported())
            throw new NiftiFormatException(path, $"unsupported datatype {h.DataType.Describe()}; Ari reads int8/16/32/64, uint8/16/32/64, float32 and float64");
        if (h.VoxelsPerFrame > Array.MaxLength)
            throw new NiftiFormatException(path, $"absurd dimensions {h.ShapeText}: {h.VoxelsPerFrame:N0} voxels per volume is more than Ari can hold");
        if (h.Size(1) > int.MaxValue || h.Size(2) > int.MaxValue || h.Size(3) > int.MaxValue)
            throw new NiftiFormatException(path, $"absurd dimensions {h.ShapeText}");
        if (h.DataBytes == long.MaxValue)
            throw new NiftiFormatException(path, $"absurd dimensions {h.ShapeText}: the data size overflows");
        if (h.VoxOffset < 0)
            throw new NiftiFormatException(path, $"invalid vox_offset {h.VoxOffset}");
        // A single file holds the header and the 4-byte extension flag before the data (nibabel refuses less).
        int minimumOffset = (h.Version == 1 ? Nifti1Size : Nifti2Size) + 4;
        if (!h.IsPair && h.VoxOffset < minimumOffset)
            throw new NiftiFormatException(path, $"invalid vox_offset {h.VoxOffset}: a single-file NIfTI-{h.Version}'s data starts at byte {minimumOffset} or later (after the header and its extension flag)");
        if (double.IsFinite(h.SclSlope) && h.SclSlope != 0 && !double.IsFinite(h.SclInter))
            throw new NiftiFormatException(path, $"valid scl_slope but invalid scl_inter {h.SclInter}");
        CheckTransform(h, path);
    }

    /// <summary>The transform nibabel would use must exist and map voxels to distinct points in space.</summary>
    private static void CheckTransform(NiftiHeader h, string path)
    {
        string source = h.SformCode != 0 ? "sform" : h.QformCode != 0 ? "qform" : "voxel sizes (pixdim)";
        Affine affine;
        try { affine = NiftiAffines.Best(h); }
        catch (ArgumentException e) { throw new NiftiFormatException(path, $"invalid qform: {e.Message}"); }
        if (!affine.IsFinite)
            throw new NiftiFormatException(path, $"invalid transform: the affine from the {source} has non-finite values {affine}");
        if (affine.Determinant == 0 || !double.IsFinite(affine.Determinant))
            throw new NiftiFormatException(path, $"invalid transform: the affine from the {source} is singular {affine} (voxels have no distinct positions in space)");
    }

    /// <summary>Serialises a header (little-endian) followed by the 4-byte extension flag (no extensions).</summary>
    public static byte[] Serialize(NiftiHeader h)
    {
        int size = h.Version == 1 ? Nifti1Size : Nifti2Size;
        var bytes = new byte[size + 4];
        var w = new FieldWriter(bytes);
        if (h.Version == 1) WriteNifti1(w, h); else WriteNifti2(w, h);
        return bytes;
    }

    private static void WriteNifti1(FieldWriter w, NiftiHeader h)
    {
        w.I32(0, Nifti1Size);
        w.U8(38, (byte)'r');
        w.U8(39, h.DimInfo);
        for (int i = 0; i < 8; i++) w.I16(40 + 2 * i, checked((short)h.Dim[i]));
        w.F32(56, h.IntentP1); w.F32(60, h.IntentP2); w.F32(64, h.IntentP3); w.I16(68, h.IntentCode);
        w.I16(70, (short)h.DataType); w.I16(72, h.BitPix); w.I16(74, h.SliceStart);
        for (int i = 0; i < 8; i++) w.F32(76 + 4 * i, h.PixDim[i]);
        w.F32(108, h.VoxOffset);
        w.F32(112, h.SclSlope); w.F32(116, h.SclInter);
        w.I16(120, h.SliceEnd); w.U8(122, h.SliceCode); w.U8(123, h.XyztUnits);
        w.F32(124, h.CalMax); w.F32(128, h.CalMin); w.F32(132, h.SliceDuration); w.F32(136, h.TOffset);
        w.Text(148, 80, h.Descrip); w.Text(228, 24, h.AuxFile);
        w.I16(252, h.QformCode); w.I16(254, h.SformCode);
        w.F32(256, h.QuaternB); w.F32(260, h.QuaternC); w.F32(264, h.QuaternD);
        w.F32(268, h.QoffsetX); w.F32(272, h.QoffsetY); w.F32(276, h.QoffsetZ);
        for (int i = 0; i < 4; i++)
        {
            w.F32(280 + 4 * i, h.SrowX[i]); w.F32(296 + 4 * i, h.SrowY[i]); w.F32(312 + 4 * i, h.SrowZ[i]);
        }
        w.Text(328, 16, h.IntentName);
        w.Text(344, 4, h.IsPair ? "ni1" : "n+1");
    }

    private static void WriteNifti2(FieldWriter w, NiftiHeader h)
    {
        w.I32(0, Nifti2Size);
        w.Text(4, 8, h.IsPair ? "ni2" : "n+2");
        w.U8(8, 0x0D); w.U8(9, 0x0A); w.U8(10, 0x1A); w.U8(11, 0x0A);
        w.I16(12, (short)h.DataType); w.I16(14, h.BitPix);
        for (int i = 0; i < 8; i++) w.I64(16 + 8 * i, h.Dim[i]);
        w.F64(80, h.IntentP1); w.F64(88, h.IntentP2); w.F64(96, h.IntentP3);
        for (int i = 0; i < 8; i++) w.F64(104 + 8 * i, h.PixDim[i]);
        w.I64(168, h.VoxOffset);
        w.F64(176, h.SclSlope); w.F64(184, h.SclInter);
        w.F64(192, h.CalMax); w.F64(200, h.CalMin); w.F64(208, h.SliceDuration); w.F64(216, h.TOffset);
        w.I64(224, h.SliceStart); w.I64(232, h.SliceEnd);
        w.Text(240, 80, h.Descrip); w.Text(320, 24, h.AuxFile);
        w.I32(344, h.QformCode); w.I32(348, h.SformCode);
        w.F64(352, h.QuaternB); w.F64(360, h.QuaternC); w.F64(368, h.QuaternD);
        w.F64(376, h.QoffsetX); w.F64(384, h.QoffsetY); w.F64(392, h.QoffsetZ);
        for (int i = 0; i < 4; i++)
        {
            w.F64(400 + 8 * i, h.SrowX[i]); w.F64(432 + 8 * i, h.SrowY[i]); w.F64(464 + 8 * i, h.SrowZ[i]);
        }
        w.I32(496, h.SliceCode); w.I32(500, h.XyztUnits); w.I32(504, h.IntentCode);
        w.Text(508, 16, h.IntentName);
        w.U8(524, h.DimInfo);
    }

    private static string Printable(string s) =>
        string.Concat(s.Select(ch => ch is >= ' ' and <= '~' ? ch.ToString() : $"\\x{(int)ch:x2}"));

    private readonly ref struct FieldReader(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        private readonly ReadOnlySpan<byte> _b = bytes;
        public bool BigEndian { get; } = bigEndian;
        public int U8(int o) => _b[o];
        public short I16(int o) => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(_b[o..]) : BinaryPrimitives.ReadInt16LittleEndian(_b[o..]);
        public int I32(int o) => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(_b[o..]) : BinaryPrimitives.ReadInt32LittleEndian(_b[o..]);
        public long I64(int o) => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(_b[o..]) : BinaryPrimitives.ReadInt64LittleEndian(_b[o..]);
        public double F32(int o) => BigEndian ? BinaryPrimitives.ReadSingleBigEndian(_b[o..]) : BinaryPrimitives.ReadSingleLittleEndian(_b[o..]);
        public double F64(int o) => BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(_b[o..]) : BinaryPrimitives.ReadDoubleLittleEndian(_b[o..]);
        public string Text(int o, int length)
        {
            var field = _b.Slice(o, length);
            int end = field.IndexOf((byte)0);
            return Encoding.Latin1.GetString(end < 0 ? field : field[..end]);
        }
    }

    private readonly ref struct FieldWriter(Span<byte> bytes)
    {
        private readonly Span<byte> _b = bytes;
        public void U8(int o, int v) => _b[o] = checked((byte)v);
        public void I16(int o, long v) => BinaryPrimitives.WriteInt16LittleEndian(_b[o..], checked((short)v));
        public void I32(int o, long v) => BinaryPrimitives.WriteInt32LittleEndian(_b[o..], checked((int)v));
        public void I64(int o, long v) => BinaryPrimitives.WriteInt64LittleEndian(_b[o..], v);
        public void F32(int o, double v) => BinaryPrimitives.WriteSingleLittleEndian(_b[o..], (float)v);
        public void F64(int o, double v) => BinaryPrimitives.WriteDoubleLittleEndian(_b[o..], v);
        public void Text(int o, int length, string s)
        {
            var encoded = Encoding.Latin1.GetBytes(s);
            encoded.AsSpan(0, Math.Min(encoded.Length, length)).CopyTo(_b.Slice(o, length));
        }
    }
}
