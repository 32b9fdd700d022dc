using Ari.Imaging;
using Ari.Inference;
using Ari.Masking;
using Ari.Statistics;

namespace Ari.Tests.Inference;

/// <summary>Cluster-level inference on hand-built images whose clusters and bounds are known.</summary>
public class ClusterLevelInferenceTests
{
    private static readonly ImageGrid Grid = new(12, 10, 8, Affine.FromScaleAndOffset(2, 3, 4, -10, -20, -30));

    /// <summary>A map of small noise with a positive blob (z = 6) and a negative blob (z = -6) of 2x2x2 voxels.</summary>
    private static Volume<double> TwoBlobs()
    {
        var z = new Volume<double>(Grid);
        var random = new Random(3);
        for (int v = 0; v < z.Data.Length; v++) z.Data[v] = 0.5 * (random.NextDouble() - 0.5);
        for (int i = 1; i <= 2; i++) for (int j = 1; j <= 2; j++) for (int k = 1; k <= 2; k++)
        {
            z[i, j, k] = 6 + 0.1 * i;
            z[i + 7, j + 6, k + 4] = -6 - 0.1 * j;
        }
        return z;
    }

    [Fact]
    public void OneSidedFindsOnlyThePositiveBlob()
    {
        var z = TwoBlobs();
        var result = ClusterLevelInference.Compute(z, [3.0], 0.05, Mask.Full(Grid));

        var cluster = Assert.Single(result.Clusters.Clusters);
        Assert.Equal((1, 3.0, 8), (cluster.Id, cluster.Threshold!.Value, cluster.Size));
        var p = z.Data.Select(Normal.Sf).ToArray();
        Assert.Equal(ExpectedBound(p, BlobMembers(z, v => v > 3)), cluster.TrueDiscoveries);
        Assert.Equal(cluster.TrueDiscoveries / 8.0, cluster.Tdp);
        Assert.Equal(6.2, cluster.PeakStat);
        Assert.Equal((2, 1, 1), cluster.PeakVoxel);
        Assert.Equal(new Point3(-6, -17, -26), cluster.PeakMm);
        Assert.Equal(new Point3(1.5, 1.5, 1.5), cluster.CentreOfMassVoxel);
        Assert.Equal(new Point3(-7, -15.5, -24), cluster.CentreOfMassMm);
        Assert.All(Enumerable.Range(0, z.Data.Length), v => Assert.Equal(z.Data[v] > 3 ? cluster.Tdp : 0, result.Tdp.Data[v]));
    }

    [Fact]
    public void TwoSidedGivesNegativeClustersTheirOwnBoundAndANegativeSign()
    {
        var z = TwoBlobs();
        var result = ClusterLevelInference.Compute(z, [3.0], 0.05, Mask.Full(Grid), new ClusterLevelOptions { TwoSided = true });

        Assert.Equal(2, result.Clusters.Count);
        var (positive, negative) = (result.Clusters.Clusters[0], result.Clusters.Clusters[1]);
        Assert.Equal((1, 3.0), (positive.Id, positive.Threshold!.Value));
        Assert.Equal((2, -3.0), (negative.Id, negative.Threshold!.Value));
        var p = z.Data.Select(v => Math.Min(1, 2 * Normal.Sf(Math.Abs(v)))).ToArray();
        Assert.Equal(ExpectedBound(p, BlobMembers(z, v => v < -3)), negative.TrueDiscoveries);
        Assert.True(negative.TrueDiscoveries > 0);
        Assert.Equal(-6.2, negative.PeakStat);
        Assert.Equal((8, 8, 5), negative.PeakVoxel);
        for (int v = 0; v < z.Data.Length; v++)
        {
            double expected = z.Data[v] > 3 ? positive.Tdp : z.Data[v] < -3 ? -negative.Tdp : 0;
            Assert.Equal(expected, result.Tdp.Data[v]);
        }
    }

    [Fact]
    public void EachVoxelTakesTheHighestThresholdContainingIt()
    {
        // A ridge: z = 4 in a 4x1x1 bar, z = 8 at two of its voxels, the rest 0.
        var z = new Volume<double>(Grid);
        for (int i = 2; i <= 5; i++) z[i, 4, 4] = 4;
        z[3, 4, 4] = z[4, 4, 4] = 8;
        var result = ClusterLevelInference.Compute(z, [5.0, 2.0], 0.05, Mask.Full(Grid));

        Assert.Equal(new double[] { 2, 5 }, result.Thresholds);
        Assert.Equal([(2.0, 4), (5.0, 2)], result.Clusters.Clusters.Select(c => (c.Threshold!.Value, c.Size)));
        var high = result.Clusters.Clusters[1];
        Assert.Equal(high.Tdp, result.Tdp[3, 4, 4]);
        Assert.Equal(result.Clusters.Clusters[0].Tdp, result.Tdp[2, 4, 4]);
    }

