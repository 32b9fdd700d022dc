using Ari.Inference;
using Ari.Inference.Calibration;
using Xunit.Abstractions;

namespace Ari.Tests.Inference.Calibration;

/// <summary>
/// Validity with known truth: 240 simulated data sets (smooth 1-D noise, a third pure noise, the others with one or
/// two blobs), 10 subjects, 300 voxels, 100 random sign flips (the identity first) and 100 training flips. For each
/// method the share of data sets where some bound exceeds the true number of active voxels stays within
/// alpha + 2 standard errors. For a critical vector t, some set S has a bound above its true count exactly when the
/// true nulls N themselves have #{i in N : p_i &lt;= t_k} &gt;= k for some k (any over-counting set shows it on its
/// nulls), so that single event is checked, which covers every cluster, TDP cluster and voxel set at once;
/// the supra-threshold clusters (|z| runs above 2.5 and 3.5) are also checked set by set as an illustration.
/// </summary>
public class CalibrationValidityTests(ITestOutputHelper output)
{
    private const int DataSets = 240, Subjects = 10, Voxels = 300, Flips = 100, KMaxNotip = 30;
    private const double Alpha = 0.1;

    [Fact]
    public void EveryMethodKeepsTheJointErrorRateWithinAlphaPlusTwoStandardErrors()
    {
        var errors = new int[5]; // ARI, calibrated Simes, pARI Simes, pARI Beta... (beta costly: Simes k<=30), Notip
        var clusterErrors = new int[5];
        int withSignal = 0;
        Parallel.For(0, DataSets, () => (new int[5], new int[5], 0), (d, _, local) =>
        {
            var random = new Random(1000 + d);
            var (data, active) = Simulate(random, signal: d % 3 != 0);
            var flips = RandomFlips(random, Flips, identityFirst: true);
            var training = RandomFlips(random, Flips, identityFirst: false);
            var observedT = CalibrationFixture.FlippedT(data, Enumerable.Repeat(1, Subjects).ToArray());
            var convention = new TStatisticPValues(Subjects - 1, Sidedness.TwoSided);
            var p = observedT.Select(convention.PValue).ToArray();

            var nullP = CalibrationFixture.NullPValues(data, flips, Sidedness.TwoSided, Voxels);
            var trainP = CalibrationFixture.NullPValues(data, training, Sidedness.TwoSided, KMaxNotip);
            var ari = TrueDiscoveryBounds.Create(p, Alpha);
            var vectors = new double[][]
            {
                AriVector(ari.HommelValue, Voxels),
                CalibratedSimes.Calibrate(nullP, Alpha, Voxels).Thresholds,
                PariCalibration.Calibrate(nullP, TemplateFamily.Simes, Alpha, Voxels).Thresholds,
                PariCalibration.Calibrate(nullP, TemplateFamily.Beta, Alpha, KMaxNotip).Thresholds,
                JerCalibration.Calibrate(Alpha, LearnedTemplates.FromTraining(trainP), nullP, KMaxNotip).Thresholds,
            };
            var nulls = Enumerable.Range(0, Voxels).Where(i => !active[i]).ToArray();
            var clusters = Clusters(observedT, 2.5).Concat(Clusters(observedT, 3.5)).ToList();
            for (int method = 0; method < vectors.Length; method++)
            {
                if (CalibrationFixture.TrueDiscoveries(p, nulls, vectors[method]) > 0) local.Item1[method]++;
                if (clusters.Any(c => CalibrationFixture.TrueDiscoveries(p, c, vectors[method]) > c.Count(i => active[i])))
                    local.Item2[method]++;
            }
            // the ARI vector reproduces ARI's own bounds
            foreach (var c in clusters) Assert.Equal(ari.LowerBoundTrueDiscoveries(c), CalibrationFixture.TrueDiscoveries(p, c, vectors[0]));
            return (local.Item1, local.Item2, local.Item3 + (d % 3 != 0 ? 1 : 0));
        }, local =>
        {
            lock (errors)
            {
                for (int i = 0; i < 5; i++) { errors[i] += local.Item1[i]; clusterErrors[i] += local.Item2[i]; }
                withSignal += local.Item3;
            }
        });

        double limit = Alpha + 2 * Math.Sqrt(Alpha * (1 - Alpha) / DataSets);
        string[] names = ["ARI", "calibrated Simes", "pARI Simes", "pARI Beta", "Notip"];
        for (int i = 0; i < names.Length; i++)
        {
            output.WriteLine($"{names[i]}: {errors[i]} / {DataSets} over-count (clusters: {clusterErrors[i]}), limit {limit * DataSets:F1}");
            Assert.True((double)errors[i] / DataSets <= limit, $"{names[i]}: {errors[i]} of {DataSets} data sets over-count (limit {limit:F3})");
            Assert.True(clusterErrors[i] <= errors[i], $"{names[i]}: a cluster over-counted without the nulls showing it");
        }
        Assert.Equal(160, withSignal);
        // the calibrated methods are not trivially conservative: each errs at least once at alpha = 0.1
        Assert.All(new[] { 1, 2 }, i => Assert.True(errors[i] > 0, $"{names[i]} never erred in {DataSets} sets"));
    }

    /// <summary>ARI as a critical vector: t_k = k alpha / h (h = 0: every p counts).</summary>
    private static double[] AriVector(int h, int m) =>
        Enumerable.Range(1, m).Select(k => h == 0 ? 1.0 : Math.Min(1.0, k * Alpha / h)).ToArray();

    private static (double[][] Data, bool[] Active) Simulate(Random random, bool signal)
    {
        var active = new bool[Voxels];
        var effect = new double[Voxels];
        if (signal)
        {
            int blobs = 1 + random.Next(2);
            for (int b = 0; b < blobs; b++)
            {
                int start = random.Next(Voxels - 40), width = 10 + random.Next(30);
                double amplitude = 0.8 + random.NextDouble();
                for (int v = start; v < start + width; v++) { active[v] = true; effect[v] = amplitude; }
            }
        }
        var data = new double[Subjects][];
        for (int s = 0; s < Subjects; s++)
        {
            var white = Enumerable.Range(0, Voxels + 8).Select(_ => Normal(random)).ToArray();
            data[s] = new double[Voxels];
            for (int v = 0; v < Voxels; v++)
            {
                double sum = 0;
                for (int j = 0; j < 9; j++) sum += white[v + j];
                data[s][v] = sum / 3 + effect[v];
            }
        }
        return (data, active);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int[][] RandomFlips(Random random, int count, bool identityFirst) =>
        Enumerable.Range(0, count).Select(b => Enumerable.Range(0, Subjects)
            .Select(_ => b == 0 && identityFirst ? 1 : random.Next(2) * 2 - 1).ToArray()).ToArray();

    /// <summary>Runs of |t| &gt; threshold of one sign (1-D connected components).</summary>
    private static IEnumerable<int[]> Clusters(double[] t, double threshold)
    {
        foreach (int sign in new[] { 1, -1 })
        {
            var run = new List<int>();
            for (int v = 0; v <= t.Length; v++)
            {
                if (v < t.Length && sign * t[v] > threshold) { run.Add(v); continue; }
                if (run.Count > 0) { yield return run.ToArray(); run.Clear(); }
            }
        }
    }
}
