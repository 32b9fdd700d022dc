using Ari.Imaging;

namespace Ari.Datasets.Simulation;

/// <summary>One simulated subject: its contrast map (0 outside the brain) and the values it was made with.</summary>
public sealed record SimulatedSubject(string Id, Volume<float> Map, int Age, double Scale, double Offset);

/// <summary>A simulated data set in memory, with its ground truth.</summary>
public sealed record SimulatedDataset(
    SimulationSettings Settings,
    Volume<byte> BrainMask,
    Volume<float> TrueEffect,
    Volume<byte> TrueSupport,
    IReadOnlyList<SimulatedSubject> Subjects)
{
    public int BrainVoxels => BrainMask.Data.Count(v => v != 0);
    public int SupportVoxels => TrueSupport.Data.Count(v => v != 0);
}

/// <summary>Where <see cref="LocalizerSimulation.Write(SimulatedDataset, string)"/> put the files (full paths).</summary>
public sealed record SimulatedFiles(
    string Directory,
    IReadOnlyList<string> Maps,
    string TrueEffect,
    string TrueSupport,
    string BrainMask,
    string Participants,
    string DatasetJson);
