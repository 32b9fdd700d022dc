namespace Ari.Statistics;

/// <summary>
/// The regularized incomplete beta function I_x(a, b) and its complement, accurate in relative terms on both
/// sides: the caller passes x and 1 - x (and their logarithms) computed without cancellation, the continued
/// fraction is evaluated on the side where it converges fast, and the other side is 1 minus it.
/// This is what the Student t and F tails are made of.
/// </summary>
internal static class IncompleteBeta
{
    private const int MaxIterations = 1_000_000;
    private const double Epsilon = 4e-16;
    private const double Tiny = 1e-300;

    /// <summary>
    /// (I_x(a, b), 1 - I_x(a, b)) given x, y = 1 - x, ln x and ln y, each computed accurately by the caller.
    /// </summary>
    public static (double Lower, double Upper) Evaluate(double a, double b, double x, double y, double lnX, double lnY)
    {
        if (x <= 0) return (0, 1);
        if (y <= 0) return (1, 0);
        if (x < (a + 1) / (a + b + 2))
        {
            double lower = FrontFactor(a, b, lnX, lnY) * ContinuedFraction(a, b, x) / a;
            return (lower, 1 - lower);
        }
        double upper = FrontFactor(b, a, lnY, lnX) * ContinuedFraction(b, a, y) / b;
        return (1 - upper, upper);
    }

    /// <summary>x^a y^b / B(a, b), through logarithms (no overflow for large a and b).</summary>
    private static double FrontFactor(double a, double b, double lnX, double lnY) =>
        Math.Exp(a * lnX + b * lnY - CachedLogBeta(a, b));

    [ThreadStatic] private static double _cachedA, _cachedB, _cachedLogBeta;

    /// <summary>ln B(a, b), remembered for the last (a, b) of this thread: voxel loops ask for the same one again and again.</summary>
    private static double CachedLogBeta(double a, double b)
    {
        if (a > b) (a, b) = (b, a); // B is symmetric
        if (a != _cachedA || b != _cachedB)
        {
            _cachedLogBeta = LogBeta(a, b);
            _cachedA = a;
            _cachedB = b;
        }
        return _cachedLogBeta;
    }

    /// <summary>The continued fraction of I_x(a, b) (modified Lentz); converges fast for x &lt; (a + 1) / (a + b + 2).</summary>
    private static double ContinuedFraction(double a, double b, double x)
    {
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MaxIterations; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) <= Epsilon) return h;
        }
        throw new ArithmeticException($"the incomplete beta continued fraction did not converge for a={a}, b={b}, x={x}");
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b), with the large parts cancelled analytically.</summary>
    public static double LogBeta(double a, double b)
    {
        double p = Math.Min(a, b), q = Math.Max(a, b);
        if (p >= 10)
        {
            // Stirling for all three; the (x - 1/2) ln x - x parts combine into logs of ratios.
            double corr = StirlingCorrection(p) + StirlingCorrection(q) - StirlingCorrection(p + q);
            return -0.5 * Math.Log(q) + LogSqrt2Pi + corr + (p - 0.5) * Math.Log(p / (p + q)) + q * Log1P(-p / (p + q));
        }
        if (q >= 10)
        {
            double corr = StirlingCorrection(q) - StirlingCorrection(p + q);
            return LogGamma(p) + corr + p - p * Math.Log(p + q) + (q - 0.5) * Log1P(-p / (p + q));
        }
        return LogGamma(p) + LogGamma(q) - LogGamma(p + q);
    }

    /// <summary>ln(1 + x) without losing the digits of small x (.NET's LogP1 is ln(x + 1) as written).</summary>
    public static double Log1P(double x)
    {
        double u = 1 + x;
        if (u == 1) return x;
        if (double.IsInfinity(u)) return Math.Log(x);
        return Math.Log(u) * (x / (u - 1));
    }

    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>ln Γ(x) for x &gt; 0: Stirling's series after shifting x up to at least 10.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), "LogGamma needs x > 0");
        double shift = 0;
        double product = 1;
        while (x < 10)
        {
            product *= x;
            x += 1;
            if (product > 1e280) { shift += Math.Log(product); product = 1; }
        }
        shift += Math.Log(product);
        return (x - 0.5) * Math.Log(x) - x + LogSqrt2Pi + StirlingCorrection(x) - shift;
    }

    /// <summary>ln Γ(x) - ((x - 1/2) ln x - x + ln √(2π)) for x ≥ 10 (the Stirling series, to double precision).</summary>
    private static double StirlingCorrection(double x)
    {
        double r = 1 / x, r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188 - r2 * (691.0 / 360360 - r2 * (1.0 / 156)))))));
    }
}
