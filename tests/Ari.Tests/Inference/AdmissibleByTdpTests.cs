using Ari.Inference;

namespace Ari.Tests.Inference;

public class AdmissibleByTdpTests
{
    [Fact]
    public void BucketsIncreaseWithTdpAndOneIsInTheLast()
    {
        var tdps = new[] { 0.0, 1e-300, 1.0 / 4096, 0.25, 1.0 / 3, 0.5, 0.7, 0.9, 0.9999999, 1.0 };
        for (int i = 1; i < tdps.Length; i++)
            Assert.True(AdmissibleByTdp.BucketOf(tdps[i]) >= AdmissibleByTdp.BucketOf(tdps[i - 1]));
        Assert.Equal(0, AdmissibleByTdp.BucketOf(0));
        Assert.Equal(AdmissibleByTdp.Buckets - 1, AdmissibleByTdp.BucketOf(1));
    }

    [Fact]
    public void TheBucketsFromGammaHoldEveryRankWithTdpAtLeastGamma()
    {
        // TDPs as the tree makes them (bound / size), many on bucket edges and on the gammas themselves.
        var random = new Random(3);
        var tdp = Enumerable.Range(0, 5000).Select(_ => { int size = random.Next(1, 50); return (double)random.Next(size + 1) / size; }).ToArray();
        var ranks = Enumerable.Range(0, tdp.Length).Reverse().ToArray();
        var buckets = ranks.Select(r => AdmissibleByTdp.BucketOf(tdp[r])).ToArray();
        var grouped = AdmissibleByTdp.Group(ranks, buckets, tdp.Min(), tdp.Max());
        Assert.Equal(tdp.Length, grouped.Count);
        Assert.Equal(ranks.Order(), grouped.Ranks.ToArray().Order());
        Assert.Equal(tdp.Min(), grouped.LowestTdp);
        Assert.Equal(tdp.Max(), grouped.HighestTdp);
        var inOrder = grouped.Ranks.ToArray();
        for (int i = 1; i < inOrder.Length; i++)
            Assert.True(AdmissibleByTdp.BucketOf(tdp[inOrder[i]]) >= AdmissibleByTdp.BucketOf(tdp[inOrder[i - 1]]));
        foreach (double gamma in new[] { 1e-9, 0.1, 0.25, 1.0 / 3, 0.4, 0.5, 0.7, 0.9, 0.99, 1.0 })
        {
            var from = grouped.From(gamma).ToArray();
            var expected = Enumerable.Range(0, tdp.Length).Where(r => tdp[r] >= gamma);
            Assert.Empty(expected.Except(from));
            // Only the boundary bucket may hold smaller TDPs.
            Assert.All(from.Where(r => tdp[r] < gamma), r => Assert.Equal(AdmissibleByTdp.BucketOf(gamma), AdmissibleByTdp.BucketOf(tdp[r])));
        }
    }
}
