using Ari.Thresholding;

namespace Ari.Tests.Thresholding;

/// <summary>Small hand-made cases of the peak table and the threshold rules, where the answer is known.</summary>
public class PeakTableTests
{
    private static Volume<double> Blank(int n = 12, double voxel = 2) => new(new ImageGrid(n, n, n, Affine.FromScaleAndOffset(voxel, voxel, voxel)));

    [Fact]
    public void TwoBlobsGivePeaksSubPeaksAndSizes()
    {
        var map = Blank(16);
        // A 6x2x2 bar with two bumps 10 mm apart (5 voxels of 2 mm): one cluster, a peak and a sub-peak.
        for (int i = 2; i < 8; i++) for (int j = 2; j < 4; j++) for (int k = 2; k < 4; k++) map[i, j, k] = 4;
        map[2, 2, 2] = 9;
        map[7, 2, 2] = 7;
        // A separate single voxel, weaker.
        map[12, 12, 12] = 5;
        var peaks = PeakTable.Compute(map, 3.5);
        Assert.Equal(["1", "1a", "2"], peaks.Select(p => p.ClusterId));
        Assert.Equal(9, peaks[0].PeakStat);
        Assert.Equal((2, 2, 2), peaks[0].Voxel);
        Assert.Equal(7, peaks[1].PeakStat);
        Assert.Null(peaks[1].ClusterSizeMm3);
        Assert.Equal(24 * 8, peaks[0].ClusterSizeMm3);
        Assert.Equal(8, peaks[2].ClusterSizeMm3);
    }

    [Fact]
    public void SubPeaksCloserThanMinDistanceAreDropped()
    {
        var map = Blank(16);
        for (int i = 2; i < 8; i++) map[i, 2, 2] = 4;
        map[2, 2, 2] = 9;
        map[5, 2, 2] = 7;  // 6 mm away: within 8 mm, dropped
        // The bar's far end (i = 7, value 4) is a local maximum too (its outer neighbour is 0), 10 mm from the peak: kept.
        var peaks = PeakTable.Compute(map, 3.5);
        Assert.Equal(["1", "1a"], peaks.Select(p => p.ClusterId));
        Assert.Equal((7, 2, 2), peaks[1].Voxel);
        Assert.Equal(4, peaks[1].PeakStat);
        // At 5 mm the 7 is kept, and then the far end (4 mm from it) is dropped: the last kept peak decides.
        Assert.Equal([9, 7], PeakTable.Compute(map, 3.5, minDistance: 5).Select(p => p.PeakStat));
    }

    [Fact]
    public void TwoSidedNumbersNegativeClustersAgainAndExtentRemovesSmallOnes()
    {
        var map = Blank();
        map[2, 2, 2] = 5;
        for (int i = 6; i < 9; i++) map[i, 6, 6] = -6;
        map[7, 6, 6] = -8;
        var peaks = PeakTable.Compute(map, 3, twoSided: true);
        Assert.Equal(["1", "1"], peaks.Select(p => p.ClusterId));
        Assert.Equal([5, -8], peaks.Select(p => p.PeakStat));
        var kept = PeakTable.Compute(map, 3, extent: 2, twoSided: true);
        Assert.Equal([-8], kept.Select(p => p.PeakStat));
        var thresholded = ThresholdedMap.Apply(map, 3, 2, twoSided: true);
        Assert.Equal(0, thresholded[2, 2, 2]);
        Assert.Equal(-6, thresholded[6, 6, 6]);
        Assert.DoesNotContain(PeakTable.Compute(map, 3, twoSided: false), p => p.PeakStat < 0);
    }

    [Fact]
    public void FdrThresholdIsBenjaminiHochberg()
    {
        // Brute force: the largest k with p_(k) < alpha k / n; threshold just below z_(k).
        var rng = new Random(3);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = rng.Next(1, 300);
            var z = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 6 - 1).ToArray();
            var sorted = z.OrderByDescending(v => v).ToArray();
            int best = -1;
            for (int k = 0; k < n; k++)
                if (Ari.Statistics.Normal.Sf(sorted[k]) < 0.05 * (k + 1) / n) best = k;
            double expected = best < 0 ? double.PositiveInfinity : sorted[best] - 1e-12;
            Assert.Equal(expected, StatThreshold.FdrThreshold((double[])z.Clone(), 0.05), 1e-12);
        }
    }

    [Fact]
    public void ValuesAtTheThresholdAreKeptButNotInClusters()
    {
        var map = Blank();
        map[3, 3, 3] = 3;
        map[6, 6, 6] = 4;
        var thresholded = ThresholdedMap.Apply(map, 3, 0, twoSided: false);
        Assert.Equal(3, thresholded[3, 3, 3]);
        Assert.Single(PeakTable.Compute(map, 3));
    }
}
