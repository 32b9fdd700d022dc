using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Nifti;
using Ari.Plotting;
using Ari.Plotting.Figures;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.Colormaps;
using Ari.Plotting.StatMaps;

namespace Ari.Cli.Commands;

/// <summary>`ari plot`: a stat map over the MNI template (or --bg), as nilearn's plot_stat_map draws it, to PNG or SVG.</summary>
internal static class PlotCommand
{
    /// <summary>Colour limits and thresholds beyond this leave no room for a colorbar's arithmetic.</summary>
    public const double MaxMagnitude = 1e300;

    public static Command Create()
    {
        var stat = new Option<string>("--stat") { Description = "The statistical map to draw (NIfTI)", Required = true };
        var bg = new Option<string?>("--bg") { Description = "Anatomical background (NIfTI); default: the MNI152 template in Ari's data folder, downloaded on first use" };
        var display = new Option<string>("--display") { Description = "Cuts to show: ortho, x, y, z or mosaic", DefaultValueFactory = _ => "ortho" };
        var cutCoords = new Option<string?>("--cut-coords") { Description = "Cut positions in mm: x,y,z for ortho, or positions along the axis (write --cut-coords=-24,-9,... for negative values); a single whole number N means N cuts, as in nilearn" };
        var cuts = NumberOptions.Whole("--cuts", "Number of automatic cuts for x, y, z (per row for mosaic), 1 to 100; default 7", 1, 100);
        var threshold = NumberOptions.Real("--threshold", "Hide values with |v| <= T (default 1e-6, as nilearn)", new NumberRange(0, MaxMagnitude));
        var vmin = NumberOptions.Real("--vmin", "Lower end of the colour range", new NumberRange(-MaxMagnitude, MaxMagnitude));
        var vmax = NumberOptions.Real("--vmax", "Upper end of the colour range", new NumberRange(-MaxMagnitude, MaxMagnitude));
        var cmap = new Option<string>("--cmap") { Description = "Colormap: cold_hot (default), inferno, viridis, gray, RdBu_r, ... (_r reverses)", DefaultValueFactory = _ => "cold_hot" };
        var title = new Option<string?>("--title") { Description = "Title drawn top left" };
        var noColorbar = new Option<bool>("--no-colorbar") { Description = "Leave out the colorbar" };
        var blackBg = new Option<string>("--black-bg") { Description = "auto (nilearn's rule: black for your own --bg image whose border is dark, white for the template), true or false", DefaultValueFactory = _ => "auto" };
        var dim = NumberOptions.Real("--dim", "Background dimming, -2 to 2 (default: nilearn's auto, 0.8 on black and 0.6 on white)", new NumberRange(-2, 2));
        var output = new Option<string>("--out", "-o") { Description = "Output figure: .png or .svg", Required = true };
        var command = new Command("plot", "Draw a stat map over the MNI template like nilearn's plot_stat_map (PNG or SVG)")
        {
            stat, bg, display, cutCoords, cuts, threshold, vmin, vmax, cmap, title, noColorbar, blackBg, dim, output,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string outPath = OptionValues.OutputFile("--out", parse.GetValue(output)!);
            string extension = Path.GetExtension(outPath).ToLowerInvariant();
            if (extension is not (".png" or ".svg"))
                throw new UsageException($"--out: {outPath}: the format comes from the extension; use .png or .svg");
            string displayText = parse.GetValue(display)!;
            if (!DisplayModes.TryParse(displayText, out var mode))
                throw new UsageException($"--display: must be one of {string.Join(", ", DisplayModes.Names)}, got '{displayText}'");
            string cmapName = parse.GetValue(cmap)!;
            if (!Colormap.TryNamed(cmapName, out _))
                throw new UsageException($"--cmap: unknown colormap '{cmapName}' (known: {string.Join(", ", Colormap.Names)}; add _r to reverse one)");
            double? thresholdValue = parse.GetValue(threshold);
            int? cutCount = parse.GetValue(cuts);
            string? cutText = parse.GetValue(cutCoords);
            double[]? coordinates = cutText is null ? null : NumberText.ParseList("--cut-coords", cutText, 100);
            // nilearn: a single integer is a number of cuts (not allowed for ortho, which takes x,y,z).
            if (coordinates is [var single] && mode != DisplayMode.Ortho && !cutText!.Contains('.') && single == Math.Round(single))
            {
                if (cutCount is not null && cutCount != (int)single)
                    throw new UsageException($"--cut-coords: {cutText} means {single} cuts, but --cuts says {cutCount}");
                if (single is < 1 or > 100) throw new UsageException($"--cut-coords: a number of cuts must be between 1 and 100, got {cutText}");
                cutCount = (int)single;
                coordinates = null;
            }
            string blackText = parse.GetValue(blackBg)!.Trim().ToLowerInvariant();
            bool? black = blackText switch
            {
                "auto" => null,
                "true" or "yes" => true,
                "false" or "no" => false,
                _ => throw new UsageException($"--black-bg: must be auto, true or false, got '{blackText}'"),
            };
            double? dimValue = parse.GetValue(dim);
            if (dimValue is { } dv && !(dv >= -2 && dv <= 2)) throw new UsageException($"--dim: must be between -2 and 2, got {dv.ToString(CultureInfo.InvariantCulture)}");
            if (mode == DisplayMode.Ortho && coordinates is { Length: not 3 })
                throw new UsageException($"--cut-coords: the ortho display needs three values x,y,z in mm, got {coordinates.Length}");
            if (mode == DisplayMode.Ortho && cutCount is not null)
                throw new UsageException("--cuts: the ortho display always has three cuts; use --cut-coords x,y,z to place them");
            if (mode == DisplayMode.Mosaic && coordinates is not null)
                throw new UsageException("--cut-coords: the mosaic display places its cuts itself; use --cuts N for the number per direction");
            double? low = parse.GetValue(vmin), high = parse.GetValue(vmax);
            if (low is { } lo && high is { } hi && lo >= hi)
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--vmin ({lo}) must be below --vmax ({hi})"));

            string statPath = OptionValues.ExistingFile("--stat", parse.GetValue(stat)!);
            Ari.IO.OutputCollision.Refuse([statPath, parse.GetValue(bg)], [outPath]);
            var (bgPath, note) = await TemplateBackground.ResolveAsync(parse.GetValue(bg), new Terminal(false, "plot"), cancel);

            var map = NiftiFile.Read(statPath);
            var background = LoadBackground(bgPath, note, map, userImage: parse.GetValue(bg) is not null);
            var options = new StatMapOptions
            {
                Display = mode,
                CutCoordinates = coordinates,
                CutCount = cutCount,
                Threshold = thresholdValue ?? 1e-6,
                Vmin = low,
                Vmax = high,
                Colormap = cmapName,
                Title = parse.GetValue(title),
                Colorbar = !parse.GetValue(noColorbar),
                BlackBackground = black,
                Dim = dimValue,
            };
            StatMapFigure figure;
            try { figure = StatMapPlot.Plot(map, background, options); }
            catch (CutOutsideImageException e) { throw new AriException($"--cut-coords: {e.Message}", e); }
            figure.Save(outPath);
            Console.WriteLine($"{outPath}: {figure.Width} x {figure.Height} px, {mode.Name()} display, cuts {string.Join(", ", figure.Layout.Axes.Select(a => a.Cut.Label))}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The resolved anatomy (--bg or the template), else the stat map's own non-zero area, said in one line.</summary>
    private static BackgroundImage LoadBackground(string? bgPath, string? note, Ari.Volumes.Volume<double> map, bool userImage)
    {
        if (bgPath is not null)
        {
            try { return userImage ? BackgroundImage.LoadAnatomy(bgPath) : BackgroundImage.Load(bgPath); }
            catch (AriException e) when (e is not UsageException) { throw new AriException($"--bg: {e.Message}", e); }
        }
        Console.Error.WriteLine($"note: {note}");
        return BackgroundImage.SilhouetteOf(map);
    }
}