    [Theory]
    [InlineData(6, 3)]
    [InlineData(18, 2)]
    [InlineData(26, 1)]
    public void ConnectivityDecidesWhatIsOneCluster(int connectivity, int clusters)
    {
        // (1,1,1)-(2,2,1) share an edge; (2,2,1)-(3,3,2) share a corner.
        var z = new Volume<double>(Grid);
        z[1, 1, 1] = z[2, 2, 1] = z[3, 3, 2] = 5;
        var result = ClusterLevelInference.Compute(z, [3.0], 0.05, Mask.Full(Grid), new ClusterLevelOptions { Connectivity = connectivity });
        Assert.Equal(clusters, result.Clusters.Count);
    }

    [Fact]
    public void EverythingSignificantGivesTdpOneNotMore()
    {
        // Every p below alpha: h = 0, so every voxel is a discovery (nilearn would report (n + 1) / n).
        var z = new Volume<double>(Grid);
        Array.Fill(z.Data, 5.0);
        z[0, 0, 0] = double.PositiveInfinity;
        z[1, 0, 0] = 40; // p underflows to 0
        var result = ClusterLevelInference.Compute(z, [2.5], 0.05, Mask.Full(Grid));

        Assert.Equal(0, result.HommelValue);
        Assert.Equal(Grid.VoxelCount, result.TrueDiscoveries);
        var cluster = Assert.Single(result.Clusters.Clusters);
        Assert.Equal((Grid.VoxelCount, Grid.VoxelCount, 1.0), (cluster.Size, cluster.TrueDiscoveries, cluster.Tdp));
        Assert.All(result.Tdp.Data, v => Assert.Equal(1.0, v));
        Assert.Equal(double.PositiveInfinity, cluster.PeakStat);
    }

