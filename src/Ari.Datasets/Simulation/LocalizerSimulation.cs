using Ari.RandomNumbers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ari.Imaging;
using Ari.IO;
using Ari.Nifti;

namespace Ari.Datasets.Simulation;

/// <summary>
/// A localizer-like second-level input set with a known ground truth, made from nothing but a seed:
/// an ellipsoid brain, "left vs right button press"-like effect blobs, and per subject
/// scale·(effect + smooth unit-variance noise + offset) inside the brain, 0 outside.
/// The same settings give the same voxel values on every machine: random numbers come from
/// <see cref="Xoshiro256StarStar"/> (one stream for the subjects' scale, offset and age, one per subject for its
/// noise, all seeded from the seed through SplitMix64) and <see cref="NormalSampler"/>; subjects are made in
/// parallel, each from its own stream.
/// Files (<see cref="Write(SimulatedDataset, string)"/>) mirror ../shared/data/sim/localizer16:
/// sub-NN_contrast.nii.gz (float32), true_effect.nii.gz (float32), true_support.nii.gz and brain_mask.nii.gz
/// (uint8), participants.tsv (participant_id, map, age) and dataset.json (the settings).
/// </summary>
public static class LocalizerSimulation
{
    /// <summary>File name of the true effect map (float32; 0 outside the blobs and the brain).</summary>
    public const string TrueEffectFile = "true_effect.nii.gz";
    /// <summary>File name of the true support (uint8: 1 where the true effect is non-zero, 0 elsewhere).</summary>
    public const string TrueSupportFile = "true_support.nii.gz";
    /// <summary>File name of the brain mask (uint8: 1 inside the ellipsoid brain).</summary>
    public const string BrainMaskFile = "brain_mask.nii.gz";
    /// <summary>File name of the participants table (participant_id, map, age; tab-separated).</summary>
    public const string ParticipantsFile = "participants.tsv";
    /// <summary>File name of the JSON record of the settings.</summary>
    public const string DatasetJsonFile = "dataset.json";

