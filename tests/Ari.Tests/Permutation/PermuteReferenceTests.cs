using System.Globalization;
using System.Text.Json;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Permutation;

/// <summary>
/// `ari permute` against brute force (every one of the 1024 sign flips of 10 maps, looped one by one in numpy
/// with nilearn's own cluster and TFCE functions) and against nilearn's permuted_ols driven with Ari's
/// assignments (covariate designs); see tests/reference-scripts/permute/brute_force.py.
/// </summary>
public class PermuteReferenceTests(PermuteFixture fixture) : IClassFixture<PermuteFixture>
{
    private static readonly string[] Maxima = ["max_t", "max_size", "max_mass", "max_tfce"];
    private static readonly string[] Maps = ["t", "logp_max_t", "size", "logp_max_size", "mass", "logp_max_mass", "tfce", "logp_max_tfce"];

    [Theory]
    [InlineData("one_sample", true)]
    [InlineData("one_sample_one_sided", false)]
    public void ExhaustiveSignFlipsEqualBruteForce(string name, bool twoSided)
    {
        var reference = fixture.Reference.GetProperty(name);
        string outDir = fixture.NewFolder();
        var result = fixture.Permute(outDir, [.. Options(twoSided), "--n-perm", "5000"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "permute.json"))))
        {
            var permutations = json.RootElement.GetProperty("run").GetProperty("permutations");
            Assert.True(permutations.GetProperty("exhaustive").GetBoolean());
            Assert.Equal(1024, permutations.GetProperty("count").GetInt32());
            // scipy's t.isf is accurate to about 1e-9 (its sf at the result is 0.00499999998 for 0.005); Ari's to the last bit.
            Assert.Equal(reference.GetProperty("threshold_t").GetDouble(), json.RootElement.GetProperty("run").GetProperty("clusters").GetProperty("threshold_t").GetDouble(), 1e-7);
        }
        AssertMatchesBruteForce(outDir, reference);
    }

    [Fact]
    public void AnExplicitFlipsTableGivesTheSameOutputs()
    {
        var reference = fixture.Reference.GetProperty("one_sample");
        string table = fixture.File("exhaustive-flips.tsv");
        File.WriteAllLines(table, Enumerable.Range(0, 1 << fixture.Subjects)
            .Select(j => string.Join('\t', Enumerable.Range(0, fixture.Subjects).Select(i => ((j >> i) & 1) == 0 ? "1" : "-1"))));
        string outDir = fixture.NewFolder();
        var result = fixture.Permute(outDir, [.. Options(true), "--flips", table]);
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertMatchesBruteForce(outDir, reference);
    }

    [Theory]
    [InlineData("age", "age.tsv", "age")]
    [InlineData("groups", "groups.tsv", "g1 - g2")]
    public void CovariateDesignsMatchNilearnPermutedOlsGivenTheSameAssignments(string name, string design, string contrast)
    {
        var reference = fixture.Reference.GetProperty(name);
        string table = fixture.File(name + "-assignments.tsv");
        File.WriteAllLines(table, reference.GetProperty("rows").EnumerateArray()
            .Select(r => string.Join('\t', r.EnumerateArray().Select(v => v.GetInt32().ToString(CultureInfo.InvariantCulture)))));
        string outDir = fixture.NewFolder();
        var result = fixture.Permute(outDir, [.. Options(true), "--design", fixture.File(design), "--contrast", contrast, "--flips", table]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "permute.json")));
        Assert.Equal(reference.GetProperty("kind").GetString() == "flips" ? "sign flips" : "row permutations",
            json.RootElement.GetProperty("run").GetProperty("permutations").GetProperty("kind").GetString());

        var t = Masked(outDir, "t");
        var expectedT = Doubles(reference.GetProperty("t"));
        for (int v = 0; v < t.Length; v++) Assert.True(Math.Abs(t[v] - expectedT[v]) <= 1e-9 * Math.Max(1, Math.Abs(expectedT[v])), $"t voxel {v}: {t[v]:R} vs {expectedT[v]:R}");
        var rows = ReadMaxima(outDir);
        // nilearn's h0 holds the permutations after the identity (row 0 here).
        foreach (string column in Maxima)
        {
            var expected = Doubles(reference.GetProperty("h0").GetProperty(column));
            Assert.Equal(expected.Length + 1, rows[column].Length);
            for (int j = 0; j < expected.Length; j++)
                AssertMaximum(column, j + 1, rows[column][j + 1], expected[j], rows["max_t"][j + 1]);
        }
    }

    internal static string[] Options(bool twoSided) =>
        [.. twoSided ? new[] { "--two-sided" } : [], "--cluster-threshold", "0.01", "--tfce"];

    /// <summary>
    /// One null maximum against its reference. Tolerances: 1e-9 relative; cluster mass 1e-6 (scipy's t.isf
    /// threshold is off by ~1e-9 relative, times the cluster's size); TFCE either 1e-9 or at most one top step
    /// apart (the peak voxel alone, max|t|^2): the top height h_99 = step + 99 step with step = max/100 equals the largest |t|
    /// up to rounding, so whether the peak voxel reaches it depends on the last bit of t (numpy's sums vs Ari's
    /// fused multiply-adds). Returns whether the TFCE maximum took the other side of that tie.
    /// </summary>
    private static bool AssertMaximum(string column, int j, double ours, double expected, double maxT)
    {
        double relative = column == "max_mass" ? 1e-6 : 1e-9;
        if (Math.Abs(ours - expected) <= relative * Math.Max(1, Math.Abs(expected))) return false;
        // the peak voxel's TFCE gains or loses max|t|^2; the maximum over voxels moves by at most that much
        Assert.True(column == "max_tfce" && Math.Abs(ours - expected) <= maxT * maxT * (1 + 1e-6),
            $"{column} permutation {j}: {ours:R} vs reference {expected:R}");
        return true;
    }

    private static void AssertMatchesBruteForce(string outDir, JsonElement reference)
    {
        var rows = ReadMaxima(outDir);
        int ties = 0;
        foreach (string column in Maxima)
        {
            var expected = Doubles(reference.GetProperty("maxima").GetProperty(column));
            Assert.Equal(expected.Length, rows[column].Length);
            for (int j = 0; j < expected.Length; j++)
                if (AssertMaximum(column, j, rows[column][j], expected[j], rows["max_t"][j])) ties++;
        }
        Assert.True(ties <= expected(reference) / 4, $"{ties} TFCE maxima took the other side of the top-step tie");
        var t = Masked(outDir, "t");
        int peak = Array.IndexOf(t, t.MaxBy(Math.Abs));
        foreach (string map in Maps)
        {
            var ours = Masked(outDir, map);
            var expectedMap = Doubles(reference.GetProperty("maps").GetProperty(map));
            Assert.Equal(expectedMap.Length, ours.Length);
            for (int v = 0; v < ours.Length; v++)
            {
                double e = expectedMap[v];
                if (map == "logp_max_tfce")
                {
                    // each tie among the null maxima can move a voxel's count by one
                    double n = rows["max_t"].Length;
                    double countOurs = Math.Round(Math.Pow(10, -ours[v]) * n), countRef = Math.Round(Math.Pow(10, -e) * n);
                    Assert.True(Math.Abs(countOurs - countRef) <= ties + 1, $"{map} voxel {v}: count {countOurs} vs {countRef} ({ties} ties)");
                    continue;
                }
                double tolerance = (map is "mass" ? 1e-6 : 1e-9) * Math.Max(1, Math.Abs(e));
                bool topStep = map == "tfce" && v == peak && Math.Abs(Math.Abs(ours[v] - e) - t[v] * t[v]) <= 1e-6 * t[v] * t[v];
                Assert.True(Math.Abs(ours[v] - e) <= tolerance || topStep, $"{map} voxel {v}: {ours[v]:R} vs {e:R}");
            }
        }
    }

    private static int expected(JsonElement reference) => reference.GetProperty("maxima").GetProperty("max_t").GetArrayLength();

    internal static double[] Masked(string outDir, string map) => NiftiFile.Read(Path.Combine(outDir, map + ".nii.gz")).Data;

    internal static Dictionary<string, double[]> ReadMaxima(string outDir)
    {
        var lines = File.ReadAllLines(Path.Combine(outDir, "null_maxima.tsv"));
        var header = lines[0].Split('\t');
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToArray();
        return header.Skip(1).Select((name, c) => (name, values: rows.Select(r => double.Parse(r[c + 1], CultureInfo.InvariantCulture)).ToArray()))
            .ToDictionary(x => x.name, x => x.values);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
