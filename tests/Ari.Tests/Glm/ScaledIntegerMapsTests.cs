using System.Buffers.Binary;
using Ari.Glm;
using Ari.Masking;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Glm;

/// <summary>
/// Scaled integer maps (scl_slope set) follow nibabel's dtype rule (issue 14, item 7): nibabel loads them as
/// float64, so nilearn smooths them in float64. Ari's model on scaled int16 files must equal its model on the
/// same values stored as float64 (both smoothed in float64), far closer than float32 smoothing would give.
/// </summary>
public class ScaledIntegerMapsTests
{
    private const float Slope = 0.001f;
    private const float Inter = 0.25f;

    [Fact]
    public void ScaledInt16MapsAreSmoothedInFloat64()
    {
        using var temp = new TempDirectory();
        var grid = new ImageGrid(12, 13, 11, Affine.FromScaleAndOffset(3, 3, 3));
        var random = new Random(14);
        var scaled = new List<string>();
        var asFloat64 = new List<string>();
        for (int m = 0; m < 6; m++)
        {
            var stored = new short[grid.VoxelCount];
            for (int v = 0; v < stored.Length; v++) stored[v] = (short)random.Next(-3000, 3000);
            string path = temp.File($"scaled{m}.nii");
            NiftiWriter.Write(path, new Volume<short>(grid, stored));
            var bytes = File.ReadAllBytes(path);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(112), Slope);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(116), Inter);
            File.WriteAllBytes(path, bytes);
            scaled.Add(path);

            string exact = temp.File($"float64_{m}.nii");
            NiftiWriter.Write(exact, new Volume<double>(grid, stored.Select(s => s * (double)Slope + Inter).ToArray()));
            asFloat64.Add(exact);
        }
        Assert.True(NiftiFile.ReadHeader(scaled[0]).ScalesToFloat64);
        Assert.True(MapSource.FromFiles(scaled).DoublePrecision);
        Assert.Equal(NiftiFile.Read(asFloat64[0]).Data, NiftiFile.Read(scaled[0]).Data);

        var mask = Mask.Full(grid);
        var z1 = new SecondLevelModel { SmoothingFwhm = 6, Mask = mask }.Fit(scaled).ComputeContrast().ZScore;
        var z2 = new SecondLevelModel { SmoothingFwhm = 6, Mask = mask }.Fit(asFloat64).ComputeContrast().ZScore;
        double worst = z1.Zip(z2, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < 1e-12, $"largest z difference {worst} (float32 smoothing gives ~1e-7)");
    }

    [Theory]
    [InlineData(1f, 0f, false)]
    [InlineData(0f, 0f, false)]
    [InlineData(float.NaN, 0f, false)]
    [InlineData(2f, 0f, true)]
    [InlineData(1f, 0.5f, true)]
    public void NibabelDtypeRule(float slope, float inter, bool float64)
    {
        // nibabel 5: np.asanyarray(img.dataobj).dtype is float64 exactly when a scaling other than (1, 0) applies.
        var header = new NiftiHeader { DataType = NiftiDataType.Int16, SclSlope = slope, SclInter = inter };
        Assert.Equal(float64, header.ScalesToFloat64);
    }
}
