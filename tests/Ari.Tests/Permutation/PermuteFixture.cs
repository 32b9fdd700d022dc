using System.Globalization;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Permutation;

/// <summary>
/// The small real-shaped data set of tests/reference-scripts/permute/brute_force.py: the first 10 localizer16
/// maps cropped to the box i 27:37, j 13:23, k 7:15 (float32, written to a temporary folder), a mask of the whole
/// box, and the design tables the reference uses.
/// </summary>
public sealed class PermuteFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public PermuteFixture()
    {
        var reference = TestPaths.Json("Permutation", "permute-reference.json");
        var box = reference.GetProperty("box").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var names = reference.GetProperty("maps").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var grid = new ImageGrid(box[1] - box[0], box[3] - box[2], box[5] - box[4], Affine.Identity);
        Directory.CreateDirectory(_dir.File("maps"));
        for (int s = 0; s < names.Length; s++)
        {
            var full = NiftiFile.ReadVolume<float>(TestPaths.SharedFile("data", "sim", "localizer16", names[s]));
            var crop = new Volume<float>(grid);
            for (int k = 0; k < grid.Nz; k++)
                for (int j = 0; j < grid.Ny; j++)
                    for (int i = 0; i < grid.Nx; i++)
                        crop[i, j, k] = full[i + box[0], j + box[2], k + box[4]];
            NiftiFile.Write(Path.Combine(_dir.File("maps"), $"{names[s][..6]}.nii.gz"), crop);
        }
        NiftiFile.Write(_dir.File("mask.nii.gz"), new Volume<byte>(grid, Enumerable.Repeat((byte)1, grid.VoxelCount).ToArray()));
        var age = reference.GetProperty("age_values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        System.IO.File.WriteAllLines(_dir.File("age.tsv"), ["age", .. age.Select(a => a.ToString(CultureInfo.InvariantCulture))]);
        System.IO.File.WriteAllLines(_dir.File("groups.tsv"), ["g1\tg2", .. Enumerable.Range(0, age.Length).Select(i => i < 5 ? "1\t0" : "0\t1")]);
        Subjects = names.Length;
        Reference = reference;
    }

    public System.Text.Json.JsonElement Reference { get; }
    public int Subjects { get; }
    public string Maps => Path.Combine(_dir.File("maps"), "sub-*.nii.gz");
    public string MaskPath => _dir.File("mask.nii.gz");
    public string File(string name) => _dir.File(name);
    public string NewFolder() => _dir.File("out-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Runs `ari permute` on the cropped maps with the whole-box mask and extra arguments.</summary>
    public CliResult Permute(string outDir, params string[] args) =>
        AriProcess.Run(["permute", "--maps", Maps, "--mask", MaskPath, "-q", .. args, "--out", outDir]);

    public void Dispose() => _dir.Dispose();
}