    /// <summary>Makes a data set in memory from <paramref name="settings"/>; the same settings give the same values everywhere.</summary>
    /// <exception cref="AriException">The settings are out of range (see <see cref="SimulationSettings.Validate"/>).</exception>
    public static SimulatedDataset Generate(SimulationSettings settings)
    {
        settings.Validate();
        var grid = settings.ImageGrid();
        var brain = BrainMask(settings, grid);
        var effect = TrueEffect(settings, grid, brain);
        var support = new Volume<byte>(grid, effect.Data.Select(v => v != 0 ? (byte)1 : (byte)0).ToArray());

        ulong master = settings.Seed;
        var subjectRandom = new Xoshiro256StarStar(Xoshiro256StarStar.SplitMix64(ref master));
        var subjectNormal = new NormalSampler(subjectRandom);
        var draws = new (double Scale, double Offset, int Age, ulong NoiseSeed)[settings.Subjects];
        for (int s = 0; s < draws.Length; s++)
        {
            double scale = 0.8 + 0.4 * subjectRandom.NextDouble();
            double offset = settings.OffsetSd * subjectNormal.Next();
            int age = 20 + subjectRandom.NextInt(17);
            draws[s] = (scale, offset, age, Xoshiro256StarStar.SplitMix64(ref master));
        }

        var subjects = new SimulatedSubject[settings.Subjects];
        int width = Math.Max(2, settings.Subjects.ToString(CultureInfo.InvariantCulture).Length);
        Parallel.For(0, subjects.Length, s =>
        {
            var (scale, offset, age, noiseSeed) = draws[s];
            var noise = Noise(settings, grid, brain, noiseSeed);
            var map = new float[grid.VoxelCount];
            for (int v = 0; v < map.Length; v++)
                if (brain.Data[v] != 0) map[v] = (float)(scale * (effect.Data[v] + noise[v] + offset));
            string id = "sub-" + (s + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            subjects[s] = new SimulatedSubject(id, new Volume<float>(grid, map), age, scale, offset);
        });
        return new SimulatedDataset(settings, brain, effect, support, subjects);
    }

    /// <summary>Generates and writes a data set into a folder (created if needed), all files or none.</summary>
    public static SimulatedFiles Write(SimulationSettings settings, string directory) => Write(Generate(settings), directory);

    /// <summary>Writes <paramref name="dataset"/> into <paramref name="directory"/> (created if needed), all files or none.</summary>
    /// <returns>The full paths of the files written.</returns>
    public static SimulatedFiles Write(SimulatedDataset dataset, string directory)
    {
        using var outputs = new OutputSet(directory);
        var maps = new List<string>();
        var participants = new StringBuilder("participant_id\tmap\tage\n");
        foreach (var subject in dataset.Subjects)
        {
            string name = $"{subject.Id}_contrast.nii.gz";
            NiftiWriter.Write(outputs, name, subject.Map);
            maps.Add(outputs.PathOf(name));
            participants.Append(CultureInfo.InvariantCulture, $"{subject.Id}\t{name}\t{subject.Age}\n");
        }
        NiftiWriter.Write(outputs, TrueEffectFile, dataset.TrueEffect);
        NiftiWriter.Write(outputs, TrueSupportFile, dataset.TrueSupport);
        NiftiWriter.Write(outputs, BrainMaskFile, dataset.BrainMask);
        outputs.WriteAllText(ParticipantsFile, participants.ToString());
        outputs.WriteAllBytes(DatasetJsonFile, DatasetJson(dataset));
        outputs.Commit();
        return new SimulatedFiles(outputs.Directory, maps, outputs.PathOf(TrueEffectFile), outputs.PathOf(TrueSupportFile),
            outputs.PathOf(BrainMaskFile), outputs.PathOf(ParticipantsFile), outputs.PathOf(DatasetJsonFile));
    }

    private static Volume<byte> BrainMask(SimulationSettings settings, ImageGrid grid)
    {
        var (cx, cy, cz) = settings.BrainCentre;
        var (ax, ay, az) = settings.BrainSemiAxes;
        var data = new byte[grid.VoxelCount];
        for (int k = 0; k < grid.Nz; k++)
            for (int j = 0; j < grid.Ny; j++)
                for (int i = 0; i < grid.Nx; i++)
                {
                    var p = grid.VoxelToWorld(i, j, k);
                    double x = (p.X - cx) / ax, y = (p.Y - cy) / ay, z = (p.Z - cz) / az;
                    if (x * x + y * y + z * z <= 1) data[grid.Index(i, j, k)] = 1;
                }
        return new Volume<byte>(grid, data);
    }

    private static Volume<float> TrueEffect(SimulationSettings settings, ImageGrid grid, Volume<byte> brain)
    {
        var data = new float[grid.VoxelCount];
        for (int v = 0; v < data.Length; v++)
        {
            if (brain.Data[v] == 0) continue;
            var (i, j, k) = grid.Coordinates(v);
            var p = grid.VoxelToWorld(i, j, k);
            double sum = 0;
            foreach (var blob in settings.Blobs) sum += blob.ValueAt(p.X, p.Y, p.Z);
            data[v] = (float)(settings.Amplitude * sum);
        }
        return new Volume<float>(grid, data);
    }

    /// <summary>White noise smoothed to the settings' FWHM (in voxels), centred and scaled to unit variance in the brain.</summary>
    private static double[] Noise(SimulationSettings settings, ImageGrid grid, Volume<byte> brain, ulong seed)
    {
        var noise = new double[grid.VoxelCount];
        new NormalSampler(new Xoshiro256StarStar(seed)).Fill(noise);
        if (settings.NoiseFwhmVoxels > 0)
        {
            double sigma = settings.NoiseFwhmVoxels / GaussianSmoothing.FwhmOverSigma;
            GaussianSmoothing.SmoothVoxels(noise, grid, (sigma, sigma, sigma));
        }
        double sum = 0, sumSquares = 0;
        int n = 0;
        for (int v = 0; v < noise.Length; v++)
            if (brain.Data[v] != 0) { sum += noise[v]; n++; }
        double mean = n > 0 ? sum / n : 0;
        for (int v = 0; v < noise.Length; v++)
            if (brain.Data[v] != 0) { double d = noise[v] - mean; sumSquares += d * d; }
        double sd = n > 1 ? Math.Sqrt(sumSquares / (n - 1)) : 1;
        for (int v = 0; v < noise.Length; v++) noise[v] = (noise[v] - mean) / sd;
        return noise;
    }

    private static byte[] DatasetJson(SimulatedDataset dataset)
    {
        var s = dataset.Settings;
        var grid = dataset.BrainMask.Grid;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("generator", "ari simulate");
            json.WriteString("ari_version", AriVersion.Current);
            json.WriteNumber("n_subjects", s.Subjects);
            json.WriteNumber("seed", s.Seed);
            json.WriteString("grid", s.GridName);
            GridJson.WriteShapeAndAffine(json, grid);
            json.WriteNumber("amplitude", s.Amplitude);
            json.WriteBoolean("nan_outside", false);
            json.WriteBoolean("jitter_masks", false);
            json.WriteNumber("noise_fwhm_vox", s.NoiseFwhmVoxels);
            json.WriteNumber("offset_sd", s.OffsetSd);
            json.WriteStartArray("scale_range");
            json.WriteNumberValue(0.8); json.WriteNumberValue(1.2);
            json.WriteEndArray();
            json.WriteString("model", "map = scale * (true_effect + noise + offset) in the brain, 0 outside; noise: white Gaussian smoothed to noise_fwhm_vox, unit variance in the brain");
            json.WriteStartObject("brain");
            json.WriteString("shape", "ellipsoid");
            WriteTriple(json, "centre_mm", s.BrainCentre);
            WriteTriple(json, "semi_axes_mm", s.BrainSemiAxes);
            json.WriteNumber("voxels", dataset.BrainVoxels);
            json.WriteEndObject();
            json.WriteStartArray("effects");
            foreach (var blob in s.Blobs)
            {
                json.WriteStartObject();
                json.WriteString("name", blob.Name);
                WriteTriple(json, "centre_mm", (blob.X, blob.Y, blob.Z));
                json.WriteNumber("radius_mm", blob.RadiusMm);
                json.WriteNumber("amplitude", blob.Amplitude * s.Amplitude);
                json.WriteString("profile", "amplitude * (1 - (d / radius)^2)^2 for d < radius, else 0");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("true_support_voxels", dataset.SupportVoxels);
            json.WriteString("random", "xoshiro256** seeded through SplitMix64; normal deviates by Marsaglia's polar method");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteTriple(Utf8JsonWriter json, string name, (double X, double Y, double Z) v)
    {
        json.WriteStartArray(name);
        json.WriteNumberValue(v.X); json.WriteNumberValue(v.Y); json.WriteNumberValue(v.Z);
        json.WriteEndArray();
    }
}