    [Fact]
    public void PZeroAndInfinitiesAmongNullsKeepBoundsWithinSize()
    {
        var z = new Volume<double>(Grid);
        var random = new Random(5);
        for (int v = 0; v < z.Data.Length; v++) z.Data[v] = random.NextDouble() - 0.5;
        z[5, 5, 5] = double.PositiveInfinity;
        z[5, 5, 6] = 45;
        z[5, 6, 5] = 3.2;
        z[6, 6, 6] = double.NegativeInfinity;
        z[7, 7, 7] = double.NaN;
        var result = ClusterLevelInference.Compute(z, [3.0], 0.05, Mask.Full(Grid));

        var cluster = Assert.Single(result.Clusters.Clusters);
        Assert.Equal(3, cluster.Size);
        var p = z.Data.Select(v => double.IsNaN(v) ? 1 : Normal.Sf(v)).ToArray();
        Assert.Equal(ExpectedBound(p, BlobMembers(z, v => v > 3)), cluster.TrueDiscoveries);
        Assert.Equal(2, cluster.TrueDiscoveries); // the two p = 0 voxels; nilearn's formula would say 3 (u = 0)
        Assert.Equal(0, result.Tdp[7, 7, 7]);
        Assert.All(result.Tdp.Data, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void RegionsOfALabelMapGetTheirOwnBounds()
    {
        var z = TwoBlobs();
        var labels = new Volume<double>(Grid);
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 4; k++) labels[i, j, k] = 7; // holds the positive blob
        for (int i = 6; i < 12; i++) for (int j = 5; j < 10; j++) for (int k = 4; k < 8; k++) labels[i, j, k] = 3; // the negative one
        labels[11, 0, 0] = 100;
        labels[11, 0, 7] = 55; // outside the mask below: not reported
        var flags = Enumerable.Repeat(true, Grid.VoxelCount).ToArray();
        flags[Grid.Index(11, 0, 7)] = false;
        var mask = Mask.FromFlags(Grid, flags);

        foreach (bool twoSided in new[] { false, true })
        {
            var result = ClusterLevelInference.Compute(z, [], 0.05, mask, new ClusterLevelOptions { Regions = labels, TwoSided = twoSided });

            Assert.Equal(new[] { 3, 7, 100 }, result.Clusters.Clusters.Select(c => c.Id));
            Assert.All(result.Clusters.Clusters, c => Assert.Null(c.Threshold));
            Assert.Equal(new[] { 120, 64, 1 }, result.Clusters.Clusters.Select(c => c.Size));
            var p = mask.Extract<double>(z.Data).Select(v => twoSided ? Math.Min(1, 2 * Normal.Sf(Math.Abs(v))) : Normal.Sf(v)).ToArray();
            foreach (var region in result.Clusters.Clusters)
            {
                var members = Enumerable.Range(0, mask.Count).Where(n => labels.Data[mask.Indices[n]] == region.Id).ToArray();
                Assert.Equal(ExpectedBound(p, members), region.TrueDiscoveries);
                Assert.All(members, n => Assert.Equal(region.Tdp, result.Tdp.Data[mask.Indices[n]]));
            }
            var negativeRegion = result.Clusters.Clusters[0];
            Assert.Equal(twoSided ? 8 : 0, negativeRegion.TrueDiscoveries);
            Assert.Equal(twoSided ? -6.2 : negativeRegion.PeakStat, negativeRegion.PeakStat);
            Assert.Equal(0, result.Tdp[11, 0, 7]);
        }
    }

    [Fact]
    public void GivenPValuesReplaceThoseOfTheStatistic()
    {
        var z = TwoBlobs();
        var pMap = new Volume<double>(Grid);
        Array.Fill(pMap.Data, 0.9);
        var result = ClusterLevelInference.Compute(z, [3.0], 0.05, Mask.Full(Grid), new ClusterLevelOptions { PValues = pMap });
        var cluster = Assert.Single(result.Clusters.Clusters);
        Assert.Equal((8, 0), (cluster.Size, cluster.TrueDiscoveries));
        Assert.Equal(Grid.VoxelCount, result.HommelValue);
    }

    [Fact]
    public void DefaultMaskIsTheBackgroundOfTheMap()
    {
        var z = TwoBlobs();
        for (int i = 0; i < 12; i++) for (int j = 0; j < 10; j++) { z[i, j, 0] = 0; z[i, j, 7] = 0; }
        var result = ClusterLevelInference.Compute(z, [3.0], 0.05);
        Assert.Equal(BackgroundMask.Compute(z).Count, result.Mask.Count);
        Assert.Equal(12 * 10 * 6, result.Mask.Count);
    }

    public static TheoryData<string, Func<ClusterLevelResult>, string> BadInputs()
    {
        var z = TwoBlobs();
        var full = Mask.Full(Grid);
        var other = new ImageGrid(12, 10, 9, Grid.Affine);
        var nan = new Volume<double>(Grid);
        Array.Fill(nan.Data, double.NaN);
        var badP = new Volume<double>(Grid);
        badP.Data[3] = 1.5;
        var badLabels = new Volume<double>(Grid);
        badLabels.Data[4] = 2.5;
        return new()
        {
            { "alpha 0", () => ClusterLevelInference.Compute(z, [3.0], 0, full), "alpha" },
            { "alpha 1", () => ClusterLevelInference.Compute(z, [3.0], 1, full), "alpha" },
            { "negative threshold", () => ClusterLevelInference.Compute(z, [-2.0], 0.05, full), "negative" },
            { "negative threshold two-sided", () => ClusterLevelInference.Compute(z, [-2.0], 0.05, full, new() { TwoSided = true }), "negative" },
            { "no threshold", () => ClusterLevelInference.Compute(z, [], 0.05, full), "threshold" },
            { "mask on another grid", () => ClusterLevelInference.Compute(z, [3.0], 0.05, Mask.Full(other)), "grid" },
            { "empty mask", () => ClusterLevelInference.Compute(z, [3.0], 0.05, Mask.FromFlags(Grid, new bool[Grid.VoxelCount])), "empty" },
            { "no finite value", () => ClusterLevelInference.Compute(nan, [3.0], 0.05, full), "no finite value" },
            { "p-values on another grid", () => ClusterLevelInference.Compute(z, [3.0], 0.05, full, new() { PValues = new Volume<double>(other) }), "grid" },
            { "p-value above 1", () => ClusterLevelInference.Compute(z, [3.0], 0.05, full, new() { PValues = badP }), "between 0 and 1" },
            { "labels on another grid", () => ClusterLevelInference.Compute(z, [], 0.05, full, new() { Regions = new Volume<double>(other) }), "grid" },
            { "fractional label", () => ClusterLevelInference.Compute(z, [], 0.05, full, new() { Regions = badLabels }), "whole numbers" },
            { "connectivity 7", () => ClusterLevelInference.Compute(z, [3.0], 0.05, full, new() { Connectivity = 7 }), "connectivity" },
        };
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputsAreAriExceptions(string name, Func<ClusterLevelResult> run, string fragment)
    {
        var e = Assert.Throws<AriException>(() => run());
        Assert.True(e.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase), $"{name}: {e.Message}");
    }

    private static int[] BlobMembers(Volume<double> z, Func<double, bool> inBlob) =>
        Enumerable.Range(0, z.Data.Length).Where(v => inBlob(z.Data[v])).ToArray();

    /// <summary>The ARI bound written out directly: h by trying every j, then max over u of 1 - u + #{h p_i &lt;= u alpha}.</summary>
    private static int ExpectedBound(double[] p, int[] members, double alpha = 0.05)
    {
        int h = BruteForceClosedTesting.Hommel(p, alpha);
        int best = 0;
        for (int u = 1; u <= members.Length; u++)
            best = Math.Max(best, 1 - u + members.Count(n => h * p[n] <= u * alpha));
        return best;
    }
}
