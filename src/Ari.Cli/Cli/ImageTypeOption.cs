using System.CommandLine;
using Ari.Nifti;

namespace Ari.Cli.Cli;

/// <summary>
/// `--dtype float32|float64`: the stored type of a command's statistical images. float64 (the default) is what
/// nilearn writes; float32 halves the files and holds every value to about 7 significant digits.
/// </summary>
internal static class ImageTypeOption
{
    public static Option<string> Create(string what) => new Option<string>("--dtype")
    {
        Description = $"Stored type of {what}: float64 (default, as nilearn) or float32 (half the size, 7 significant digits)",
        DefaultValueFactory = _ => "float64",
    }.AcceptOnlyFromAmong("float32", "float64");

    public static NiftiDataType Parse(string value) => value == "float32" ? NiftiDataType.Float32 : NiftiDataType.Float64;
}
