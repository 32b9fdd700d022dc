using Ari.RandomNumbers;
using Ari.Datasets.Simulation;

namespace Ari.Tests.Datasets;

public class Xoshiro256StarStarTests
{
    // Expected values: tests/reference-scripts/xoshiro_values.py (an independent Python transcription).
    [Fact]
    public void SplitMix64_matches_the_reference()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x06C45D188009454FUL, Xoshiro256StarStar.SplitMix64(ref state));
    }

    [Theory]
    [InlineData(0UL, 0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL, 0x1A5F849D4933E6E0UL, 0x6AA594F1262D2D2CUL)]
    [InlineData(1UL, 0xB3F2AF6D0FC710C5UL, 0x853B559647364CEAUL, 0x92F89756082A4514UL, 0x642E1C7BC266A3A7UL)]
    [InlineData(12345UL, 0xBE6A36374160D49BUL, 0x214AAA0637A688C6UL, 0xF69D16DE9954D388UL, 0x0C60048C4E96E033UL)]
    public void Xoshiro256StarStar_matches_the_reference(ulong seed, ulong a, ulong b, ulong c, ulong d)
    {
        var random = new Xoshiro256StarStar(seed);
        Assert.Equal([a, b, c, d], new[] { random.NextUInt64(), random.NextUInt64(), random.NextUInt64(), random.NextUInt64() });
    }

    [Fact]
    public void Uniforms_and_integers_stay_in_range()
    {
        var random = new Xoshiro256StarStar(3);
        var counts = new int[17];
        for (int n = 0; n < 100_000; n++)
        {
            double u = random.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - 1e-17);
            counts[random.NextInt(17)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 100_000 / 17 * 0.9, 100_000 / 17 * 1.1));
    }
}
