using System.IO.Compression;
using Ari.Nifti;
using Ari.Nifti.Gzip;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Nifti;

/// <summary>The writer's parallel gzip: one valid member (CRC-32 and length of the whole), read by any gzip reader.</summary>
public class ParallelGzipTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(3 << 20)]
    [InlineData((5 << 20) + 12345)]
    public void OneMemberThatGZipStreamReadsBack(int length)
    {
        var random = new Random(length);
        var data = new byte[length];
        // Half noise, half runs: compressible and not.
        for (int i = 0; i < length; i++) data[i] = (i / 4096) % 2 == 0 ? (byte)random.Next(256) : (byte)(i / 100000);
        using var memory = new MemoryStream();
        ParallelGzip.Write(memory, data, CompressionLevel.Fastest);
        var gz = memory.ToArray();
        Assert.Equal(0x1f, gz[0]);
        Assert.Equal(0x8b, gz[1]);
        Assert.Equal((uint)length, BitConverter.ToUInt32(gz, gz.Length - 4));
        using var unzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var back = new MemoryStream();
        unzip.CopyTo(back);
        Assert.Equal(data, back.ToArray());
    }

    [Fact]
    public void LargeImagesRoundTripThroughTheReader()
    {
        using var temp = new TempDirectory();
        var grid = new ImageGrid(96, 100, 90, Affine.FromScaleAndOffset(2, 2, 2, -90, -126, -72));
        var values = new double[grid.VoxelCount];
        for (int i = 0; i < values.Length; i += 7) values[i] = Math.Sin(i) * 5;
        string path = temp.File("big.nii.gz");
        NiftiWriter.Write(path, new Volume<double>(grid, values));
        Assert.Equal(values, NiftiFile.Read(path).Data);
        NiftiFile.Validate(path);
    }
}
