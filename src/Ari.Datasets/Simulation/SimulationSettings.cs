using Ari.Imaging;

namespace Ari.Datasets.Simulation;

/// <summary>The grids a simulation can be made on.</summary>
public enum SimulationGrid
{
    /// <summary>Brainomics/Localizer's 3 mm grid: 53x63x46, affine [[-3,0,0,78],[0,3,0,-112],[0,0,3,-50]].</summary>
    Localizer,
    /// <summary>The 2 mm MNI grid: 91x109x91, affine [[-2,0,0,90],[0,2,0,-126],[0,0,2,-72]].</summary>
    Mni2mm,
}

/// <summary>
/// A region of true effect centred at (X, Y, Z) mm: amplitude·(1 - (d/R)²)² at distance d &lt; R mm, exactly 0
/// from R on (and outside the brain), so that the support is known exactly. (A smooth bump made of
/// arithmetic only, hence the same bits on every machine.)
/// </summary>
/// <param name="Name">A label for the region (e.g. "right motor cortex").</param>
/// <param name="X">Centre x, MNI mm.</param>
/// <param name="Y">Centre y, MNI mm.</param>
/// <param name="Z">Centre z, MNI mm.</param>
/// <param name="RadiusMm">Radius R in mm beyond which the effect is exactly 0; must be positive.</param>
/// <param name="Amplitude">The effect at the centre (negative for a decrease).</param>
public sealed record EffectBlob(string Name, double X, double Y, double Z, double RadiusMm, double Amplitude)
{
    /// <summary>The effect at world point (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>) mm: amplitude·(1 - (d/R)²)² within R, else 0.</summary>
    public double ValueAt(double x, double y, double z)
    {
        double dx = x - X, dy = y - Y, dz = z - Z;
        double q = (dx * dx + dy * dy + dz * dz) / (RadiusMm * RadiusMm);
        if (q >= 1) return 0;
        double w = 1 - q;
        return Amplitude * w * w;
    }
}

/// <summary>
/// How a simulated localizer-like data set is made. Each subject's map is scale·(effect + noise + offset)
/// inside the brain and 0 outside, where the noise is white Gaussian noise smoothed with a FWHM of
/// <see cref="NoiseFwhmVoxels"/> voxels and rescaled to unit standard deviation in the brain, scale is uniform
/// in [0.8, 1.2) and offset normal with standard deviation <see cref="OffsetSd"/>, per subject.
/// </summary>
public sealed record SimulationSettings
{
    /// <summary>Number of subjects, 1 to <see cref="MaxSubjects"/> (default 16).</summary>
    public int Subjects { get; init; } = 16;
    /// <summary>The seed every random number derives from (default 1).</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>The grid to simulate on (default the Localizer 3 mm grid).</summary>
    public SimulationGrid Grid { get; init; } = SimulationGrid.Localizer;
    /// <summary>Multiplies every blob's amplitude.</summary>
    public double Amplitude { get; init; } = 1.0;
    /// <summary>FWHM of the noise's smoothing, in voxels (0: white noise; default 2).</summary>
    public double NoiseFwhmVoxels { get; init; } = 2.0;
    /// <summary>Standard deviation of each subject's global offset (default 0.1).</summary>
    public double OffsetSd { get; init; } = 0.1;

    /// <summary>The brain: an ellipsoid in MNI millimetres (centre and semi-axes).</summary>
    public (double X, double Y, double Z) BrainCentre { get; init; } = (0, -18, 18);
    /// <summary>Semi-axes of the brain ellipsoid in mm along x, y, z.</summary>
    public (double X, double Y, double Z) BrainSemiAxes { get; init; } = (64, 82, 58);

    /// <summary>
    /// "left vs right button press"-like effects: right motor cortex up, left motor cortex down (contralateral
    /// hands), left cerebellum up (ipsilateral), in MNI mm, centred on voxels of the Localizer grid.
    /// </summary>
    public IReadOnlyList<EffectBlob> Blobs { get; init; } =
    [
        new("right motor cortex", 39, -22, 55, 20, 1.5),
        new("left motor cortex", -39, -22, 55, 20, -1.2),
        new("left cerebellum", -21, -55, -23, 15, 1.0),
    ];

    /// <summary>Largest number of subjects accepted.</summary>
    public const int MaxSubjects = 1000;

    /// <summary>The <see cref="Ari.Volumes.ImageGrid"/> of <see cref="Grid"/> (shape and voxel-to-mm affine).</summary>
    public ImageGrid ImageGrid() => Grid switch
    {
        SimulationGrid.Localizer => new ImageGrid(53, 63, 46, Affine.FromScaleAndOffset(-3, 3, 3, 78, -112, -50)),
        SimulationGrid.Mni2mm => new ImageGrid(91, 109, 91, Affine.FromScaleAndOffset(-2, 2, 2, 90, -126, -72)),
        _ => throw new ArgumentOutOfRangeException(nameof(Grid)),
    };

    /// <summary>The name the command line and dataset.json use for the grid.</summary>
    public string GridName => Grid == SimulationGrid.Localizer ? "localizer" : "mni2mm";

    /// <summary>Checks the settings' ranges.</summary>
    /// <exception cref="AriException">Subjects outside 1..<see cref="MaxSubjects"/>, a negative or non-finite amplitude, noise FWHM or offset SD, or a blob with a non-positive radius or non-finite amplitude.</exception>
    public void Validate()
    {
        if (Subjects is < 1 or > MaxSubjects) throw new AriException($"the number of subjects must be between 1 and {MaxSubjects}, got {Subjects}");
        if (!(Amplitude >= 0) || !double.IsFinite(Amplitude)) throw new AriException($"the amplitude must be zero or more, got {Amplitude}");
        if (!(NoiseFwhmVoxels >= 0) || !double.IsFinite(NoiseFwhmVoxels)) throw new AriException($"the noise FWHM must be zero or more voxels, got {NoiseFwhmVoxels}");
        if (!(OffsetSd >= 0) || !double.IsFinite(OffsetSd)) throw new AriException($"the offset standard deviation must be zero or more, got {OffsetSd}");
        foreach (var blob in Blobs)
            if (!(blob.RadiusMm > 0) || !double.IsFinite(blob.Amplitude)) throw new AriException($"effect '{blob.Name}': the radius must be positive and the amplitude finite");
    }
}
