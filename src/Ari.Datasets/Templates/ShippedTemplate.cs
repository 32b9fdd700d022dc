using Ari.Imaging;
using Ari.IO;
using Ari.Nifti;

namespace Ari.Datasets.Templates;

/// <summary>
/// The MNI ICBM152 2009 symmetric T1 template at 2 mm (99x117x95, uint8) that ships inside Ari, so that figures, the
/// report and `ari example` show the anatomy on a fresh machine without network. Made by Ari's own resampling of the
/// 1 mm template (<see cref="From1mm"/>: linear interpolation onto the 2 mm box nilearn uses, -98..98, -134..98,
/// -72..116 mm; the 2 mm centres are 1 mm centres, so the values are the 1 mm file's, exactly). (c) 1993-2009 Louis
/// Collins, McConnell Brain Imaging Centre, Montreal Neurological Institute, McGill University: use, copy and
/// distribution are permitted with the notice in Templates/MNI152-LICENSE.txt.
/// </summary>
public static class ShippedTemplate
{
    /// <summary>The file name of the shipped 2 mm template when written to disk (under DATA/templates, or in the temporary folder).</summary>
    public const string FileName = "mni152_2009_t1_2mm.nii.gz";
    private const string ResourceName = "Ari.Datasets.Templates.mni152_2009_t1_2mm.nii.gz";

    /// <summary>The copyright and permission notice the template's licence asks to keep with it (see Templates/MNI152-LICENSE.txt).</summary>
    public const string Notice = "MNI ICBM152 2009 template (c) 1993-2009 Louis Collins, McConnell Brain Imaging Centre, Montreal Neurological Institute, McGill University; use, copy and distribution permitted with this notice.";

    /// <summary>The 2 mm grid of nilearn's MNI152 template.</summary>
    public static ImageGrid Grid2mm { get; } = new(99, 117, 95, Affine.FromScaleAndOffset(2, 2, 2, -98, -134, -72));

    /// <summary>The shipped file's bytes (.nii.gz).</summary>
    public static byte[] Bytes()
    {
        using var stream = typeof(ShippedTemplate).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new AriException($"the shipped MNI template ({ResourceName}) is missing from this build");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>
    /// A path to the shipped template: DATA/templates/mni152_2009_t1_2mm.nii.gz (written once), or a copy in the
    /// temporary folder when the data folder cannot be written.
    /// </summary>
    public static string Path(string? dataDirectory = null)
    {
        var bytes = Bytes();
        string? target = null;
        try { target = DataDirectory.Within(DataDirectory.Resolve(dataDirectory), System.IO.Path.Combine(MniTemplate.Folder, FileName)); }
        catch (AriException) { }
        foreach (string? candidate in new[] { target, System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ari-{AriVersion.Current}-{FileName}") })
        {
            if (candidate is null) continue;
            try
            {
                if (File.Exists(candidate) && new FileInfo(candidate).Length == bytes.Length) return candidate;
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(candidate)!);
                AtomicFile.WriteAllBytes(candidate, bytes);
                return candidate;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        throw new AriException("cannot write the shipped MNI template to the data folder or the temporary folder");
    }

    /// <summary>How the shipped file was made: the 1 mm template resampled (linear) to <see cref="Grid2mm"/>, as uint8.</summary>
    public static Volume<byte> From1mm(Volume<double> template1mm)
    {
        var resampled = Resampling.Resample(template1mm, Grid2mm, Interpolation.Linear);
        return new Volume<byte>(resampled.Grid, resampled.Data.Select(v => (byte)Math.Clamp(Math.Round(v), 0, 255)).ToArray());
    }
}
