using System.Globalization;
using System.Text;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Reporting;

/// <summary>
/// glm and tdp folders in the formats `ari glm` and `ari tdp` write, built from nilearn's reference maps
/// (z_score, mask, tdp) plus small JSON and TSV files written here, in a temporary folder.
/// </summary>
internal sealed class ReportFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ReportFixture()
    {
        Directory.CreateDirectory(GlmDirectory);
        Directory.CreateDirectory(TdpDirectory);
        System.IO.File.Copy(TestPaths.NilearnReference("z_score.nii.gz"), Path.Combine(GlmDirectory, "z_score.nii.gz"));
        System.IO.File.Copy(TestPaths.NilearnReference("mask.nii.gz"), Path.Combine(GlmDirectory, "mask.nii.gz"));
        System.IO.File.Copy(TestPaths.NilearnReference("tdp.nii.gz"), Path.Combine(TdpDirectory, "tdp.nii.gz"));

        var maps = Enumerable.Range(1, 16).Select(i => $"/data/localizer16/sub-{i:00}_contrast.nii.gz").ToArray();
        var design = new StringBuilder("map\tintercept\tage\n");
        for (int i = 0; i < maps.Length; i++)
            design.Append(maps[i]).Append("\t1\t").Append((i % 5 - 2).ToString(CultureInfo.InvariantCulture)).Append('\n');
        System.IO.File.WriteAllText(Path.Combine(GlmDirectory, "design.tsv"), design.ToString());
        string inputs = string.Join(",\n", maps.Select(m => $"    {{\"path\": \"{m}\", \"bytes\": 152311, \"sha256\": \"{new string('a', 64)}\"}}"));
        System.IO.File.WriteAllText(Path.Combine(GlmDirectory, "glm.json"), $$"""
            {
              "ari_version": "0.1.0",
              "command": "ari glm --maps 'sub-*_contrast.nii.gz' --smoothing 8 --out glm",
              "inputs": [
            {{inputs}}
              ],
              "design": {"file": "design.tsv", "columns": ["intercept", "age"], "rows": 16, "source": "participants.tsv"},
              "contrast": {"expression": "intercept", "type": "t", "matrix": [[1.0, 0.0]]},
              "smoothing_fwhm_mm": 8.0,
              "mask": {"source": "background of the mean image", "voxels": 45448},
              "dof": 14,
              "grid": {"shape": [53, 63, 46], "affine": [-3, 0, 0, 78, 0, 3, 0, -112, 0, 0, 3, -50, 0, 0, 0, 1]},
              "outputs": {"z_score": "z_score.nii.gz", "stat": "stat.nii.gz", "p_value": "p_value.nii.gz", "effect_size": "effect_size.nii.gz",
                          "effect_variance": "effect_variance.nii.gz", "mask": "mask.nii.gz", "design": "design.tsv"},
              "seconds": {"read": 0.05, "mask": 0.01, "smooth": 0.04, "fit": 0.02, "contrast": 0.01, "write": 0.08, "total": 0.21}
            }
            """);
        System.IO.File.WriteAllText(Path.Combine(TdpDirectory, "summary.json"), """
            {
              "ari_version": "0.1.0",
              "command": "ari tdp --stat glm/z_score.nii.gz --thresholds 2.5,3.5,4.5 --out tdp",
              "stat": "glm/z_score.nii.gz",
              "mask": {"source": "glm/mask.nii.gz", "voxels": 45448},
              "alpha": 0.05, "n_voxels": 45448, "hommel_h": 44629, "true_discoveries": 815,
              "thresholds": [2.5, 3.5, 4.5], "connectivity": 26, "two_sided": false, "n_clusters": 3,
              "seconds": {"read": 0.02, "hommel": 0.03, "clusters": 0.01, "write": 0.01, "total": 0.07}
            }
            """);
        System.IO.File.WriteAllText(Path.Combine(TdpDirectory, "clusters.tsv"),
            "cluster_id\tthreshold\tsize\ttrue_discoveries\ttdp\tpeak_stat\tpeak_x\tpeak_y\tpeak_z\tpeak_i\tpeak_j\tpeak_k\tcom_x\tcom_y\tcom_z\n" +
            "1\t2.5\t1151\t1151\t1\t5.58\t36\t-28\t70\t14\t28\t40\t36.7\t-26\t58.1\n" +
            "2\t2.5\t229\t221\t0.9650655021834061\t5.49\t51\t-19\t19\t9\t31\t23\t47.2\t-20.8\t16.9\n" +
            "3\t3.5\t412\t125\t0.30339805825242716\t4.1\t-42\t-22\t55\t40\t30\t35\t-40.5\t-21\t52\n");
    }

    public string Root => _temp.Path;
    public string GlmDirectory => Path.Combine(_temp.Path, "glm");
    public string TdpDirectory => Path.Combine(_temp.Path, "tdp");
    public string File(string name) => _temp.File(name);
    public static string Template => TestPaths.SharedFile("data", "real", "mni152_2009_t1_1mm.nii.gz");

    public void Dispose() => _temp.Dispose();
}
