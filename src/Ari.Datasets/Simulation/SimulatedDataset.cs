using Ari.Imaging;

namespace Ari.Datasets.Simulation;

/// <summary>One simulated subject: its contrast map (0 outside the brain) and the values it was made with.</summary>
/// <param name="Id">"sub-01", "sub-02", ... (at least two digits).</param>
/// <param name="Map">The subject's contrast map, scale·(effect + noise + offset) in the brain, 0 outside.</param>
/// <param name="Age">A uniform draw in 20..36 (years), written to participants.tsv as a covariate without effect.</param>
/// <param name="Scale">The subject's scale, uniform in [0.8, 1.2).</param>
/// <param name="Offset">The subject's offset, normal with standard deviation <see cref="SimulationSettings.OffsetSd"/>.</param>
public sealed record SimulatedSubject(string Id, Volume<float> Map, int Age, double Scale, double Offset);

/// <summary>A simulated data set in memory, with its ground truth.</summary>
/// <param name="Settings">The settings it was made with.</param>
/// <param name="BrainMask">1 inside the ellipsoid brain, 0 outside.</param>
/// <param name="TrueEffect">The noise-free effect: the sum of the blobs times <see cref="SimulationSettings.Amplitude"/>, 0 outside the brain.</param>
/// <param name="TrueSupport">1 where <paramref name="TrueEffect"/> is non-zero, 0 elsewhere.</param>
/// <param name="Subjects">The subjects, in order.</param>
public sealed record SimulatedDataset(
    SimulationSettings Settings,
    Volume<byte> BrainMask,
    Volume<float> TrueEffect,
    Volume<byte> TrueSupport,
    IReadOnlyList<SimulatedSubject> Subjects)
{
    /// <summary>Number of voxels in the brain mask.</summary>
    public int BrainVoxels => BrainMask.Data.Count(v => v != 0);
    /// <summary>Number of voxels with a non-zero true effect.</summary>
    public int SupportVoxels => TrueSupport.Data.Count(v => v != 0);
}

/// <summary>Where <see cref="LocalizerSimulation.Write(SimulatedDataset, string)"/> put the files (full paths).</summary>
/// <param name="Directory">The output folder.</param>
/// <param name="Maps">The subjects' maps, sub-NN_contrast.nii.gz, in subject order.</param>
/// <param name="TrueEffect">true_effect.nii.gz.</param>
/// <param name="TrueSupport">true_support.nii.gz.</param>
/// <param name="BrainMask">brain_mask.nii.gz.</param>
/// <param name="Participants">participants.tsv.</param>
/// <param name="DatasetJson">dataset.json.</param>
public sealed record SimulatedFiles(
    string Directory,
    IReadOnlyList<string> Maps,
    string TrueEffect,
    string TrueSupport,
    string BrainMask,
    string Participants,
    string DatasetJson);
