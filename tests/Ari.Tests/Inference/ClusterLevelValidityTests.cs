using Ari.Imaging;
using Ari.Inference;
using Ari.Masking;

namespace Ari.Tests.Inference;

/// <summary>
/// The bounds hold: over many simulated maps with known truth, the share of maps in which some cluster's bound
/// exceeds its number of truly active voxels stays at or below about alpha (ARI controls this simultaneously
/// for all clusters).
/// </summary>
public class ClusterLevelValidityTests
{
    private static readonly ImageGrid Grid = new(16, 16, 16, Affine.Identity);

    [Theory]
    [InlineData(0.0, 11)]  // pure noise: every bound must be 0
    [InlineData(2.5, 12)]  // a weak effect: clusters mix active and inactive voxels
    [InlineData(4.0, 13)]  // a strong effect
    public void BoundsExceedTheTruthInAtMostAboutAlphaOfTheMaps(double effect, int seed)
    {
        const int maps = 300;
        const double alpha = 0.1;
        var random = new Random(seed);
        var active = new bool[Grid.VoxelCount];
        for (int i = 4; i < 10; i++) for (int j = 4; j < 10; j++) for (int k = 4; k < 10; k++)
            active[Grid.Index(i, j, k)] = effect > 0;
        var mask = Mask.Full(Grid);
        int failures = 0, clustersSeen = 0, discoveries = 0;
        for (int s = 0; s < maps; s++)
        {
            var z = new Volume<double>(Grid);
            for (int v = 0; v < z.Data.Length; v++) z.Data[v] = Gaussian(random) + (active[v] ? effect : 0);
            var result = ClusterLevelInference.Compute(z, [2.0, 3.0], alpha, mask, new ClusterLevelOptions { Connectivity = 26 });
            bool failed = false;
            foreach (var (cluster, truth) in TruthPerCluster(z, result, active))
            {
                clustersSeen++;
                discoveries += cluster.TrueDiscoveries;
                if (cluster.TrueDiscoveries > truth) failed = true;
            }
            if (failed) failures++;
        }
        double rate = (double)failures / maps;
        double allowed = alpha + 3 * Math.Sqrt(alpha * (1 - alpha) / maps);
        Assert.True(rate <= allowed, $"bounds exceeded the truth in {failures} of {maps} maps ({rate:P1}; allowed {allowed:P1})");
        Assert.True(clustersSeen > maps, "the simulation should form clusters");
        if (effect >= 4) Assert.True(discoveries > 0, "a strong effect should be found");
    }

    /// <summary>Each cluster and the number of truly active voxels in it (clusters re-derived from the map).</summary>
    private static IEnumerable<(Cluster Cluster, int Truth)> TruthPerCluster(Volume<double> z, ClusterLevelResult result, bool[] active)
    {
        foreach (double t in result.Thresholds)
        {
            var fg = z.Data.Select(v => v > t).ToArray();
            var labels = new int[fg.Length];
            ConnectedComponents.Label(Grid, fg, labels, 26);
            foreach (var cluster in result.Clusters.Clusters.Where(c => c.Threshold == t))
            {
                int truth = 0;
                for (int v = 0; v < labels.Length; v++)
                    if (labels[v] == cluster.Id && active[v]) truth++;
                yield return (cluster, truth);
            }
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
