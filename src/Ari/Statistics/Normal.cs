namespace Ari.Statistics;

/// <summary>
/// The standard normal distribution, accurate in both tails:
/// <see cref="Cdf"/>/<see cref="Sf(double)"/> by W. J. Cody's rational Chebyshev approximations
/// (Math. Comp. 1969; ACM TOMS Algorithm 715), relative error near 1e-15 down to 1e-308;
/// <see cref="Ppf"/>/<see cref="Isf"/> by M. J. Wichura's Algorithm AS 241 (Appl. Statist. 1988),
/// relative error about 1e-16 for probabilities down to the smallest double.
/// </summary>
public static class Normal
{
    private const double InvSqrt2Pi = 0.398942280401432677939946059934;
    private const double Sqrt32 = 5.656854249492380195206754896838;

    // Cody (1969): |x| <= 0.66291, erf-like rational in x^2
    private static readonly double[] A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
    private static readonly double[] B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
    // 0.66291 < |x| <= sqrt(32), rational in |x|
    private static readonly double[] C = [0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8];
    private static readonly double[] D = [22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727];
    // |x| > sqrt(32), asymptotic rational in 1/x^2
    private static readonly double[] P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
    private static readonly double[] Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

    /// <summary>The density exp(-x^2/2)/sqrt(2 pi).</summary>
    public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>P(X &lt;= x).</summary>
    public static double Cdf(double x) => Tail(x, upper: false);

    /// <summary>P(X &gt; x), the upper tail (survival function), without cancellation for large x.</summary>
    public static double Sf(double x) => Tail(x, upper: true);

    /// <summary>Upper tails of many values at once, in parallel for long inputs.</summary>
    public static void Sf(ReadOnlySpan<double> x, Span<double> p)
    {
        if (p.Length < x.Length) throw new ArgumentException("output is shorter than input", nameof(p));
        for (int i = 0; i < x.Length; i++) p[i] = Sf(x[i]);
    }

    /// <summary>Upper tails of a whole array, split over all cores.</summary>
    public static double[] Sf(double[] x)
    {
        var p = new double[x.Length];
        const int chunk = 1 << 15;
        if (x.Length < 2 * chunk)
            Sf(x, p);
        else
            Parallel.For(0, (x.Length + chunk - 1) / chunk, c =>
            {
                int start = c * chunk, length = Math.Min(chunk, x.Length - start);
                Sf(x.AsSpan(start, length), p.AsSpan(start, length));
            });
        return p;
    }

    private static double Tail(double x, bool upper)
    {
        if (double.IsNaN(x)) return double.NaN;
        double y = Math.Abs(x);
        if (y <= 0.66291)
        {
            double xsq = y > 1.1102230246251565e-16 ? x * x : 0.0;
            double num = A[4] * xsq, den = xsq;
            for (int i = 0; i < 3; i++)
            {
                num = (num + A[i]) * xsq;
                den = (den + B[i]) * xsq;
            }
            double half = x * (num + A[3]) / (den + B[3]);
            return upper ? 0.5 - half : 0.5 + half;
        }

        // Probability beyond |x| on x's side; the other tail is its complement.
        double beyond;
        if (y <= Sqrt32)
        {
            double num = C[8] * y, den = y;
            for (int i = 0; i < 7; i++)
            {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            beyond = GaussianFactor(y) * ((num + C[7]) / (den + D[7]));
        }
        else if (y < 50)
        {
            double xsq = 1.0 / (x * x);
            double num = P[5] * xsq, den = xsq;
            for (int i = 0; i < 4; i++)
            {
                num = (num + P[i]) * xsq;
                den = (den + Q[i]) * xsq;
            }
            double r = xsq * (num + P[4]) / (den + Q[4]);
            beyond = GaussianFactor(y) * ((InvSqrt2Pi - r) / y);
        }
        else
        {
            beyond = 0.0;
        }
        bool wantBeyond = upper == (x > 0);
        return wantBeyond ? beyond : 1.0 - beyond;
    }

    /// <summary>exp(-y^2/2) without the rounding error of y^2: y is split at a multiple of 1/16.</summary>
    private static double GaussianFactor(double y)
    {
        double head = Math.Floor(y * 16) / 16;
        double del = (y - head) * (y + head);
        return Math.Exp(-head * head * 0.5) * Math.Exp(-del * 0.5);
    }

    // Wichura AS 241 (PPND16)
    private static readonly double[] Pa = [3.3871328727963666080, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
    private static readonly double[] Pb = [1.0, 42.313330701600911252, 687.18700749205790830, 5394.1960214247511077, 21213.794301586595867, 39307.895800092710610, 28729.085735721942674, 5226.4952788528545610];
    private static readonly double[] Pc = [1.42343711074968357734, 4.63033784615654529590, 5.76949722146069140550, 3.64784832476320460504, 1.27045825245236838258, 0.241780725177450611770, 0.0227238449892691845833, 7.74545014278341407640e-4];
    private static readonly double[] Pd = [1.0, 2.05319162663775882187, 1.67638483018380384940, 0.689767334985100004550, 0.148103976427480074590, 0.0151986665636164571966, 5.47593808499534494600e-4, 1.05075007164441684324e-9];
    private static readonly double[] Pe = [6.65790464350110377720, 5.46378491116411436990, 1.78482653991729133580, 0.296560571828504891230, 0.0265321895265761230930, 0.00124266094738807843860, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
    private static readonly double[] Pf = [1.0, 0.599832206555887937690, 0.136929880922735805310, 0.0148753612908506148525, 7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15];

    /// <summary>The x with P(X &lt;= x) = p; -inf at 0, +inf at 1, NaN outside [0, 1].</summary>
    public static double Ppf(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            return q * Horner(Pa, r) / Horner(Pb, r);
        }
        return TailQuantile(q < 0 ? p : 1.0 - p, negative: q < 0);
    }

    /// <summary>The x with P(X &gt; x) = p, accurate for p down to the smallest double (no 1 - p rounding).</summary>
    public static double Isf(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.PositiveInfinity;
        if (p == 1) return double.NegativeInfinity;
        double q = 0.5 - p;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            return q * Horner(Pa, r) / Horner(Pb, r);
        }
        return TailQuantile(q < 0 ? 1.0 - p : p, negative: q < 0);
    }

    /// <summary>The quantile |x| of a tail probability r &lt;= 0.075, with the sign given.</summary>
    private static double TailQuantile(double r, bool negative)
    {
        double s = Math.Sqrt(-Math.Log(r));
        double value = s <= 5.0
            ? Horner(Pc, s - 1.6) / Horner(Pd, s - 1.6)
            : Horner(Pe, s - 5.0) / Horner(Pf, s - 5.0);
        return negative ? -value : value;
    }

    private static double Horner(double[] c, double x)
    {
        double v = c[^1];
        for (int i = c.Length - 2; i >= 0; i--) v = v * x + c[i];
        return v;
    }
}
