using Ari.Inference;

namespace Ari.Tests.Inference;

public class PValueOrderTests
{
    /// <summary>The definition: increasing key, ties by index (a stable comparison sort).</summary>
    private static int[] Expected(double[] keys) =>
        [.. Enumerable.Range(0, keys.Length).OrderBy(i => keys[i] + 0.0).ThenBy(i => i)];

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(37, 3)]
    [InlineData(5000, 4)]
    [InlineData(200_000, 5)] // two threads
    public void OrdersByKeyThenIndex(int n, int seed)
    {
        var random = new Random(seed);
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = (i % 7) switch
            {
                0 => Math.Round(random.NextDouble(), 2),                      // many exact ties
                1 => 0.5 + Math.ScaleB(random.Next(4), -45),                 // same upper 32 bits, different lower bits
                2 => random.Next(3) == 0 ? -0.0 : 0.0,                        // zeros of both signs
                3 => Math.ScaleB(random.NextDouble(), -random.Next(1, 1070)), // tiny, subnormal
                4 => 1.0,
                _ => random.NextDouble(),
            };
        }
        var tied = new bool[n];
        var order = PValueOrder.Sort(keys, tied);
        var expected = Expected(keys);
        Assert.Equal(expected, order);
        for (int i = 0; i < n; i++)
            Assert.Equal(i > 0 && keys[order[i]] == keys[order[i - 1]], tied[i]);
    }

    [Fact]
    public void LongRunsOfEqualUpperBitsAreOrderedByTheFullKey()
    {
        // 100 keys sharing their upper 32 bits (longer than the insertion-sort runs), in decreasing order, with ties.
        var keys = Enumerable.Range(0, 100).Select(i => 0.25 + Math.ScaleB(100 - i / 2, -50)).ToArray();
        Assert.Equal(Expected(keys), PValueOrder.Sort(keys));
    }

    [Fact]
    public void ScratchListsWithLeftoversAndALongerTargetGiveTheSameOrder()
    {
        const int n = 100_000; // two threads
        var random = new Random(6);
        var keys = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? Math.Round(random.NextDouble(), 3) : random.NextDouble()).ToArray();
        var scratch = new ScratchInts();
        for (int a = 0; a < 6; a++) scratch.Give(Enumerable.Range(0, n + 100 * a).Select(_ => random.Next()).ToArray());
        var into = Enumerable.Repeat(-7, n + 50).ToArray();
        var tied = new bool[n];
        var order = PValueOrder.Sort(keys, tied, scratch, into);
        Assert.Same(into, order);
        var expected = Expected(keys);
        Assert.Equal(expected, order.Take(n));
        for (int i = 0; i < n; i++)
            Assert.Equal(i > 0 && keys[order[i]] == keys[order[i - 1]], tied[i]);
    }
}
