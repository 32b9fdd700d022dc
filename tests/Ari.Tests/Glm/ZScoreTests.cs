using Ari.Glm;
using Ari.Statistics;
using Ari.Tests.Statistics;

namespace Ari.Tests.Glm;

/// <summary>
/// t -> z against exact normal quantiles of the Student t tails (60-digit mpmath, tests/reference-scripts/student_t_values.py),
/// and nilearn's z_score(p, 1 - p) rules.
/// </summary>
public class ZScoreTests
{
    [Fact]
    public void TToZIsExactToOneBillionthWhereverTheTailIsAtLeast1e300()
    {
        double zAtFloor = Normal.Isf(1e-300);
        double worst = 0;
        string where = "";
        int checkedRows = 0, clippedRows = 0;
        foreach (var row in StudentTTests.Table.Value)
        {
            double z = ZScore.FromT(row.T, row.Dof, out double p);
            Assert.Equal(StudentT.Sf(row.T, row.Dof), p);
            double smallerTail = Math.Min(row.Sf, row.Cdf);
            if (smallerTail >= 1e-300)
            {
                double error = row.Z == 0 ? Math.Abs(z) : Math.Abs(z - row.Z) / Math.Abs(row.Z);
                if (error > worst) { worst = error; where = $"dof {row.Dof}, t {row.T}: z {z:R}, exact {row.Z:R}"; }
                checkedRows++;
            }
            else
            {
                // nilearn clips p to 1e-300: z saturates at ±isf(1e-300) = ±37.04.
                Assert.Equal(Math.Sign(row.T) * zAtFloor, z);
                clippedRows++;
            }
        }
        Assert.True(worst <= 1e-9, $"worst relative error {worst:E2} at {where}");
        Assert.True(checkedRows > 400 && clippedRows > 10);
    }

    [Fact]
    public void CentralBranchJoinsTheTailBranchSmoothly()
    {
        // Either side of the switch to the central series the two formulas agree.
        foreach (double dof in new[] { 1.0, 5.0, 100.0 })
        {
            foreach (double t in new[] { 1e-4, 1e-3, 2.4e-3, 2.6e-3, 5e-3, 1e-2 })
            {
                var (lower, upper) = StudentT.Tails(t, dof);
                double viaQuantiles = ZScore.FromPValues(upper, lower);
                Assert.True(Math.Abs(ZScore.FromT(t, dof) - viaQuantiles) <= 1e-15, $"dof {dof} t {t}: {ZScore.FromT(t, dof):R} vs {viaQuantiles:R}");
                Assert.Equal(-ZScore.FromT(t, dof), ZScore.FromT(-t, dof));
            }
        }
    }

    [Fact]
    public void FromPValuesFollowsNilearn()
    {
        Assert.Equal(0.0, ZScore.FromPValues(0.5, 0.5));
        Assert.Equal(Normal.Isf(1e-300), ZScore.FromPValues(0, 1));           // clipped below
        Assert.Equal(Normal.Isf(0.025), ZScore.FromPValues(0.025, 0.975));
        // Lower half: the separately computed 1 - p carries the digits p has lost.
        Assert.Equal(Normal.Ppf(1e-20), ZScore.FromPValues(1.0, 1e-20));
        Assert.Equal(Normal.Ppf(1e-300), ZScore.FromPValues(1.0, 0.0));
        Assert.True(double.IsNaN(ZScore.FromPValues(double.NaN, double.NaN)));
        Assert.True(double.IsNaN(ZScore.FromT(double.NaN, 10)));
    }

    [Fact]
    public void FFromOneNumeratorDofIsTheTwoSidedT()
    {
        // F(1, d) = t²; P(F > t²) = 2 P(T > |t|).
        double t = 3.1, d = 14;
        double z = ZScore.FromF(t * t, 1, d);
        Assert.Equal(Normal.Isf(2 * StudentT.Sf(t, d)), z, 12);
    }
}
