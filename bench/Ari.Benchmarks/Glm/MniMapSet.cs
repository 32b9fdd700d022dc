using Ari.Imaging;
using Ari.Nifti;

namespace Ari.Benchmarks.Glm;

/// <summary>
/// Synthetic second-level inputs on the 2 mm MNI grid (91x109x91): a few distinct float32 maps written once to a
/// temporary folder (0 outside the brain mask of ../shared/data/real/fsl_auditory), listed cyclically to make as
/// many maps as asked. Every listed map is really read and decompressed, so the cost is that of distinct files.
/// </summary>
public sealed class MniMapSet : IDisposable
{
    public MniMapSet(int distinct)
    {
        Folder = Path.Combine(Path.GetTempPath(), "ari-bench-mni-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
        var brain = NiftiFile.Read(Path.Combine(SharedRoot(), "data", "real", "fsl_auditory", "mask.nii.gz"));
        var rng = new Random(1);
        Files = new string[distinct];
        for (int m = 0; m < distinct; m++)
        {
            var data = new float[brain.Grid.VoxelCount];
            for (int v = 0; v < data.Length; v++)
                if (brain.Data[v] != 0) data[v] = (float)(rng.NextDouble() * 4 - 1 + 0.01 * (v % 91));
            Files[m] = Path.Combine(Folder, $"sub-{m:D3}.nii.gz");
            NiftiFile.Write(Files[m], new Volume<float>(brain.Grid, data));
        }
    }

    public string Folder { get; }
    public string[] Files { get; }

    /// <summary>n map paths cycling through the distinct files.</summary>
    public string[] Maps(int n) => Enumerable.Range(0, n).Select(i => Files[i % Files.Length]).ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>../shared beside the repository (or $ARI_SHARED).</summary>
    internal static string SharedRoot()
    {
        if (Environment.GetEnvironmentVariable("ARI_SHARED") is { Length: > 0 } shared) return shared;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ari.slnx"))) dir = dir.Parent;
        return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared"));
    }
}
