using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ari.Glm;

namespace Ari.Pipelines.Glm;

/// <summary>
/// The identity of a sharded GLM run: a digest of what every shard must agree on (Ari's version, the number of
/// shards, the map list, the design, the contrast, smoothing, mask and the stored type of the maps). Deterministic, so a resubmitted shard
/// belongs to its run; shards of different analyses never combine.
/// </summary>
internal static class GlmRunId
{
    public static string Compute(int shards, IReadOnlyList<string> maps, DesignMatrix design, string? contrast, double? fwhm, string? maskPath,
        Ari.Nifti.NiftiDataType imageType = Ari.Nifti.NiftiDataType.Float64)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append("ari ").Append(AriVersion.Current).Append('\n');
        text.Append("shards ").Append(shards.ToString(inv)).Append('\n');
        text.Append("contrast ").Append(contrast ?? "(default)").Append('\n');
        text.Append("fwhm ").Append(fwhm is { } f ? f.ToString("R", inv) : "none").Append('\n');
        text.Append("mask ").Append(maskPath is null ? "(background)" : Path.GetFullPath(maskPath)).Append('\n');
        if (imageType != Ari.Nifti.NiftiDataType.Float64) text.Append("dtype ").Append(imageType.ToString()).Append('\n');
        text.Append("columns ").Append(string.Join('\t', design.Columns)).Append('\n');
        for (int r = 0; r < design.RowCount; r++)
        {
            text.Append(Path.GetFullPath(maps[r]));
            for (int c = 0; c < design.ColumnCount; c++) text.Append('\t').Append(design[r, c].ToString("R", inv));
            text.Append('\n');
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
