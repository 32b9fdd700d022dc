using Ari.Domain;
using Ari.Imaging;
using Ari.Inference;
using Ari.Masking;
using Ari.Nifti;

namespace Ari.Benchmarks.Inference;

/// <summary>
/// The 1 mm whole brain of the cluster-tree benchmarks: the MNI template's 1,886,539 brain voxels, smooth noise
/// (FWHM 8 mm, unit variance) plus six Gaussian blobs of peak z 5 (sd 8 mm), one-sided p = Phi(-z).
/// </summary>
internal sealed record WholeBrainClusterData(Volume<float> Z, Mask Mask, double[] PValues)
{
    public static WholeBrainClusterData Make()
    {
        var template = NiftiFile.Read(Path.Combine(SharedData.Folder, "data", "real", "mni152_2009_t1_1mm.nii.gz"));
        var mask = Mask.FromVolume(template);
        var grid = template.Grid;
        var random = new Random(1);
        var noise = new Volume<float>(grid);
        for (int v = 0; v < noise.Data.Length; v++)
            noise.Data[v] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        var smooth = GaussianSmoothing.Smooth(noise, 8);
        var z = mask.Extract<float>(smooth.Data).Select(x => (double)x).ToArray();
        double sd = Math.Sqrt(z.Select(x => x * x).Average());
        (int I, int J, int K)[] centres = [(60, 120, 80), (120, 120, 80), (91, 60, 100), (91, 150, 60), (40, 100, 120), (140, 90, 50)];
        var zVolume = new Volume<float>(grid);
        for (int n = 0; n < z.Length; n++)
        {
            var (i, j, k) = grid.Coordinates(mask.Indices[n]);
            double blob = 0;
            foreach (var c in centres)
                blob += 5 * Math.Exp(-((i - c.I) * (i - c.I) + (j - c.J) * (j - c.J) + (k - c.K) * (k - c.K)) / (2 * 8.0 * 8.0));
            z[n] = z[n] / sd + blob;
            zVolume.Data[mask.Indices[n]] = (float)z[n];
        }
        // p from the float32 z, so that a run of `ari clusters` on the written map sees the same p-values.
        var p = VoxelPValues.FromZ(mask.Extract<float>(zVolume.Data).Select(x => (double)x).ToArray(), twoSided: false);
        return new WholeBrainClusterData(zVolume, mask, p);
    }

    public GridDomain Domain(int connectivity = 18) => new(Mask, connectivity);
}
