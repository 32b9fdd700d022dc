using System.Text.Json;
using Ari.Imaging;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Imaging;

/// <summary>Resampling against scipy.ndimage.affine_transform as nilearn calls it (tests/reference-scripts/resampling_values.py).</summary>
public class ResamplingTests
{
    private static readonly JsonElement Reference =
        TestPaths.Json("Imaging", "resampling_values.json");

    private static double[] Numbers(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static Volume<double> Source()
    {
        var shape = Reference.GetProperty("source_shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var grid = new ImageGrid(shape[0], shape[1], shape[2], Affine.FromRows(Numbers(Reference.GetProperty("source_affine"))));
        return new Volume<double>(grid, Numbers(Reference.GetProperty("source")));
    }

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Reference.GetProperty("cases").GetArrayLength(); i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScipyAffineTransform(int caseIndex)
    {
        var c = Reference.GetProperty("cases")[caseIndex];
        var shape = c.GetProperty("target_shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var target = new ImageGrid(shape[0], shape[1], shape[2], Affine.FromRows(Numbers(c.GetProperty("target_affine"))));
        var interpolation = c.GetProperty("interpolation").GetString() == "nearest" ? Interpolation.Nearest : Interpolation.Linear;
        var result = Resampling.Resample(Source(), target, interpolation);
        var expected = Numbers(c.GetProperty("expected"));
        Assert.Equal(expected.Length, result.Data.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - result.Data[i]) < 1e-12, $"{c.GetProperty("name")}/{interpolation} voxel {i}: {result.Data[i]} vs scipy {expected[i]}");
    }

    [Fact]
    public void SameGridIsACopy()
    {
        var source = Source();
        var result = Resampling.Resample(source, source.Grid, Interpolation.Linear);
        Assert.Equal(source.Data, result.Data);
        Assert.NotSame(source.Data, result.Data);
    }

    [Fact]
    public void LinearInterpolationIsExactForAnAffineFunction()
    {
        var grid = new ImageGrid(6, 5, 4, Affine.FromScaleAndOffset(2, 2, 2, -5, -4, -3));
        var source = new Volume<double>(grid);
        for (int k = 0; k < 4; k++) for (int j = 0; j < 5; j++) for (int i = 0; i < 6; i++)
            source[i, j, k] = 3 * i - 2 * j + 0.5 * k + 1;
        var target = new ImageGrid(4, 4, 3, Affine.FromScaleAndOffset(1.7, 1.9, 2.1, -4, -3, -2));
        var result = Resampling.Resample(source, target, Interpolation.Linear, fill: double.NaN);
        var toSource = grid.Affine.Inverse().Multiply(target.Affine);
        for (int k = 0; k < 3; k++) for (int j = 0; j < 4; j++) for (int i = 0; i < 4; i++)
        {
            var p = toSource.Apply(i, j, k);
            bool inside = p.X >= 0 && p.X <= 5 && p.Y >= 0 && p.Y <= 4 && p.Z >= 0 && p.Z <= 3;
            double v = result[i, j, k];
            if (inside) Assert.Equal(3 * p.X - 2 * p.Y + 0.5 * p.Z + 1, v, 1e-12);
            else Assert.True(double.IsNaN(v));
        }
    }
}
