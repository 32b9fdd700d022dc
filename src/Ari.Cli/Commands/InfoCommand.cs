using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Nifti;

namespace Ari.Cli.Commands;

/// <summary>`ari info FILE...`: what a NIfTI file holds (header and value range), read as Ari reads it.</summary>
internal static class InfoCommand
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
        var stats = new ValueStatistics();
        NiftiHeader header;
        using (var reader = NiftiReader.Open(path))
        {
            header = reader.Header;
            // Streamed through a small buffer: memory does not grow with the image.
            var buffer = new double[1 << 16];
            int n;
            while ((n = reader.ReadValues<double>(buffer)) > 0)
                stats.Add(buffer.AsSpan(0, n));
            reader.VerifyComplete();
        }
        var a = header.BestAffine;
        var (vx, vy, vz) = a.VoxelSizes;
        Console.WriteLine(path);
        Console.WriteLine($"  format      NIfTI-{header.Version}{(header.IsPair ? " pair" : "")}, {(header.BigEndian ? "big" : "little")}-endian");
        Console.WriteLine($"  shape       {header.ShapeText}");
        Console.WriteLine($"  datatype    {header.DataType.ToString().ToLowerInvariant()}{(header.Scaling is { } s ? string.Create(inv, $" (scaled: x{s.Slope:G6} + {s.Inter:G6}{(header.ScalesToFloat64 ? ", read as float64" : "")})") : "")}");
        Console.WriteLine(string.Create(inv, $"  voxel size  {vx:G4} x {vy:G4} x {vz:G4} mm"));
        Console.WriteLine($"  transform   {(header.SformCode > 0 ? $"sform (code {header.SformCode})" : header.QformCode > 0 ? $"qform (code {header.QformCode})" : "none (from voxel sizes)")}");
        for (int r = 0; r < 3; r++)
            Console.WriteLine(string.Create(inv, $"              [{a[r, 0],9:0.####} {a[r, 1],9:0.####} {a[r, 2],9:0.####} {a[r, 3],9:0.####}]"));
        if (header.Descrip.Length > 0) Console.WriteLine($"  description {header.Descrip}");
        foreach (string repair in header.Repairs) Console.WriteLine($"  repaired    {repair}");
        Console.WriteLine(stats.Text);
    }
}

/// <summary>Minimum, maximum and counts of a stream of values, in one pass.</summary>
internal sealed class ValueStatistics
{
    private double _min = double.PositiveInfinity, _max = double.NegativeInfinity;
    private long _nonzero, _nonfinite;

    public void Add(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) { _nonfinite++; continue; }
            if (v != 0) _nonzero++;
            if (v < _min) _min = v;
            if (v > _max) _max = v;
        }
    }

    public string Text => _nonzero + _nonfinite == 0
        ? "  values      all zero"
        : _min > _max
            ? string.Create(CultureInfo.InvariantCulture, $"  values      no finite value, {_nonfinite:N0} non-finite")
            : string.Create(CultureInfo.InvariantCulture, $"  values      min {_min:G7}, max {_max:G7}, {_nonzero:N0} non-zero, {_nonfinite:N0} non-finite");
}
