using System.Text.Json;
using Ari.Inference.Calibration;
using Ari.Tests.TestSupport;
using static Ari.Tests.Inference.Calibration.CalibrationFixture;

namespace Ari.Tests.Inference.Calibration;

/// <summary>
/// Calibrated Simes and Notip's learned templates equal sanssouci's get_pivotal_stats / np.quantile /
/// linear_template / calibrate_jer and notip's calibrate_simes on the same data and sign-flip tables
/// (calibration_sanssouci_notip.json from tests/reference-scripts/calibration_sanssouci_notip.py).
/// The p-values are computed here from the data (so equality is to rounding, 1e-9 relative); the bounds are equal.
/// </summary>
public class SanssouciParityTests
{
    private static readonly JsonElement Reference = TestPaths.Json("Inference", "Calibration", "calibration_sanssouci_notip.json");

    public static TheoryData<string> Cases() => new(Reference.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    private static JsonElement Case(string name) =>
        Reference.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void PivotalStatisticsLambdaAndSimesThresholdsEqualSanssouci(string name)
    {
        var c = Case(name);
        var (data, nullP, alpha, kMax) = Load(c);

        var psi = CalibratedSimes.PivotalStatistics(nullP, kMax);
        var expectedPsi = Doubles(c.GetProperty("pivotal"));
        Assert.Equal(expectedPsi.Length, psi.Length);
        for (int b = 0; b < psi.Length; b++) AssertClose(expectedPsi[b], psi[b], 1e-9, $"pivotal statistic {b}");

        var simes = CalibratedSimes.Calibrate(nullP, alpha, kMax);
        AssertClose(c.GetProperty("lambda").GetDouble(), simes.Lambda, 1e-9, "lambda");
        var expected = Doubles(c.GetProperty("simes_thresholds"));
        Assert.Equal(expected.Length, simes.Thresholds.Length);
        for (int k = 0; k < expected.Length; k++) AssertClose(expected[k], simes.Thresholds[k], 1e-9, $"t_{k + 1}");
        _ = data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NotipTemplateEqualsCalibrateJer(string name)
    {
        var c = Case(name);
        var (data, nullP, alpha, kMax) = Load(c);
        var training = NullPValues(data, TrainingFlips(c), SidednessOf(c), kMax);

        var notip = JerCalibration.Calibrate(alpha, LearnedTemplates.FromTraining(training), nullP, kMax);

        Assert.Equal(c.GetProperty("notip_fallback").GetBoolean(), notip.FellBackToSimes);
        var index = c.GetProperty("notip_index");
        if (index.ValueKind == JsonValueKind.Null) Assert.Null(notip.TemplateIndex);
        else Assert.Equal(index.GetInt32(), notip.TemplateIndex);
        var expected = Doubles(c.GetProperty("notip_thresholds"));
        Assert.Equal(expected.Length, notip.Thresholds.Length);
        for (int k = 0; k < expected.Length; k++) AssertClose(expected[k], notip.Thresholds[k], 1e-9, $"t_{k + 1}");
        Assert.Equal(c.GetProperty("notip_jer").GetDouble(), JerCalibration.EstimateJer(notip.Thresholds, nullP, kMax));
        Assert.True(JerCalibration.EstimateJer(notip.Thresholds, nullP, kMax) <= alpha);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BoundsEqualMinTp(string name)
    {
        var c = Case(name);
        var (data, nullP, alpha, kMax) = Load(c);
        var p = ObservedP(data, SidednessOf(c));
        var expectedP = Doubles(c.GetProperty("p_observed"));
        for (int i = 0; i < p.Length; i++) AssertClose(expectedP[i], p[i], 1e-9, $"observed p {i}");
        var simes = CalibratedSimes.Calibrate(nullP, alpha, kMax);
        var training = NullPValues(data, TrainingFlips(c), SidednessOf(c), kMax);
        var notip = JerCalibration.Calibrate(alpha, LearnedTemplates.FromTraining(training), nullP, kMax);

        int checkedSets = 0, positive = 0;
        foreach (var set in c.GetProperty("bounds").EnumerateObject())
        {
            var members = set.Value.GetProperty("members").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            int s = TrueDiscoveries(p, members, simes.Thresholds), n = TrueDiscoveries(p, members, notip.Thresholds);
            Assert.Equal(set.Value.GetProperty("simes").GetInt32(), s);
            Assert.Equal(set.Value.GetProperty("notip").GetInt32(), n);
            Assert.Equal(s, TrueDiscoveriesBruteForce(p, members, simes.Thresholds));
            checkedSets++;
            if (s > 0) positive++;
        }
        Assert.Equal(11, checkedSets);
        if (c.GetProperty("data").GetString() == "signal") Assert.True(positive > 0, "the signal data have discoveries");
    }

    private static Sidedness SidednessOf(JsonElement c) => c.GetProperty("sided").GetString() == "one" ? Sidedness.OneSided : Sidedness.TwoSided;

    private static int[][] TrainingFlips(JsonElement c)
    {
        var flips = Flips("training");
        return c.GetProperty("train").GetString() == "small" ? flips[..c.GetProperty("B_train").GetInt32()] : flips;
    }

    private static (double[][] Data, SortedNullPValues NullP, double Alpha, int KMax) Load(JsonElement c)
    {
        var data = Data(c.GetProperty("data").GetString()!);
        int kMax = c.GetProperty("k_max").GetInt32();
        var nullP = NullPValues(data, Flips("inference"), SidednessOf(c), kMax);
        return (data, nullP, c.GetProperty("alpha").GetDouble(), kMax);
    }
}
