using System.Globalization;
using Ari.Nifti;
using Ari.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ari.Tests.Permutation;

/// <summary>
/// Agreement in distribution with nilearn 0.10.3's <c>non_parametric_inference</c> on ../shared/data/sim/localizer16
/// (FWHM 8, intercept-only, one-sided, cluster threshold p &lt; 0.001, TFCE; 10,000 random sign flips on both sides,
/// independent random streams). The references are compact tables (nilearn_localizer16_null.tsv: order statistics
/// of nilearn's null maxima; nilearn_localizer16_voxels.tsv: nilearn's observed statistic, -log10 p and exceedance
/// count at ~150 voxels per measure spread over every p level, and at the peak of every cluster), made by
/// tests/reference-scripts/permute/nilearn_localizer16.py (the run) and nilearn_localizer16_table.py (the tables).
/// <para>
/// The tests: (1) per compared voxel, Ari's exceedance count #{null maxima ≥ statistic} over its N − 1 random flips
/// and nilearn's over its n_perm are two binomial counts with the same p if the tools agree: Fisher's exact test,
/// Bonferroni over the voxels of a measure at family level 0.001 (no voxel may reject); Ari's written -log10 p map
/// must equal its count exactly (-log10((1 + count) / N)). (2) The null maxima: two-sample Kolmogorov-Smirnov at
/// 0.001 (asymptotic, conservative for the tied size/mass values), the nilearn sample known through every 10th
/// order statistic (the distance is bracketed within 0.001; the test uses the lower end).
/// Max-T, size and mass use 10,000 flips; TFCE uses 2,500 flips (TFCE costs ~3 ms a flip, keeping the test at a
/// few seconds): the tests are the same, their Monte Carlo bounds widen through the smaller N.
/// </para>
/// </summary>
public class NilearnAgreementTests(ITestOutputHelper output)
{
    private const double FamilyLevel = 0.001;

