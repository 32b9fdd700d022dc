using System.Buffers.Binary;
using System.IO.Compression;
using Ari.Imaging;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Nifti;

/// <summary>Each kind of bad file gives a NiftiFormatException that names the file and the problem.</summary>
public class NiftiBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    public void Dispose() => _temp.Dispose();

    private static NiftiFormatException Fails(string path)
    {
        var e = Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    private string SmallImage(string name)
    {
        string path = _temp.File(name);
        NiftiWriter.Write(path, new Volume<float>(new ImageGrid(8, 8, 8, Affine.Identity), Enumerable.Range(0, 512).Select(i => (float)i).ToArray()));
        return path;
    }

    [Fact]
    public void TruncatedGzip()
    {
        var bytes = File.ReadAllBytes(TestPaths.SharedFile("data", "real", "fsl_auditory", "zstat.nii.gz"));
        string path = _temp.File("cut.nii.gz");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated gzip", Fails(path).Problem);
    }

    [Fact]
    public void GzipCutJustBeforeItsTrailerIsCaught()
    {
        string whole = SmallImage("whole.nii.gz");
        var bytes = File.ReadAllBytes(whole);
        string path = _temp.File("no-trailer.nii.gz");
        File.WriteAllBytes(path, bytes[..^6]);
        Assert.Contains("gzip", Fails(path).Problem);
    }

    [Fact]
    public void NotANifti()
    {
        string path = _temp.File("notes.nii");
        File.WriteAllText(path, "these are not the voxels you are looking for, " + new string('x', 600));
        Assert.Contains("not a NIfTI file", Fails(path).Problem);
        string empty = _temp.File("empty.nii.gz");
        File.WriteAllBytes(empty, []);
        Assert.Contains("not a NIfTI file", Fails(empty).Problem);
    }

    [Fact]
    public void BadMagic()
    {
        var bytes = File.ReadAllBytes(SmallImage("m.nii"));
        bytes[344] = (byte)'x';
        string path = _temp.File("badmagic.nii");
        File.WriteAllBytes(path, bytes);
        Assert.Contains("magic", Fails(path).Problem);
    }

    [Fact]
    public void DataShorterThanTheHeaderSays()
    {
        var bytes = File.ReadAllBytes(SmallImage("s.nii"));
        string path = _temp.File("short.nii");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        Assert.Contains("data shorter than the header says", Fails(path).Problem);

        // A whole, valid gzip stream that holds too little data.
        string gz = _temp.File("short.nii.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            zip.Write(bytes, 0, bytes.Length - 100);
        Assert.Contains("data shorter than the header says", Fails(gz).Problem);
    }

    [Fact]
    public void AbsurdDimensionsFailAtOnceAndAllocateNothing()
    {
        var bytes = File.ReadAllBytes(SmallImage("a.nii"))[..400];
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(42), 30000);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44), 30000);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(46), 30000);
        string path = _temp.File("absurd.nii");
        File.WriteAllBytes(path, bytes);
        NiftiFile.ReadHeader(SmallImage("warm.nii"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Fails(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("absurd dimensions 30000x30000x30000", e.Problem);
        Assert.True(allocated < 1_000_000, $"allocated {allocated:N0} bytes");

        // Plausible-looking but too large for the file: 1000^3 float32 in 400 bytes.
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(42), 1000);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44), 1000);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(46), 1000);
        File.WriteAllBytes(path, bytes);
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("data shorter than the header says", Fails(path).Problem);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);

        // The same in a gzip file: no allocation of the claimed 4 GB either.
        string gz = _temp.File("absurd.nii.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            zip.Write(bytes);
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("data shorter than the header says", Fails(gz).Problem);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }

    [Theory]
    [InlineData((short)32, "complex64")]
    [InlineData((short)128, "rgb24")]
    [InlineData((short)1536, "float128")]
    [InlineData((short)99, "99")]
    public void UnsupportedDatatype(short code, string name)
    {
        var bytes = File.ReadAllBytes(SmallImage("u.nii"));
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(70), code);
        string path = _temp.File("unsupported.nii");
        File.WriteAllBytes(path, bytes);
        var e = Fails(path);
        Assert.Contains("unsupported datatype", e.Problem);
        Assert.Contains(name, e.Problem);
    }

    [Fact]
    public void MissingFileAndFolder()
    {
        Assert.Contains("no such file", Fails(_temp.File("absent.nii.gz")).Problem);
        Assert.Contains("directory", Fails(_temp.Path).Problem);
    }

    [Fact]
    public void MissingImgOfAPair()
    {
        string hdr = _temp.File("lonely.hdr");
        File.Copy(TestPaths.TestFile("Nifti", "Fixtures", "pair_float32.hdr"), hdr);
        Assert.Contains(".img", Fails(hdr).Problem);
    }
}
