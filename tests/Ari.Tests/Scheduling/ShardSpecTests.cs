using Ari.Sharding;

namespace Ari.Tests.Scheduling;

public class ShardSpecTests
{
    [Theory]
    [InlineData(16, 3)]
    [InlineData(10000, 8)]
    [InlineData(7, 7)]
    [InlineData(5, 1)]
    public void RangesCoverEveryItemOnceInOrder(int items, int shards)
    {
        int next = 0;
        for (int k = 1; k <= shards; k++)
        {
            var (start, length) = new ShardSpec(k, shards).Range(items);
            Assert.Equal(next, start);
            Assert.InRange(length, items / shards, (items + shards - 1) / shards);
            next = start + length;
        }
        Assert.Equal(items, next);
    }

    [Fact]
    public void ParsesKOverNAndNamesFiles()
    {
        var shard = ShardSpec.Parse("3/8");
        Assert.Equal((3, 8), (shard.Index, shard.Count));
        Assert.Equal("shard-3-of-8", shard.FileStem);
        Assert.True(ShardSpec.TryParseFileName("shard-3-of-8.glmstats", out var parsed));
        Assert.Equal(shard, parsed);
        Assert.False(ShardSpec.TryParseFileName(".shard-3-of-8.glmstats.0123.tmp", out _));
        Assert.False(ShardSpec.TryParseFileName("shard-9-of-8.glmstats", out _));
        foreach (string bad in new[] { "0/4", "5/4", "x", "3", "1/0", "-1/4", "1/4/2" })
            Assert.Equal("shard", Assert.Throws<AriException>(() => ShardSpec.Parse(bad, "shard")).Parameter);
    }
}
