using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Nifti;
using Ari.Plotting;
using Ari.Plotting.Figures;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.Colormaps;
using Ari.Plotting.Glass;
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
        var display = new Option<string>("--display") { Description = "Cuts to show: ortho, x, y, z or mosaic; or glass for maximum-intensity projections (nilearn's plot_glass_brain)", DefaultValueFactory = _ => "ortho" };
        var glassLayout = new Option<string>("--glass-layout") { Description = $"With --display glass: nilearn's display_mode, one of {string.Join(", ", GlassBrainOptions.Layouts)} (ortho: coronal, sagittal, axial)", DefaultValueFactory = _ => "ortho" };
        var plotAbs = new Option<string>("--plot-abs") { Description = "With --display glass: true projects |v| (nilearn's default), false keeps the sign of the largest value along each line of sight (two-sided colours)", DefaultValueFactory = _ => "true" };
        var cutCoords = new Option<string?>("--cut-coords") { Description = "Cut positions in mm: x,y,z for ortho, or positions along the axis (write --cut-coords=-24,-9,... for negative values); a single whole number N means N cuts, as in nilearn" };
        var cuts = NumberOptions.Whole("--cuts", "Number of automatic cuts for x, y, z (per row for mosaic), 1 to 100; default 7", 1, 100);
        var threshold = NumberOptions.Real("--threshold", "Hide values with |v| <= T (default as nilearn: 1e-6; for glass, 'auto': the 80th percentile of |v|)", new NumberRange(0, MaxMagnitude));
        var vmin = NumberOptions.Real("--vmin", "Lower end of the colour range", new NumberRange(-MaxMagnitude, MaxMagnitude));
        var vmax = NumberOptions.Real("--vmax", "Upper end of the colour range", new NumberRange(-MaxMagnitude, MaxMagnitude));
        var cmap = new Option<string?>("--cmap") { Description = "Colormap: cold_hot (default; for glass, nilearn's cold_white_hot on white, its upper half with --plot-abs true), cold_white_hot, inferno, viridis, gray, RdBu_r, ... (_r reverses)" };
        var title = new Option<string?>("--title") { Description = "Title drawn top left" };
        var noColorbar = new Option<bool>("--no-colorbar") { Description = "Leave out the colorbar" };
        var blackBg = new Option<string>("--black-bg") { Description = "auto (nilearn's rule: black for your own --bg image whose border is dark, white for the template), true or false", DefaultValueFactory = _ => "auto" };
        var dim = NumberOptions.Real("--dim", "Background dimming, -2 to 2 (default: nilearn's auto, 0.8 on black and 0.6 on white)", new NumberRange(-2, 2));
        var output = new Option<string>("--out", "-o") { Description = "Output figure: .png or .svg", Required = true };
        var command = new Command("plot", "Draw a stat map over the MNI template like nilearn's plot_stat_map (PNG or SVG)")
        {
            stat, bg, display, glassLayout, plotAbs, cutCoords, cuts, threshold, vmin, vmax, cmap, title, noColorbar, blackBg, dim, output,
        };
        async Task<int> PlotGlassAsync(ParseResult parse, CancellationToken cancel)
        {
            string outPath = OptionValues.OutputFile("--out", parse.GetValue(output)!);
            if (Path.GetExtension(outPath).ToLowerInvariant() is not (".png" or ".svg"))
                throw new UsageException($"--out: {outPath}: the format comes from the extension; use .png or .svg");
            string layoutName = parse.GetValue(glassLayout)!;
            if (!GlassBrainOptions.Layouts.Contains(layoutName))
                throw new UsageException($"--glass-layout: must be one of {string.Join(", ", GlassBrainOptions.Layouts)}, got '{layoutName}'");
            bool absolute = ParseBool("--plot-abs", parse.GetValue(plotAbs)!, auto: false) ?? true;
            foreach (var (option, name) in new (Option, string)[] { (cutCoords, "--cut-coords"), (cuts, "--cuts"), (dim, "--dim") })
                if (parse.GetResult(option) is { Implicit: false })
                    throw new UsageException($"{name}: a glass brain projects the whole map and has no cuts or background to dim");
            string? cmapName = parse.GetValue(cmap);
            if (cmapName is not null && !Colormap.TryNamed(cmapName, out _))
                throw new UsageException($"--cmap: unknown colormap '{cmapName}' (known: {string.Join(", ", Colormap.Names)}; add _r to reverse one)");
            double? low = parse.GetValue(vmin), high = parse.GetValue(vmax);
            if (low is { } lo && high is { } hi && lo >= hi)
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--vmin ({lo}) must be below --vmax ({hi})"));
            bool black = ParseBool("--black-bg", parse.GetValue(blackBg)!, auto: true) ?? false;

            string statPath = OptionValues.ExistingFile("--stat", parse.GetValue(stat)!);
            Ari.IO.OutputCollision.Refuse([statPath, parse.GetValue(bg)], [outPath]);
            var (bgPath, note) = await TemplateBackground.ResolveAsync(parse.GetValue(bg), new Terminal(false, "plot"), cancel);
            var map = NiftiFile.Read(statPath);
            BackgroundImage? anatomy = null;
            if (bgPath is not null)
            {
                try { anatomy = BackgroundImage.Load(bgPath); }
                catch (AriException e) when (e is not UsageException) { throw new AriException($"--bg: {e.Message}", e); }
            }
            else Console.Error.WriteLine($"note: {note}; the glass brain is drawn without its outline");
            var options = new GlassBrainOptions
            {
                Layout = layoutName,
                PlotAbsolute = absolute,
                Threshold = parse.GetValue(threshold),
                Vmin = low,
                Vmax = high,
                Colormap = cmapName,
                Title = parse.GetValue(title),
                Colorbar = !parse.GetValue(noColorbar),
                BlackBackground = black,
            };
            var figure = GlassBrainPlot.Plot(map, anatomy, options);
            figure.Save(outPath);
            Console.WriteLine($"{outPath}: {figure.Width} x {figure.Height} px, glass brain ({layoutName}{(absolute ? "" : ", signed")})");
            return ExitCodes.Success;
        }

        command.SetAction(async (parse, cancel) =>
        {
            string outPath = OptionValues.OutputFile("--out", parse.GetValue(output)!);
            string extension = Path.GetExtension(outPath).ToLowerInvariant();
            if (extension is not (".png" or ".svg"))
                throw new UsageException($"--out: {outPath}: the format comes from the extension; use .png or .svg");
            string displayText = parse.GetValue(display)!;
            if (displayText == "glass") return await PlotGlassAsync(parse, cancel);
            if (parse.GetResult(glassLayout) is { Implicit: false } || parse.GetResult(plotAbs) is { Implicit: false })
                throw new UsageException("--glass-layout and --plot-abs go with --display glass");
            if (!DisplayModes.TryParse(displayText, out var mode))
                throw new UsageException($"--display: must be one of {string.Join(", ", DisplayModes.Names)} or glass, got '{displayText}'");
            string cmapName = parse.GetValue(cmap) ?? "cold_hot";
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
            Console.WriteLine($"{outPath}: {figure.Width} x {figure.Height} px, {mode.Name()} display, cuts {string.Join(", ", figure.Cuts.Select(c => c.Label))}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool? ParseBool(string option, string text, bool auto) => text.Trim().ToLowerInvariant() switch
    {
        "auto" when auto => null,
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => throw new UsageException($"{option}: must be {(auto ? "auto, " : "")}true or false, got '{text}'"),
    };

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
