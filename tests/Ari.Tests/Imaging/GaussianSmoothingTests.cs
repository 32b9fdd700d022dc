using System.Text.Json;
using Ari.Imaging;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Imaging;

/// <summary>
/// Smoothing against scipy.ndimage.gaussian_filter1d applied the way nilearn applies it
/// (tests/reference-scripts/gaussian_smoothing_values.py).
/// </summary>
public class GaussianSmoothingTests
{
    private static readonly Lazy<JsonDocument> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.TestFile("Imaging", "gaussian_smoothing_values.json"))));

    public static IEnumerable<object[]> Cases() =>
        Enumerable.Range(0, Reference.Value.RootElement.GetProperty("cases").GetArrayLength()).Select(i => new object[] { i });

    private static (JsonElement Case, ImageGrid Grid, double[] Input, double[] Expected) Load(int index)
    {
        var c = Reference.Value.RootElement.GetProperty("cases")[index];
        var shape = c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var affine = Affine.FromRows(c.GetProperty("affine").EnumerateArray().Select(e => e.GetDouble()).ToArray());
        var nonFinite = c.GetProperty("input_nonfinite");
        var input = c.GetProperty("input").EnumerateArray().Select((e, i) => e.ValueKind == JsonValueKind.Null
            ? nonFinite.GetProperty(i.ToString()).GetString() switch { "nan" => double.NaN, "inf" => double.PositiveInfinity, _ => double.NegativeInfinity }
            : e.GetDouble()).ToArray();
        var expected = c.GetProperty("expected").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return (c, new ImageGrid(shape[0], shape[1], shape[2], affine), input, expected);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScipyBitForBit(int index)
    {
        var (c, grid, input, expected) = Load(index);
        double fwhm = c.GetProperty("fwhm").GetDouble();
        var sigma = GaussianSmoothing.SigmaInVoxels(grid, fwhm);
        var scipySigma = c.GetProperty("sigma").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(scipySigma, new[] { sigma.X, sigma.Y, sigma.Z });

        if (c.GetProperty("dtype").GetString() == "float32")
        {
            var volume = new Volume<float>(grid, input.Select(v => (float)v).ToArray());
            var smoothed = GaussianSmoothing.Smooth(volume, fwhm);
            Assert.Equal(input.Select(v => (float)v), volume.Data); // the input is left alone
            for (int i = 0; i < expected.Length; i++)
                Assert.True((float)expected[i] == smoothed.Data[i], $"{c.GetProperty("name")}: voxel {i}: {smoothed.Data[i]:R} != {expected[i]:R}");
        }
        else
        {
            var smoothed = GaussianSmoothing.Smooth(new Volume<double>(grid, input), fwhm);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - smoothed.Data[i]) <= 1e-13 * Math.Max(1, Math.Abs(expected[i])),
                    $"{c.GetProperty("name")}: voxel {i}: {smoothed.Data[i]:R} != {expected[i]:R}");
        }
    }

    [Fact]
    public void KernelWeightsMatchScipy()
    {
        foreach (var k in Reference.Value.RootElement.GetProperty("kernels").EnumerateArray())
        {
            var expected = k.GetProperty("weights").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var actual = GaussianSmoothing.Kernel(k.GetProperty("sigma").GetDouble());
            Assert.Equal(expected.Length, actual.Length);
            // numpy's exp (AVX-512 on the machine that made the table) and libm's may differ in the last bit.
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-15 * expected[i], $"sigma {k.GetProperty("sigma")}: weight {i}: {actual[i]:R} != {expected[i]:R}");
        }
    }

    [Fact]
    public void LargeVolumeUsesAllCodePathsAndAgreesWithScalarReference()
    {
        // A grid big enough for the parallel, vectorised paths, compared with a plain triple loop.
        var grid = new ImageGrid(37, 29, 23, Affine.FromScaleAndOffset(2, 2.5, 3));
        var rng = new Random(7);
        var data = Enumerable.Range(0, grid.VoxelCount).Select(_ => (float)(rng.NextDouble() * 100 - 50)).ToArray();
        var volume = new Volume<float>(grid, data);
        var fast = GaussianSmoothing.Smooth(volume, 7.0);
        var sigma = GaussianSmoothing.SigmaInVoxels(grid, 7.0);
        var slow = (float[])data.Clone();
        NaiveFilter(slow, grid, 0, GaussianSmoothing.Kernel(sigma.X));
        NaiveFilter(slow, grid, 1, GaussianSmoothing.Kernel(sigma.Y));
        NaiveFilter(slow, grid, 2, GaussianSmoothing.Kernel(sigma.Z));
        Assert.Equal(slow, fast.Data);
    }

    [Fact]
    public void ConstantStaysConstantAndZeroFwhmIsIdentity()
    {
        var grid = new ImageGrid(12, 10, 9, Affine.FromScaleAndOffset(3, 3, 3));
        var ones = new Volume<double>(grid, Enumerable.Repeat(5.0, grid.VoxelCount).ToArray());
        var smoothed = GaussianSmoothing.Smooth(ones, 10.0);
        Assert.All(smoothed.Data, v => Assert.Equal(5.0, v, 1e-12));

        var random = new Volume<double>(grid, Enumerable.Range(0, grid.VoxelCount).Select(i => Math.Sin(i)).ToArray());
        Assert.Equal(random.Data, GaussianSmoothing.Smooth(random, 0.0).Data);
        Assert.Equal(random.Data, GaussianSmoothing.Smooth(random, (0.0, 0.0, 0.0)).Data);
    }

    [Fact]
    public void PerAxisFwhmSmoothsOnlyTheNamedAxes()
    {
        var grid = new ImageGrid(9, 9, 9, Affine.Identity);
        var impulse = new Volume<double>(grid);
        impulse[4, 4, 4] = 1;
        var smoothed = GaussianSmoothing.Smooth(impulse, (0.0, 4.0, 0.0));
        Assert.Equal(0.0, smoothed[3, 4, 4]);
        Assert.Equal(0.0, smoothed[4, 4, 3]);
        Assert.True(smoothed[4, 3, 4] > 0);
        Assert.Equal(1.0, smoothed.Data.Sum(), 12);
    }

    [Fact]
    public void RejectsNegativeOrNonFiniteFwhm()
    {
        var volume = new Volume<float>(new ImageGrid(2, 2, 2, Affine.Identity));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianSmoothing.Smooth(volume, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianSmoothing.Smooth(volume, double.NaN));
    }

    /// <summary>scipy's correlate1d written as plainly as possible (for the cross-check above).</summary>
    private static void NaiveFilter(float[] data, ImageGrid grid, int axis, double[] w)
    {
        int r = w.Length / 2;
        int[] n = [grid.Nx, grid.Ny, grid.Nz];
        var copy = data.Select(v => (double)v).ToArray();
        for (int k = 0; k < grid.Nz; k++)
            for (int j = 0; j < grid.Ny; j++)
                for (int i = 0; i < grid.Nx; i++)
                {
                    int[] at = [i, j, k];
                    double Value(int offset)
                    {
                        int[] p = (int[])at.Clone();
                        int len = n[axis], m = ((p[axis] + offset) % (2 * len) + 2 * len) % (2 * len);
                        p[axis] = m < len ? m : 2 * len - 1 - m;
                        return copy[grid.Index(p[0], p[1], p[2])];
                    }
                    double acc = Value(0) * w[r];
                    for (int m = r; m >= 1; m--) acc += (Value(-m) + Value(m)) * w[r - m];
                    data[grid.Index(i, j, k)] = (float)acc;
                }
    }
}
