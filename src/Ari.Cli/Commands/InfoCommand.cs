using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Nifti;

namespace Ari.Cli.Commands;

/// <summary>`ari info FILE...`: what a NIfTI file holds (header and value range), read as Ari reads it.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "NIfTI files (.nii, .nii.gz, .hdr/.img)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("info", "Show a NIfTI image's header, grid and value range") { files };
        command.SetAction(parse =>
        {
            foreach (string path in parse.GetValue(files)!)
                Describe(OptionValues.ExistingFile("files", path));
            return 0;
        });
        return command;
    }

    private static void Describe(string path)
    {
        var inv = CultureInfo.InvariantCulture;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        long nonzero = 0, nonfinite = 0, frames = 0;
        NiftiHeader header;
        using (var reader = NiftiReader.Open(path))
        {
            header = reader.Header;
            var buffer = new double[reader.Grid.VoxelCount];
            for (; frames < reader.FrameCount; frames++)
            {
                reader.ReadFrame<double>(buffer);
                foreach (double v in buffer)
                {
                    if (!double.IsFinite(v)) { nonfinite++; continue; }
                    if (v != 0) nonzero++;
                    if (v < min) min = v;
                    if (v > max) max = v;
                }
            }
            reader.VerifyComplete();
        }
        var a = header.BestAffine;
        var (vx, vy, vz) = a.VoxelSizes;
        Console.WriteLine(path);
        Console.WriteLine($"  format      NIfTI-{header.Version}{(header.IsPair ? " pair" : "")}, {(header.BigEndian ? "big" : "little")}-endian");
        Console.WriteLine($"  shape       {header.ShapeText}");
        Console.WriteLine($"  datatype    {header.DataType.ToString().ToLowerInvariant()}{(header.Scaling is { } s ? string.Create(inv, $" (scaled: x{s.Slope:G6} + {s.Inter:G6})") : "")}");
        Console.WriteLine(string.Create(inv, $"  voxel size  {vx:G4} x {vy:G4} x {vz:G4} mm"));
        Console.WriteLine($"  transform   {(header.SformCode > 0 ? $"sform (code {header.SformCode})" : header.QformCode > 0 ? $"qform (code {header.QformCode})" : "none (from voxel sizes)")}");
        for (int r = 0; r < 3; r++)
            Console.WriteLine(string.Create(inv, $"              [{a[r, 0],9:0.####} {a[r, 1],9:0.####} {a[r, 2],9:0.####} {a[r, 3],9:0.####}]"));
        if (header.Descrip.Length > 0) Console.WriteLine($"  description {header.Descrip}");
        Console.WriteLine(nonzero + nonfinite == 0 && min > max
            ? "  values      all zero"
            : string.Create(inv, $"  values      min {min:G7}, max {max:G7}, {nonzero:N0} non-zero, {nonfinite:N0} non-finite"));
    }
}
