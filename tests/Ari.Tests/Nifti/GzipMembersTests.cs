using System.IO.Compression;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Nifti;

/// <summary>
/// gzip as Python's gzip module (nibabel) reads it (issue 14, item 5): concatenated members and trailing zero
/// padding are valid; a CRC error, a length error and truncation are named as such.
/// </summary>
public class GzipMembersTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    public void Dispose() => _temp.Dispose();

    private static readonly float[] Values = Enumerable.Range(0, 6 * 7 * 8).Select(i => (float)Math.Sin(i)).ToArray();

    private byte[] NiftiBytes()
    {
        string path = _temp.File("plain.nii");
        NiftiWriter.Write(path, new Volume<float>(new ImageGrid(6, 7, 8, Affine.FromScaleAndOffset(3, 3, 3)), Values));
        return File.ReadAllBytes(path);
    }

    private static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        using var memory = new MemoryStream();
        using (var zip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true)) zip.Write(data);
        return memory.ToArray();
    }

    private string Save(byte[] bytes, string name)
    {
        string path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void ConcatenatedMembersAreOneFile()
    {
        var raw = NiftiBytes();
        // Split inside the header and again inside the data: three members.
        byte[] bytes = [.. Gzip(raw.AsSpan(0, 200)), .. Gzip(raw.AsSpan(200, 700)), .. Gzip(raw.AsSpan(900))];
        string path = Save(bytes, "members.nii.gz");
        Assert.Equal(Values.Select(v => (double)v), NiftiFile.Read(path).Data);
        NiftiFile.Validate(path);
    }

    [Fact]
    public void TrailingZeroPaddingIsIgnored()
    {
        byte[] bytes = [.. Gzip(NiftiBytes()), .. new byte[1000]];
        string path = Save(bytes, "padded.nii.gz");
        Assert.Equal(Values.Select(v => (double)v), NiftiFile.Read(path).Data);
        NiftiFile.Validate(path);
        // Padding between members too (Python's gzip skips zeros after each member).
        var raw = NiftiBytes();
        byte[] two = [.. Gzip(raw.AsSpan(0, 500)), 0, 0, 0, .. Gzip(raw.AsSpan(500)), 0];
        Assert.Equal(Values.Select(v => (double)v), NiftiFile.Read(Save(two, "padded2.nii.gz")).Data);
    }

    [Fact]
    public void CrcErrorIsNamed()
    {
        var bytes = Gzip(NiftiBytes());
        bytes[^8] ^= 0x01; // the CRC-32 of the trailer
        string path = Save(bytes, "crc.nii.gz");
        var e = Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(path));
        Assert.Contains("CRC", e.Problem);
        Assert.DoesNotContain("compression method", e.Problem);
        AriProcess.AssertCleanError(AriProcess.Run("info", path), 1, path, "CRC");
    }

    [Fact]
    public void LengthErrorIsNamed()
    {
        var bytes = Gzip(NiftiBytes());
        bytes[^2] ^= 0x01; // ISIZE
        Assert.Contains("length", Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(Save(bytes, "isize.nii.gz"))).Problem);
    }

    [Fact]
    public void TruncationInsideAMemberIsNamed()
    {
        var raw = NiftiBytes();
        byte[] bytes = [.. Gzip(raw.AsSpan(0, 800)), .. Gzip(raw.AsSpan(800))];
        string path = Save(bytes[..^20], "cut.nii.gz");
        Assert.Contains("truncated", Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(path)).Problem);
    }

    [Fact]
    public void GarbageAfterTheLastMemberIsRefused()
    {
        // Python's gzip: "Not a gzipped file"; nibabel refuses such a file.
        byte[] bytes = [.. Gzip(NiftiBytes()), 0, 0, (byte)'x', (byte)'y'];
        Assert.Contains("neither zero padding nor another gzip member",
            Assert.Throws<NiftiFormatException>(() => NiftiFile.Validate(Save(bytes, "garbage.nii.gz"))).Problem);
    }
}
