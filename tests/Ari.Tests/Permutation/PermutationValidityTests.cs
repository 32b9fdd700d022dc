using Ari.Glm;
using Ari.Imaging;
using Ari.Masking;
using Ari.Permutation;
using Ari.RandomNumbers;
using Ari.Datasets.Simulation;

namespace Ari.Tests.Permutation;

/// <summary>
/// Family-wise error control on pure noise: 200 data sets of 16 smooth Gaussian noise maps (12 x 12 x 10 grid,
/// FWHM 2.5 voxels, zero mean), one-sample sign flips (100 random flips each, identity included), cluster threshold
/// p &lt; 0.01, stepped TFCE. For each of max-T, cluster size, cluster mass and TFCE, the share of sets with any
/// voxel at FWE p ≤ 0.05 must stay below 0.05 + 2 standard errors = 0.05 + 2 √(0.05·0.95/200) = 0.0808
/// (16 of 200), and above 0.05 - 2 SE (sign flips are exact, so the rate is 0.05 in expectation: 5 of 100).
/// </summary>
public class PermutationValidityTests
{
    [Fact]
    public void FamilyWiseErrorOnPureNoiseStaysAtFivePercent()
    {
        const int sets = 200, subjects = 16, permutations = 100;
        var grid = new ImageGrid(12, 12, 10, Affine.Identity);
        var mask = Mask.Full(grid);
        var neighbours = new MaskNeighbours(mask);
        var design = PermutationDesign.OneSample(subjects);
        double threshold = Ari.Statistics.StudentT.Isf(0.01, design.Dof);
        var options = new PermutationOptions(false, threshold, new Tfce(TfceMode.Stepped));
        var rejections = new int[4];
        var sigma = GaussianSmoothing.SigmaInVoxels(grid, 2.5);
        for (int set = 0; set < sets; set++)
        {
            var sampler = new NormalSampler(new Xoshiro256StarStar(1000UL + (ulong)set));
            var maps = new List<Volume<float>>();
            for (int s = 0; s < subjects; s++)
            {
                var noise = new double[grid.VoxelCount];
                sampler.Fill(noise);
                GaussianSmoothing.SmoothVoxels(noise, grid, sigma);
                maps.Add(new Volume<float>(grid, noise.Select(x => (float)x).ToArray()));
            }
            var data = PermutationData.Load(maps, null, mask);
            var kernel = PermutedStatistics.CreateKernel(data, design);
            var sequence = PermutationSequence.Create(design, permutations, (ulong)set);
            var maxima = PermutationEngine.Run(kernel, design, sequence, 0, sequence.Count, options, neighbours, batchSize: 50);
            double[][] columns = [maxima.MaxT, maxima.MaxSize!, maxima.MaxMass!, maxima.MaxTfce!];
            for (int m = 0; m < 4; m++)
            {
                // any voxel significant <=> the observed maximum's p <= 0.05 (a positive maximum for clusters)
                double observed = columns[m][0];
                double p = columns[m].Count(x => x >= observed) / (double)permutations;
                if (p <= 0.05 && (m == 0 || observed > 0)) rejections[m]++;
            }
        }
        double se = Math.Sqrt(0.05 * 0.95 / sets);
        string[] names = ["max-T", "cluster size", "cluster mass", "TFCE"];
        for (int m = 0; m < 4; m++)
        {
            double rate = rejections[m] / (double)sets;
            Assert.True(rate <= 0.05 + 2 * se, $"{names[m]}: {rejections[m]} of {sets} noise sets had a FWE-significant voxel ({rate:0.###} > {0.05 + 2 * se:0.###})");
            Assert.True(rate >= 0.05 - 2 * se - 1e-12, $"{names[m]}: only {rejections[m]} of {sets} noise sets rejected: the test is too conservative");
        }
    }
}
