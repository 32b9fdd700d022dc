namespace Ari.RandomNumbers;

/// <summary>
/// The xoshiro256** generator (Blackman &amp; Vigna, 2018, https://prng.di.unimi.it/), its 256-bit state
/// filled from a 64-bit seed with SplitMix64, as the authors recommend. Written out here so that a seed gives
/// the same numbers on every machine and .NET version (System.Random's algorithm is unspecified).
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose 256-bit state is four successive SplitMix64 outputs from <paramref name="seed"/>: the same seed gives the same sequence everywhere.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong splitMix = seed;
        _s0 = SplitMix64(ref splitMix);
        _s1 = SplitMix64(ref splitMix);
        _s2 = SplitMix64(ref splitMix);
        _s3 = SplitMix64(ref splitMix);
    }

    /// <summary>One step of SplitMix64 (Steele, Lea &amp; Flood 2014): advances the state and returns a mixed value.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits (the xoshiro256** output function, then one state step).</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1): the top 53 bits times 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) (n small; the modulo bias is below 2^-40 for n &lt; 2^24).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)((NextUInt64() >> 11) % (ulong)n);
    }
}
