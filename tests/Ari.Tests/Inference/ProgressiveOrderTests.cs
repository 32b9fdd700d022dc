using Ari.Inference;

namespace Ari.Tests.Inference;

public class ProgressiveOrderTests
{
    /// <summary>The definition: increasing key, ties by index (a stable comparison sort).</summary>
    private static int[] Expected(double[] keys) =>
        [.. Enumerable.Range(0, keys.Length).OrderBy(i => keys[i] + 0.0).ThenBy(i => i)];

    public static TheoryData<string, int> Cases => new()
    {
        { "mixed", 0 }, { "mixed", 1 }, { "mixed", 37 }, { "mixed", 5000 }, { "mixed", 100_000 },
        { "uniform", 200_000 },            // buckets of about n / 32
        { "one bucket", 3000 },            // every key in [0.5, 0.53): one bucket, sorted by radix passes
        { "equal upper 48 bits", 500 },    // long runs ordered by the last 16 bits
        { "all equal", 1000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeliversThePValueOrderFrontToBackInPieces(string kind, int n)
    {
        var random = new Random(n + kind.Length);
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = kind switch
            {
                "uniform" => random.NextDouble(),
                "one bucket" => 0.5 + 0.03 * random.NextDouble(),
                "equal upper 48 bits" => BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(0.3) + (ulong)random.Next(40) * 977),
                "all equal" => 0.25,
                _ => (i % 7) switch
                {
                    0 => Math.Round(random.NextDouble(), 2),                      // many exact ties
                    1 => 0.5 + Math.ScaleB(random.Next(4), -45),                 // same upper bits, different lower bits
                    2 => random.Next(3) == 0 ? -0.0 : 0.0,                        // zeros of both signs
                    3 => Math.ScaleB(random.NextDouble(), -random.Next(1, 1070)), // tiny, subnormal
                    4 => 1.0,
                    _ => random.NextDouble(),
                },
            };
        }
        var order = Enumerable.Repeat(-1, n + 3).ToArray();
        var tied = new bool[n];
        var scratch = new ScratchInts();
        scratch.Give(Enumerable.Range(0, n + 5).Select(_ => random.Next()).ToArray()); // leftovers in a scratch list
        var expected = Expected(keys);
        int next = 0;
        ProgressiveOrder.Sort(keys, order, tied, scratch, (from, to) =>
        {
            Assert.Equal(next, from);
            Assert.True(to > from);
            // What is delivered is final: the smallest keys, in order.
            Assert.Equal(expected.Take(to), order.Take(to));
            next = to;
        });
        Assert.Equal(n, next);
        Assert.Equal(Expected(keys), order.Take(n));
        Assert.All(order.Skip(n), v => Assert.Equal(-1, v));
        for (int i = 0; i < n; i++)
            Assert.Equal(i > 0 && keys[order[i]] == keys[order[i - 1]], tied[i]);
        Assert.Equal(PValueOrder.Sort(keys), order.Take(n));
    }
}
