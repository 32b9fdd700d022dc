using System.Globalization;
using Ari.Inference.Calibration;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Inference.Calibration;

/// <summary>
/// The data and explicit sign-flip tables the reference scripts wrote (tests/reference-scripts/calibration_*.{py,R}),
/// and a plain one-sample t of flipped data (the calibration's input, made here independently of any engine).
/// </summary>
internal static class CalibrationFixture
{
    public static string File(string name) => TestPaths.TestFile("Inference", "Calibration", name);

    /// <summary>Rows of a tab-separated numeric table.</summary>
    public static double[][] ReadTable(string name) =>
        System.IO.File.ReadAllLines(File(name)).Where(l => l.Length > 0)
            .Select(l => l.Split('\t').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    /// <summary>n x m data.</summary>
    public static double[][] Data(string name) => ReadTable($"calibration_data_{name}.tsv");

    public static int[][] Flips(string name) => ReadTable($"flips_{name}.tsv").Select(r => r.Select(v => (int)v).ToArray()).ToArray();

    /// <summary>t = mean / (sd / sqrt(n)) of the data with subject s multiplied by signs[s], per voxel.</summary>
    public static double[] FlippedT(double[][] data, int[] signs)
    {
        int n = data.Length, m = data[0].Length;
        var t = new double[m];
        for (int v = 0; v < m; v++)
        {
            double mean = 0;
            for (int s = 0; s < n; s++) mean += signs[s] * data[s][v];
            mean /= n;
            double ss = 0;
            for (int s = 0; s < n; s++) { double d = signs[s] * data[s][v] - mean; ss += d * d; }
            t[v] = mean / Math.Sqrt(ss / (n - 1) / n);
        }
        return t;
    }

    /// <summary>Every flip's p-values, K smallest kept.</summary>
    public static SortedNullPValues NullPValues(double[][] data, int[][] flips, Sidedness sidedness, int kMax)
    {
        int m = data[0].Length;
        var table = new SortedNullPValues(flips.Length, kMax, m);
        var convention = new TStatisticPValues(data.Length - 1, sidedness);
        for (int b = 0; b < flips.Length; b++) table.SetRowFromStatistics<double>(b, FlippedT(data, flips[b]), convention);
        return table;
    }

    /// <summary>The observed p-values (no flip).</summary>
    public static double[] ObservedP(double[][] data, Sidedness sidedness)
    {
        var convention = new TStatisticPValues(data.Length - 1, sidedness);
        return FlippedT(data, Enumerable.Repeat(1, data.Length).ToArray()).Select(convention.PValue).ToArray();
    }

    /// <summary>max over k = 1..K of 1 - k + #{i in S : p_i &lt;= t_k}, at least 0 (the members' p sorted, one sweep).</summary>
    public static int TrueDiscoveries(double[] p, IEnumerable<int> members, IReadOnlyList<double> thresholds)
    {
        var ps = members.Select(i => p[i]).ToArray();
        Array.Sort(ps);
        int best = 0, count = 0;
        for (int k = 1; k <= Math.Min(thresholds.Count, ps.Length); k++)
        {
            while (count < ps.Length && ps[count] <= thresholds[k - 1]) count++;
            best = Math.Max(best, 1 - k + count);
        }
        return best;
    }

    /// <summary>The definition, term by term (for small sets).</summary>
    public static int TrueDiscoveriesBruteForce(double[] p, IEnumerable<int> members, IReadOnlyList<double> thresholds)
    {
        var ps = members.Select(i => p[i]).ToArray();
        int best = 0;
        for (int k = 1; k <= thresholds.Count; k++)
            best = Math.Max(best, 1 - k + ps.Count(x => x <= thresholds[k - 1]));
        return best;
    }

    public static void AssertClose(double expected, double actual, double relative, string what)
    {
        double scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= relative * scale,
            $"{what}: expected {expected:R}, got {actual:R} (relative difference {Math.Abs(expected - actual) / scale:E2})");
    }
}
