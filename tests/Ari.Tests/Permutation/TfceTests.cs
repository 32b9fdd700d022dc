using Ari.Imaging;
using Ari.Masking;
using Ari.Permutation;
using Ari.RandomNumbers;

namespace Ari.Tests.Permutation;

/// <summary>TFCE (component forest with potentials) against brute force: a labelling at every height.</summary>
public class TfceTests
{
    private static (Mask Mask, double[] T) RandomMap(ulong seed, int nx = 7, int ny = 6, int nz = 5)
    {
        var grid = new ImageGrid(nx, ny, nz, Affine.Identity);
        var random = new Xoshiro256StarStar(seed);
        var flags = new bool[grid.VoxelCount];
        for (int i = 0; i < flags.Length; i++) flags[i] = random.NextDouble() < 0.9;
        var mask = Mask.FromFlags(grid, flags);
        // smooth-ish values: a sum of a few bumps plus noise, both signs
        var t = new double[mask.Count];
        for (int p = 0; p < t.Length; p++)
        {
            var (i, j, k) = grid.Coordinates(mask.Indices[p]);
            t[p] = 4 * Math.Exp(-((i - 2) * (i - 2) + (j - 2) * (j - 2) + (k - 1) * (k - 1)) / 6.0)
                 - 3 * Math.Exp(-((i - 5) * (i - 5) + (j - 4) * (j - 4) + (k - 3) * (k - 3)) / 4.0)
                 + (random.NextDouble() - 0.5);
        }
        return (mask, t);
    }

    /// <summary>nilearn's loop: for each height h_k, label value ≥ h_k, add size^E h_k^H.</summary>
    private static double[] SteppedBruteForce(Mask mask, double[] t, bool twoSided, double e = 0.5, double h = 2)
    {
        double max = twoSided ? t.Max(Math.Abs) : Math.Max(0, t.Max());
        var result = new double[t.Length];
        if (max <= 0) return result;
        double step = max / 100;
        int levels = (int)Math.Ceiling((max + step - step) / step);
        foreach (int sign in twoSided ? new[] { 1, -1 } : [1])
            for (int k = 0; k < levels; k++)
            {
                double height = step + k * step;
                AddComponents(mask, t, sign, height, Math.Pow(height, h), e, result);
            }
        return result;
    }

    private static void AddComponents(Mask mask, double[] t, int sign, double height, double weight, double e, double[] result)
    {
        var grid = mask.Grid;
        var foreground = new bool[grid.VoxelCount];
        for (int p = 0; p < t.Length; p++) foreground[mask.Indices[p]] = sign * t[p] >= height;
        var labels = new int[grid.VoxelCount];
        int n = ConnectedComponents.Label(grid, foreground, labels, 6);
        var sizes = new int[n + 1];
        foreach (int l in labels) if (l > 0) sizes[l]++;
        for (int p = 0; p < t.Length; p++)
        {
            int l = labels[mask.Indices[p]];
            if (l > 0) result[p] += sign * Math.Pow(sizes[l], e) * weight;
        }
    }

    /// <summary>∫_0^{u_v} size_h(v)^E h^H dh, piecewise between consecutive distinct values.</summary>
    private static double[] ExactBruteForce(Mask mask, double[] t, bool twoSided, double e = 0.5, double h = 2)
    {
        var result = new double[t.Length];
        foreach (int sign in twoSided ? new[] { 1, -1 } : [1])
        {
            var heights = t.Select(x => sign * x).Where(x => x > 0).Distinct().Order().ToArray();
            double below = 0;
            foreach (double top in heights)
            {
                double weight = (Math.Pow(top, h + 1) - Math.Pow(below, h + 1)) / (h + 1);
                AddComponents(mask, t, sign, top, weight, e, result);
                below = top;
            }
        }
        return result;
    }

    [Theory]
    [InlineData(1UL, true)]
    [InlineData(2UL, false)]
    [InlineData(3UL, true)]
    public void SteppedTfceEqualsALabellingAtEveryStep(ulong seed, bool twoSided)
    {
        var (mask, t) = RandomMap(seed);
        var expected = SteppedBruteForce(mask, t, twoSided);
        var tfce = new Tfce(TfceMode.Stepped);
        var values = new double[t.Length];
        double max = tfce.Compute(t, twoSided, new MaskNeighbours(mask), new Tfce.Scratch(t.Length), values);
        for (int p = 0; p < t.Length; p++)
            Assert.True(Math.Abs(values[p] - expected[p]) <= 1e-10 * Math.Max(1, Math.Abs(expected[p])), $"voxel {p}: {values[p]:R} vs {expected[p]:R}");
        Assert.Equal(expected.Max(Math.Abs), max, 1e-9);
    }

    [Theory]
    [InlineData(4UL, true)]
    [InlineData(5UL, false)]
    public void ExactTfceEqualsThePiecewiseIntegral(ulong seed, bool twoSided)
    {
        var (mask, t) = RandomMap(seed);
        var expected = ExactBruteForce(mask, t, twoSided);
        var values = new double[t.Length];
        new Tfce(TfceMode.Exact).Compute(t, twoSided, new MaskNeighbours(mask), new Tfce.Scratch(t.Length), values);
        for (int p = 0; p < t.Length; p++)
            Assert.True(Math.Abs(values[p] - expected[p]) <= 1e-10 * Math.Max(1, Math.Abs(expected[p])), $"voxel {p}: {values[p]:R} vs {expected[p]:R}");
    }
}
