using Ari.Imaging;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Nifti;

public class NiftiWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    public void Dispose() => _temp.Dispose();

    private static readonly Affine Oblique = new(-2, 0.125, 0, 90, 0.0625, 2, 0.25, -126, 0, -0.125, 2.5, -72);

    [Theory]
    [InlineData("f.nii", 1)]
    [InlineData("f.nii.gz", 1)]
    [InlineData("f2.nii", 2)]
    [InlineData("f2.nii.gz", 2)]
    public void RoundTripIsExact(string name, int version)
    {
        var rng = new Random(3);
        var grid = new ImageGrid(7, 5, 3, Oblique);
        var doubles = new Volume<double>(grid, Enumerable.Range(0, grid.VoxelCount).Select(_ => rng.NextDouble() * 1e3 - 500).ToArray());
        doubles.Data[3] = double.NaN;
        doubles.Data[4] = double.NegativeInfinity;
        var options = new NiftiWriteOptions { Version = version, Descrip = "round trip", IntentCode = 5, IntentName = "t", IntentP1 = 15, XyztUnits = 10, SformCode = 4, QformCode = 4 };
        string path = _temp.File(name);
        NiftiWriter.Write(path, doubles, options);
        var back = NiftiFile.Read(path);
        Assert.Equal(doubles.Data, back.Data);
        Assert.Equal(grid.Affine, back.Grid.Affine);
        var header = NiftiFile.ReadHeader(path);
        Assert.Equal(version, header.Version);
        Assert.Equal(NiftiDataType.Float64, header.DataType);
        Assert.Equal(("round trip", 5, "t", 15.0, 10, 4, 4),
            (header.Descrip, header.IntentCode, header.IntentName, header.IntentP1, header.XyztUnits, header.SformCode, header.QformCode));
    }

    [Fact]
    public void EachWritableDatatypeRoundTrips()
    {
        var grid = new ImageGrid(4, 3, 2, Affine.FromScaleAndOffset(3, 3, 3, -78, -112, -50));
        var values = Enumerable.Range(0, grid.VoxelCount).Select(i => (double)(i * 7 % 200)).ToArray();
        foreach (var type in new[] { NiftiDataType.UInt8, NiftiDataType.Int16, NiftiDataType.Int32, NiftiDataType.Float32, NiftiDataType.Float64 })
        {
            string path = _temp.File($"{type}.nii.gz");
            NiftiWriter.Write(path, new Volume<double>(grid, values), new NiftiWriteOptions { DataType = type });
            Assert.Equal(type, NiftiFile.ReadHeader(path).DataType);
            Assert.Equal(values, NiftiFile.Read(path).Data);
        }
        var floats = new Volume<float>(grid, values.Select(v => (float)v + 0.1f).ToArray());
        NiftiWriter.Write(_temp.File("f32.nii"), floats);
        Assert.Equal(floats.Data, NiftiFile.ReadVolume<float>(_temp.File("f32.nii")).Data);
    }

    [Fact]
    public void LargeGzipFilesAreTwoMembersCompressedTogetherAndReadBackExactly()
    {
        // 1.2 M float64 values (9.6 MB > the 8 MB threshold): one gzip member per core (two on this machine kind),
        // encoded a chunk at a time; the values straddle the split and the chunk boundaries.
        var rng = new Random(5);
        var grid = new ImageGrid(100, 100, 120, Affine.Identity);
        var data = new double[grid.VoxelCount];
        for (int i = 0; i < data.Length; i++) data[i] = i % 3 == 0 ? 0 : rng.NextDouble();
        string path = _temp.File("big.nii.gz");
        NiftiWriter.Write(path, new Volume<double>(grid, data));
        Assert.Equal(data, NiftiFile.Read(path).Data);
        var bytes = File.ReadAllBytes(path);
        int members = 0;
        for (int i = 0; i + 3 < bytes.Length; i++)
            if (bytes[i] == 0x1f && bytes[i + 1] == 0x8b && bytes[i + 2] == 8 && bytes[i + 3] == 0) members++;
        Assert.Equal(Math.Min(Environment.ProcessorCount, 2), members);
        // As a single member when asked (pages' DecompressionStream reads only the first member).
        using var single = new MemoryStream();
        NiftiWriter.WriteTo(single, gzip: true, grid, [data], NiftiWriteOptions.Default);
        single.Position = 0;
        using var gz = new System.IO.Compression.GZipStream(single, System.IO.Compression.CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gz.CopyTo(raw);
        Assert.Equal(352 + 8L * data.Length, raw.Length);
    }

    [Fact]
    public void IntegerTypesRefuseValuesTheyCannotHold()
    {
        var grid = new ImageGrid(2, 1, 1, Affine.Identity);
        Assert.Throws<OverflowException>(() =>
            NiftiWriter.Write(_temp.File("bad.nii"), new Volume<double>(grid, [1, 300]), new NiftiWriteOptions { DataType = NiftiDataType.UInt8 }));
        Assert.False(File.Exists(_temp.File("bad.nii")));
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void QformMatchesTheSformForAnAxisAlignedFlip()
    {
        var affine = Affine.FromScaleAndOffset(-3, 3, 3, 78, -112, -50);
        string path = _temp.File("flip.nii");
        NiftiWriter.Write(path, new Volume<float>(new ImageGrid(3, 3, 3, affine)));
        var header = NiftiFile.ReadHeader(path);
        Assert.Equal(-1, header.PixDim[0]);
        Assert.Equal((0.0, 1.0, 0.0), (header.QuaternB, header.QuaternC, header.QuaternD));
        Assert.True(NiftiAffines.Qform(header).IsClose(affine, 0, 1e-12), $"{NiftiAffines.Qform(header)} vs {affine}");
    }

    [Fact]
    public void QformApproximatesARotatedFlippedAffineWithinFloat32Quaternions()
    {
        // rotation about z by 30 degrees, voxel sizes 2, 3, 4, x flipped: a quaternion near 180 degrees,
        // whose w = sqrt(1 - b^2 - c^2 - d^2) is only as accurate as float32 b, c, d allow (as in nibabel).
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        var affine = new Affine(-2 * c, -3 * s, 0, 10, -2 * s, 3 * c, 0, -20, 0, 0, 4, 30);
        string path = _temp.File("rigid.nii");
        NiftiWriter.Write(path, new Volume<float>(new ImageGrid(3, 3, 3, affine)));
        var header = NiftiFile.ReadHeader(path);
        Assert.True(NiftiAffines.Qform(header).IsClose(affine, 0, 5e-3), $"{NiftiAffines.Qform(header)} vs {affine}");
        Assert.True(NiftiAffines.Sform(header).IsClose(affine, 1e-7, 1e-6));
        Assert.Equal(affine.Determinant < 0 ? -1 : 1, header.PixDim[0]);
    }

    [Fact]
    public void WritingIntoAMissingFolderCreatesIt()
    {
        string path = Path.Combine(_temp.Path, "nope", "deeper", "x.nii");
        NiftiWriter.Write(path, new Volume<float>(new ImageGrid(1, 1, 1, Affine.Identity)));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void NibabelReadsWhatAriWrites_HeaderFieldsMatchAReferenceHeader()
    {
        // The reference z map (written by nibabel) re-written by Ari keeps its grid and values exactly.
        string source = TestPaths.NilearnReference("z_score.nii.gz");
        var z = NiftiFile.Read(source);
        string path = _temp.File("z.nii.gz");
        NiftiWriter.Write(path, z, NiftiWriteOptions.From(NiftiFile.ReadHeader(source)));
        var back = NiftiFile.Read(path);
        Assert.Equal(z.Data, back.Data);
        Assert.Equal(z.Grid, back.Grid);
    }
}
