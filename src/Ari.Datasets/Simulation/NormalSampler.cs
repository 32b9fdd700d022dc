using Ari.RandomNumbers;
namespace Ari.Datasets.Simulation;

/// <summary>
/// Standard normal deviates by Marsaglia's polar method (Marsaglia &amp; Bray 1964): draw (u, v) uniform in the
/// unit disc, s = u² + v², and return u·f and v·f with f = sqrt(-2 ln s / s). The logarithm is
/// <see cref="PortableLog"/>, built from IEEE-exact operations only, so a seed gives the same deviates bit for bit
/// on any machine (Math.Log comes from the platform's C library and may differ in the last bit).
/// </summary>
internal sealed class NormalSampler(Xoshiro256StarStar random)
{
    private double _spare;
    private bool _hasSpare;

    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = 2 * random.NextDouble() - 1;
            v = 2 * random.NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * PortableLog(s) / s);
        _spare = v * f;
        _hasSpare = true;
        return u * f;
    }

    public void Fill(Span<double> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = Next();
    }

    private const double Ln2Hi = 6.93147180369123816490e-01; // fdlibm's split of ln 2: Hi has 32 bits
    private const double Ln2Lo = 1.90821492927058770002e-10;

    /// <summary>
    /// Natural logarithm of a positive finite double, within 1 ulp, using only +, -, *, / (correctly rounded in
    /// IEEE 754, hence identical everywhere), arranged as fdlibm's log: x = (1 + f)·2^k with 1 + f in [√½, √2),
    /// s = f/(2 + f), ln(1 + f) = f - (f²/2 - s·(f²/2 + R)) with R = Σ 2s^(2j)/(2j+1) (Taylor terms to j = 12),
    /// and k·ln 2 added in two parts.
    /// </summary>
    public static double PortableLog(double x)
    {
        if (!(x > 0) || !double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), "PortableLog needs a positive finite number");
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0) // subnormal: scale into the normal range first
        {
            bits = BitConverter.DoubleToInt64Bits(x * 18014398509481984.0); // 2^54
            exponent = (int)((bits >> 52) & 0x7FF) - 54;
        }
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // [1, 2)
        int k = exponent - 1023;
        if (m > 1.4142135623730951) { m *= 0.5; k++; }
        double f = m - 1; // exact
        double s = f / (2 + f);
        double z = s * s;
        double r = 0;
        for (int j = 12; j >= 1; j--) r = (r + 2.0 / (2 * j + 1)) * z;
        double halfSquare = 0.5 * f * f;
        return k * Ln2Hi - ((halfSquare - (s * (halfSquare + r) + k * Ln2Lo)) - f);
    }
}
