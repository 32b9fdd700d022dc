using System.Globalization;
using System.Text.Json;
using Ari.Imaging;
using Ari.Inference;
using Ari.Masking;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Inference;

/// <summary>The same numbers as nilearn (localizer16) and ARIbrain (FSL auditory data), and sane ones on HCP data.</summary>
public class ClusterLevelParityTests
{
    [Fact]
    public void Localizer16EqualsNilearn()
    {
        var z = NiftiFile.Read(TestPaths.NilearnReference("z_score.nii.gz"));
        var expected = NiftiFile.Read(TestPaths.NilearnReference("tdp.nii.gz"));
        var summary = JsonDocument.Parse(File.ReadAllText(TestPaths.NilearnReference("summary.json"))).RootElement;

        var result = ClusterLevelInference.Compute(z, [2.5, 3.5, 4.5], 0.05);

        Assert.Equal(summary.GetProperty("ari_mask_voxels").GetInt32(), result.Mask.Count);
        Assert.Equal(summary.GetProperty("hommel").GetInt32(), result.HommelValue);
        Assert.True(expected.Grid.Matches(result.Tdp.Grid));
        double worst = 0;
        for (int v = 0; v < expected.Data.Length; v++) worst = Math.Max(worst, Math.Abs(expected.Data[v] - result.Tdp.Data[v]));
        Assert.True(worst <= 1e-12, $"largest difference from nilearn's TDP map: {worst}");
        var distinct = summary.GetProperty("tdp_distinct_values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var ours = result.Tdp.Data.Select(v => Math.Round(v, 12)).Distinct().Order().ToArray();
        Assert.Equal(distinct, ours);
    }

    public static TheoryData<string> PSources() => new() { "z", "pvalue_file" };

    [Theory]
    [MemberData(nameof(PSources))]
    public void FslAuditoryClustersEqualAribrain(string pSource)
    {
        var (z, mask, fslClusters) = FslAuditory();
        var options = new ClusterLevelOptions
        {
            Connectivity = 26,
            PValues = pSource == "pvalue_file" ? NiftiFile.Read(FslFile("pvalue.nii.gz")) : null,
        };
        var expected = AribrainRows(pSource);

        var result = ClusterLevelInference.Compute(z, [3.2], 0.05, mask, options);

        Assert.Equal(expected["mask"].Size, result.Mask.Count);
        Assert.Equal(expected["mask"].TrueDiscoveries, result.TrueDiscoveries);
        // Our 26-connected clusters are FSL's clusters (ARIbrain's input): match them by the FSL label at our peak.
        Assert.Equal(expected.Count - 2, result.Clusters.Count); // minus "mask" and cluster 0
        foreach (var cluster in result.Clusters.Clusters)
        {
            var (i, j, k) = cluster.PeakVoxel;
            string fslLabel = ((int)fslClusters[i, j, k]).ToString(CultureInfo.InvariantCulture);
            var row = expected[fslLabel];
            Assert.Equal(row.Size, cluster.Size);
            Assert.Equal(row.TrueDiscoveries, cluster.TrueDiscoveries);
            Assert.Equal(row.Tdp, cluster.Tdp, 1e-15);
            Assert.Equal((row.PeakI, row.PeakJ, row.PeakK), cluster.PeakVoxel);
            Assert.Equal(row.PeakStat, cluster.PeakStat);
        }
    }

    [Theory]
    [MemberData(nameof(PSources))]
    public void FslAuditoryRegionsEqualAribrain(string pSource)
    {
        var (z, mask, fslClusters) = FslAuditory();
        var options = new ClusterLevelOptions
        {
            Regions = fslClusters,
            PValues = pSource == "pvalue_file" ? NiftiFile.Read(FslFile("pvalue.nii.gz")) : null,
        };
        var expected = AribrainRows(pSource);

        var result = ClusterLevelInference.Compute(z, [], 0.05, mask, options);

        Assert.Equal(expected.Count - 2, result.Clusters.Count);
        foreach (var region in result.Clusters.Clusters)
        {
            var row = expected[region.Id.ToString(CultureInfo.InvariantCulture)];
            Assert.Null(region.Threshold);
            Assert.Equal((row.Size, row.TrueDiscoveries, row.PeakStat), (region.Size, region.TrueDiscoveries, region.PeakStat));
        }
        // ARIbrain also reports the rest of the mask (cluster 0): query the reusable bounds object for it.
        var rest = Enumerable.Range(0, mask.Count).Where(n => fslClusters.Data[mask.Indices[n]] == 0).ToArray();
        Assert.Equal(expected["0"].Size, rest.Length);
        Assert.Equal(expected["0"].TrueDiscoveries, result.Bounds.LowerBoundTrueDiscoveries(rest));
    }

    [Fact]
    public void HcpGroupWithMinusInfinityGivesTdpsInTheUnitInterval()
    {
        var z = NiftiFile.Read(TestPaths.SharedFile("data", "real", "hcp_group", "z.nii.gz"));
        var mask = Mask.FromVolume(NiftiFile.Read(TestPaths.SharedFile("data", "real", "hcp_group", "mask.nii.gz")));
        Assert.Contains(mask.Indices, v => double.IsNegativeInfinity(z.Data[v]));

        var oneSided = ClusterLevelInference.Compute(z, [3.1, 4.0], 0.05, mask, new ClusterLevelOptions { Connectivity = 26 });
        var twoSided = ClusterLevelInference.Compute(z, [3.1], 0.05, mask, new ClusterLevelOptions { TwoSided = true });

        Assert.All(oneSided.Tdp.Data, v => Assert.InRange(v, 0.0, 1.0));
        Assert.All(twoSided.Tdp.Data, v => Assert.InRange(v, -1.0, 1.0));
        Assert.Contains(oneSided.Tdp.Data, v => v > 0.5);
        Assert.Contains(twoSided.Clusters.Clusters, c => c.Threshold < 0);
        Assert.All(oneSided.Clusters.Clusters.Concat(twoSided.Clusters.Clusters), c =>
        {
            Assert.InRange(c.TrueDiscoveries, 0, c.Size);
            Assert.True(double.IsFinite(c.Tdp) && !double.IsNaN(c.PeakStat) && double.IsFinite(c.CentreOfMassMm.X));
        });
        // The two -inf voxels sit among z near -7.5: two-sided they are p = 0, the peak of a negative cluster.
        var infinite = Assert.Single(twoSided.Clusters.Clusters, c => double.IsNegativeInfinity(c.PeakStat));
        Assert.True(infinite.Tdp > 0.5, infinite.ToString());
        Assert.InRange(oneSided.TrueDiscoveries, 1, mask.Count);
    }

    private static string FslFile(string name) => TestPaths.SharedFile("data", "real", "fsl_auditory", name);

    private static (Volume<double> Z, Mask Mask, Volume<double> Clusters) FslAuditory() => (
        NiftiFile.Read(FslFile("zstat.nii.gz")),
        Mask.FromVolume(NiftiFile.Read(FslFile("mask.nii.gz"))),
        NiftiFile.Read(FslFile("cluster_th_3.2.nii.gz")));

    private sealed record AribrainRow(int Size, int TrueDiscoveries, double Tdp, int PeakI, int PeakJ, int PeakK, double PeakStat);

    /// <summary>ARIbrain's table (tests/reference-scripts/aribrain_fsl_auditory.R) for one p source, by cluster.</summary>
    private static Dictionary<string, AribrainRow> AribrainRows(string pSource)
    {
        var lines = File.ReadAllLines(TestPaths.TestFile("Inference", "aribrain_fsl_auditory.tsv"));
        var header = lines[0].Split('\t').ToList();
        int Col(string name) => header.IndexOf(name);
        var rows = new Dictionary<string, AribrainRow>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t');
            if (f[Col("p_source")] != pSource) continue;
            int Int(string c) => f[Col(c)] == "n/a" ? -1 : int.Parse(f[Col(c)], CultureInfo.InvariantCulture);
            double Dbl(string c) => f[Col(c)] == "n/a" ? double.NaN : double.Parse(f[Col(c)], CultureInfo.InvariantCulture);
            rows[f[Col("cluster")]] = new AribrainRow(Int("size"), Int("true_discoveries"), Dbl("tdp"), Int("peak_i"), Int("peak_j"), Int("peak_k"), Dbl("peak_stat"));
        }
        Assert.NotEmpty(rows);
        return rows;
    }
}
