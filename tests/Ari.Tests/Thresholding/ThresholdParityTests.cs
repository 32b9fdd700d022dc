using System.Text.Json;
using Ari.Masking;
using Ari.Nifti;
using Ari.Tests.TestSupport;
using Ari.Thresholding;

namespace Ari.Tests.Thresholding;

/// <summary>
/// threshold_stats_img and get_clusters_table of nilearn 0.10.3 (tests/reference-scripts/threshold_values.py) on the FSL
/// auditory z map and localizer16's z map: fpr 0.001, fdr 0.05, bonferroni 0.05 and a given 3.1, with and without an
/// extent of 10 voxels, one- and two-sided: the threshold, the thresholded map and every row of the peak table.
/// </summary>
public class ThresholdParityTests
{
    private static readonly Dictionary<string, string> Maps = new()
    {
        ["fsl_auditory"] = TestPaths.SharedFile("data", "real", "fsl_auditory", "zstat.nii.gz"),
        ["localizer16"] = TestPaths.NilearnReference("z_score.nii.gz"),
    };

    private static readonly Lazy<Dictionary<string, Volume<double>>> Loaded = new(() => Maps.ToDictionary(m => m.Key, m => NiftiFile.Read(m.Value)));

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        int n = TestPaths.Json("Thresholding", "threshold_values.json").GetProperty("cases").GetArrayLength();
        for (int i = 0; i < n; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesNilearn(int index)
    {
        var c = TestPaths.Json("Thresholding", "threshold_values.json").GetProperty("cases")[index];
        var stat = Loaded.Value[c.GetProperty("map").GetString()!];
        var control = HeightControlNames.Parse(c.GetProperty("height_control").GetString()!)!.Value;
        bool twoSided = c.GetProperty("two_sided").GetBoolean();
        int extent = c.GetProperty("extent").GetInt32();
        double given = c.GetProperty("threshold_option") is { ValueKind: JsonValueKind.Number } t ? t.GetDouble() : 3.0;

        var stats = BackgroundMask.Compute(stat).Extract<double>(stat.Data);
        double threshold = StatThreshold.Compute(stats, control, c.GetProperty("alpha").GetDouble(), given, twoSided);
        if (c.GetProperty("threshold").ValueKind == JsonValueKind.Null) Assert.True(double.IsPositiveInfinity(threshold));
        else Assert.Equal(c.GetProperty("threshold").GetDouble(), threshold, 1e-9);

        bool single = NiftiFile.ReadHeader(Maps[c.GetProperty("map").GetString()!]).DataType == NiftiDataType.Float32;
        var map = ThresholdedMap.Apply(stat, threshold, extent, twoSided, null, single);
        int n = map.Data.Length;
        Assert.Equal(c.GetProperty("nonzero").GetInt32(), map.Data.Count(v => v != 0));
        Assert.Equal(c.GetProperty("sum").GetDouble(), map.Data.Sum(), 1e-6);
        double weighted = 0;
        for (int v = 0; v < n; v++) weighted += map.Data[v] * (1.0 + v) / n;
        Assert.Equal(c.GetProperty("weighted_sum").GetDouble(), weighted, 1e-6);

        var peaks = PeakTable.Compute(map, threshold, extent, twoSided, singlePrecision: single);
        var expected = c.GetProperty("peaks").EnumerateArray().ToList();
        Assert.Equal(expected.Count, peaks.Count);
        for (int r = 0; r < peaks.Count; r++)
        {
            var e = expected[r];
            var p = peaks[r];
            string where = $"row {r} ({e.GetProperty("cluster_id").GetString()})";
            Assert.True(e.GetProperty("cluster_id").GetString() == p.ClusterId, $"{where}: id {p.ClusterId}");
            Assert.True(Math.Abs(e.GetProperty("x").GetDouble() - p.Mm.X) < 1e-6 && Math.Abs(e.GetProperty("y").GetDouble() - p.Mm.Y) < 1e-6
                && Math.Abs(e.GetProperty("z").GetDouble() - p.Mm.Z) < 1e-6, $"{where}: at {p.Mm}");
            Assert.Equal(e.GetProperty("peak_stat").GetDouble(), p.PeakStat, 1e-9);
            if (e.GetProperty("cluster_size_mm3").ValueKind == JsonValueKind.Null) Assert.Null(p.ClusterSizeMm3);
            else Assert.Equal(e.GetProperty("cluster_size_mm3").GetInt64(), p.ClusterSizeMm3);
        }
    }
}
