using System.Globalization;
using Ari.Statistics;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Statistics;

/// <summary>Student t tails against 60-digit mpmath values (tests/reference-scripts/student_t_values.py).</summary>
public class StudentTTests
{
    internal sealed record Row(double Dof, double T, double Sf, double Cdf, double Central, double Z);

    internal static readonly Lazy<Row[]> Table = new(() => File.ReadLines(TestPaths.TestFile("Statistics", "student_t_values.tsv"))
        .Skip(1)
        .Select(line => line.Split('\t').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
        .Select(f => new Row(f[0], f[1], f[2], f[3], f[4], f[5]))
        .ToArray());

    private static double RelativeError(double actual, double expected) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);

    [Fact]
    public void BothTailsAreAccurateInRelativeTermsDownToTheSmallestDoubles()
    {
        double worst = 0;
        string where = "";
        foreach (var row in Table.Value)
        {
            foreach (var (name, actual, expected) in new[]
            {
                ("sf", StudentT.Sf(row.T, row.Dof), row.Sf),
                ("cdf", StudentT.Cdf(row.T, row.Dof), row.Cdf),
                ("central", StudentT.CentralProbability(row.T, row.Dof), row.Central),
            })
            {
                if (expected < 1e-300)
                {
                    Assert.True(actual < 1e-290, $"{name}(t={row.T}, dof={row.Dof}) = {actual:R}, expected {expected:R}");
                    continue;
                }
                // Allowance: 1e-13 relative (continued fractions with large parameters), growing as 4e-16 |ln p| far out.
                double error = RelativeError(actual, expected) / Math.Max(1e-13, 4e-16 * Math.Abs(Math.Log(expected)));
                if (error > worst) { worst = error; where = $"{name}(t={row.T}, dof={row.Dof}) = {actual:R}, expected {expected:R}"; }
            }
        }
        Assert.True(worst <= 1, $"worst relative error {worst:F2} x the allowance at {where}");
    }

    [Fact]
    public void ClosedFormsForOneAndTwoDegreesOfFreedom()
    {
        foreach (double t in new[] { -30.0, -2.5, -0.3, 0.0, 0.7, 1.0, 4.0, 250.0 })
        {
            // Cauchy: sf = 1/2 - atan(t)/π; dof 2: sf = (1 - t / sqrt(2 + t²)) / 2.
            double cauchy = t > 0 ? Math.Atan(1 / t) / Math.PI : 0.5 - Math.Atan(t) / Math.PI;
            Assert.True(RelativeError(StudentT.Sf(t, 1), cauchy) < 1e-14, $"dof 1, t {t}: {StudentT.Sf(t, 1):R} vs {cauchy:R}");
            double two = t > 0 ? 1 / (Math.Sqrt(2 + t * t) * (Math.Sqrt(2 + t * t) + t)) : (1 - t / Math.Sqrt(2 + t * t)) / 2;
            Assert.True(RelativeError(StudentT.Sf(t, 2), two) < 1e-14, $"dof 2, t {t}: {StudentT.Sf(t, 2):R} vs {two:R}");
        }
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(0.5, StudentT.Sf(0, 7));
        Assert.Equal(0.5, StudentT.Cdf(0, 7));
        Assert.Equal(0.0, StudentT.Sf(double.PositiveInfinity, 7));
        Assert.Equal(1.0, StudentT.Sf(double.NegativeInfinity, 7));
        Assert.True(double.IsNaN(StudentT.Sf(double.NaN, 7)));
        Assert.True(StudentT.Sf(1e200, 3) > 0 || StudentT.Sf(1e200, 3) == 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Sf(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Sf(1, double.NaN));
    }

    [Fact]
    public void HugeDegreesOfFreedomApproachTheNormal()
    {
        // dof 1e7: sf(2) differs from the normal tail 0.022750131948179 by O(1/dof).
        Assert.Equal(0.022750131948179, StudentT.Sf(2, 1e7), 6);
    }
}