    [Fact]
    public void MaxTClusterSizeAndMassAgreeWithNilearnWithinMonteCarloError()
    {
        using var dir = new TempDirectory();
        var run = Run(dir.File("out"), 10_000, tfce: false);
        var failures = new List<string>();
        foreach (string measure in new[] { "t", "size", "mass" }) failures.AddRange(Compare(run, measure));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void TfceAgreesWithNilearnWithinMonteCarloError()
    {
        using var dir = new TempDirectory();
        var run = Run(dir.File("out"), 2_500, tfce: true);
        var failures = Compare(run, "tfce");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void FisherExactAndKolmogorovSmirnovMatchScipy()
    {
        // scipy.stats.fisher_exact([[3, 1], [1, 3]]), ([[30, 9970], [55, 9944]]), ([[0, 10000], [7, 9992]])
        Assert.Equal(0.48571428571428565, MonteCarloAgreement.FisherExact(3, 4, 1, 4), 1e-12);
        Assert.Equal(0.006558235464614752, MonteCarloAgreement.FisherExact(30, 10000, 55, 9999), 1e-9);
        Assert.Equal(0.007801566055070266, MonteCarloAgreement.FisherExact(0, 10000, 7, 9999), 1e-9);
        // a full table gives the exact distance: ks_2samp(arange(10)/10, arange(7)/7 + 0.05).statistic
        double[] a = Enumerable.Range(0, 10).Select(i => i / 10.0).ToArray();
        double[] b = Enumerable.Range(0, 7).Select(i => i / 7.0 + 0.05).ToArray();
        var (lower, _) = MonteCarloAgreement.KsDistance(a, Enumerable.Range(1, 7).ToArray(), b, 7);
        Assert.Equal(0.1428571428571429, lower, 1e-12);
        // scipy.stats.kstwo.sf(0.02, 5000) = 0.0361 (exact); the asymptotic form with n = m = 10,000 (ne = 5,000)
        Assert.Equal(0.0361, MonteCarloAgreement.KsPValue(0.02, 10_000, 10_000), 0.003);
    }

    private sealed record AriRun(string Folder, int Count, Dictionary<string, double[]> SortedNull, Dictionary<string, Volume<double>> Stat,
        Dictionary<string, Volume<double>> LogP);

    private static AriRun Run(string outDir, int permutations, bool tfce)
    {
        string maps = TestPaths.SharedFile("data", "sim", "localizer16", "sub-*_contrast.nii.gz");
        string[] args = ["permute", "--maps", maps, "--fwhm", "8", "--n-perm", permutations.ToString(CultureInfo.InvariantCulture), "--seed", "0",
            "--cluster-threshold", "0.001", "-q", "--out", outDir];
        var result = AriProcess.Run(tfce ? [.. args, "--tfce"] : args);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(Path.Combine(outDir, "null_maxima.tsv"));
        var header = lines[0].Split('\t');
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(permutations, rows.Length);
        Assert.Equal("0", rows[0][0]);
        var sortedNull = new Dictionary<string, double[]>();
        var stat = new Dictionary<string, Volume<double>>();
        var logp = new Dictionary<string, Volume<double>>();
        foreach (string measure in tfce ? new[] { "t", "size", "mass", "tfce" } : ["t", "size", "mass"])
        {
            int column = Array.IndexOf(header, "max_" + measure);
            // the identity (row 0) is the observed statistic, not a draw from the null
            sortedNull[measure] = rows.Skip(1).Select(r => double.Parse(r[column], CultureInfo.InvariantCulture)).Order().ToArray();
            stat[measure] = NiftiFile.ReadVolume<double>(Path.Combine(outDir, measure + ".nii.gz"));
            logp[measure] = NiftiFile.ReadVolume<double>(Path.Combine(outDir, $"logp_max_{measure}.nii.gz"));
        }
        return new AriRun(outDir, permutations, sortedNull, stat, logp);
    }

    private List<string> Compare(AriRun run, string measure)
    {
        var failures = new List<string>();
        var rows = ReadTable(TestPaths.TestFile("Permutation", "nilearn_localizer16_voxels.tsv")).Where(r => r["measure"] == measure).ToList();
        Assert.True(rows.Count >= (measure is "size" or "mass" ? 5 : 50), $"{measure}: only {rows.Count} reference voxels");
        var sortedNull = run.SortedNull[measure];
        int na = sortedNull.Length;
        double perVoxel = FamilyLevel / rows.Count;
        double smallest = 1;
        string worst = "";
        foreach (var row in rows)
        {
            int i = int.Parse(row["i"], CultureInfo.InvariantCulture), j = int.Parse(row["j"], CultureInfo.InvariantCulture), k = int.Parse(row["k"], CultureInfo.InvariantCulture);
            double nilearnStat = Num(row["stat"]);
            int nilearnCount = int.Parse(row["count"], CultureInfo.InvariantCulture), nilearnN = int.Parse(row["n_perm"], CultureInfo.InvariantCulture);
            double stat = run.Stat[measure][i, j, k];
            // the observed maps agree (t to ~1e-6: nilearn smooths float32 in float32), so the same clusters
            if (Math.Abs(stat - nilearnStat) > 1e-4 * Math.Max(1, Math.Abs(nilearnStat)))
                failures.Add($"{measure} at ({i}, {j}, {k}): Ari's statistic {stat} differs from nilearn's {nilearnStat}");
            int count = na - LowerBound(sortedNull, stat);
            double expectedLogP = -Math.Log10((1.0 + count) / (na + 1));
            double logp = run.LogP[measure][i, j, k];
            if (Math.Abs(logp - expectedLogP) > 1e-12 * Math.Max(1, expectedLogP))
                failures.Add($"{measure} at ({i}, {j}, {k}): logp map {logp}, its count {count} of {na} gives {expectedLogP}");
            double p = MonteCarloAgreement.FisherExact(count, na, nilearnCount, nilearnN);
            if (p < smallest) { smallest = p; worst = $"({i}, {j}, {k}) stat {stat:0.###}: Ari {count}/{na}, nilearn {nilearnCount}/{nilearnN}"; }
            if (p < perVoxel)
                failures.Add($"{measure} at ({i}, {j}, {k}), statistic {stat}: Ari {count} of {na} null maxima ≥ it, nilearn {nilearnCount} of {nilearnN}: Fisher p {p:g3} < {perVoxel:g3}");
        }

        var table = ReadTable(TestPaths.TestFile("Permutation", "nilearn_localizer16_null.tsv"));
        int[] ranks = table.Select(r => int.Parse(r["rank"], CultureInfo.InvariantCulture)).ToArray();
        double[] values = table.Select(r => Num(r["max_" + measure])).ToArray();
        int nb = ranks[^1];
        var (lower, upper) = MonteCarloAgreement.KsDistance(sortedNull, ranks, values, nb);
        double ksP = MonteCarloAgreement.KsPValue(lower, na, nb);
        if (ksP < FamilyLevel)
            failures.Add($"{measure}: null maxima differ from nilearn's: KS distance in [{lower:0.#####}, {upper:0.#####}], p ≤ {ksP:g3} < {FamilyLevel}");
        output.WriteLine($"{measure}: {rows.Count} voxels, smallest Fisher p {smallest:g3} at {worst} (Bonferroni level {perVoxel:g3}); " +
                          $"KS distance [{lower:0.#####}, {upper:0.#####}], p in [{MonteCarloAgreement.KsPValue(upper, na, nb):g3}, {ksP:g3}]");
        return failures;
    }

    private static List<Dictionary<string, string>> ReadTable(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split('\t');
            return header.Select((h, c) => (h, cells[c])).ToDictionary(x => x.h, x => x.Item2);
        }).ToList();
    }

    private static double Num(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
