using Ari.Nifti;
using Ari.Plotting;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.CutCoordinates;
using Ari.Plotting.Geometry;
using Ari.Plotting.StatMaps;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Plotting;

/// <summary>
/// The nilearn-parity fixes of `ari plot`, against nilearn 0.10.3 (tests/reference-scripts/plot_layout_values.py):
/// the stat map's slice at non-integer cuts, x cuts in nilearn's order, the mosaic's figure size, and the black
/// background for a user's own anatomy.
/// </summary>
public class PlotParityTests
{
    private static System.Text.Json.JsonElement Expected => TestPaths.Json("Plotting", "plot_layout_values.json");

    [Theory]
    [InlineData("localizer16")]
    [InlineData("fsl_auditory")]
    public void XCutsComeInNilearnsOrder(string map)
    {
        var image = NiftiFile.Read(map == "localizer16" ? TestPaths.NilearnReference("z_score.nii.gz") : TestPaths.SharedFile("data", "real", "fsl_auditory", "zstat.nii.gz"));
        var expected = Expected.GetProperty("x_cuts").GetProperty(map).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected, CutSliceFinder.Find(image, WorldAxis.X, 7));
    }

    [Fact]
    public void NonIntegerCutsShowTheStatMapsNearestVoxel()
    {
        var z = PlotFixtures.Z;
        var grid = OrientedGrid.TryCreate(z.Grid)!;
        int compared = 0;
        foreach (var c in Expected.GetProperty("stat_slices").EnumerateArray())
        {
            var found = c.GetProperty("voxel_index").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            if (found.Length != 1) continue;
            var axis = c.GetProperty("direction").GetString() switch { "x" => WorldAxis.X, "y" => WorldAxis.Y, _ => WorldAxis.Z };
            int display = StatMapPlot.StatSliceIndex(grid, axis, c.GetProperty("coordinate").GetDouble());
            Assert.Equal(found[0], grid.VoxelIndex(axis, display));
            compared++;
        }
        Assert.True(compared >= 10, $"only {compared} cuts compared");
    }

    [Fact]
    public void NonIntegerCutDrawsTheStatSliceNotTheBackgroundsNeighbour()
    {
        // A map whose every axial slice holds its own index + 1: the colour drawn at a cut tells which slice was used.
        var z = PlotFixtures.Z;
        var layers = new double[z.Data.Length];
        for (int v = 0; v < layers.Length; v++) layers[v] = z.Grid.Coordinates(v).K + 1;
        var map = new Volume<double>(z.Grid, layers);
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("mni2mm.nii.gz"), Ari.Datasets.Templates.ShippedTemplate.Bytes());
        var background = BackgroundImage.Load(temp.File("mni2mm.nii.gz"));
        // Over the 2 mm template, z = 2.9 mm: the stat map's own nearest slice is 17.63 -> 18 (value 19); going through
        // the template's nearest voxel (z = 2 mm) would give 17.33 -> 17 (value 18).
        var options = new StatMapOptions { Display = DisplayMode.Z, CutCoordinates = [2.9], Threshold = 0, Vmin = 0, Vmax = 40, Colormap = "inferno", Colorbar = false };
        var figure = StatMapPlot.Plot(map, background, options);
        var colors = new OverlayColors(Ari.Plotting.Colormaps.Colormap.Named("inferno"), ColorRange.Choose(1, z.Grid.Nz, 0, 40, null), 0);
        Assert.Contains(colors.ColorOf(19), figure.CutImages[0].Argb);
        Assert.DoesNotContain(colors.ColorOf(18), figure.CutImages[0].Argb);
    }

    [Fact]
    public void MosaicHasNilearnsFigureSize()
    {
        var z = PlotFixtures.Z;
        var m = Expected.GetProperty("mosaic");
        var figure = StatMapPlot.Plot(z, PlotFixtures.Template, new StatMapOptions { Display = DisplayMode.Mosaic });
        Assert.Equal((m.GetProperty("width").GetInt32(), m.GetProperty("height").GetInt32()), (figure.Width, figure.Height));
        var n = Expected.GetProperty("mosaic_no_colorbar");
        var bare = StatMapPlot.Plot(z, PlotFixtures.Template, new StatMapOptions { Display = DisplayMode.Mosaic, Colorbar = false });
        Assert.Equal((n.GetProperty("width").GetInt32(), n.GetProperty("height").GetInt32()), (bare.Width, bare.Height));
    }

    [Fact]
    public void UsersOwnBackgroundTurnsTheFigureBlackAsNilearnDoes()
    {
        var z = PlotFixtures.Z;
        var options = new StatMapOptions { Display = DisplayMode.Z, CutCoordinates = [10] };
        var own = StatMapPlot.Plot(z, BackgroundImage.LoadAnatomy(PlotFixtures.TemplatePath), options);
        var template = StatMapPlot.Plot(z, PlotFixtures.Template, options);
        Assert.Equal(Expected.GetProperty("user_bg").GetProperty("black").GetBoolean(), own.BlackFigure);
        Assert.Equal(Expected.GetProperty("default_bg").GetProperty("black").GetBoolean(), template.BlackFigure);
        Assert.False(StatMapPlot.Plot(z, BackgroundImage.LoadAnatomy(PlotFixtures.TemplatePath), options with { BlackBackground = false }).BlackFigure);
    }

    [Fact]
    public void CutCoordsWithOneWholeNumberMeansThatManyCuts()
    {
        using var temp = new TempDirectory();
        var result = AriProcess.Run("plot", "--stat", TestPaths.NilearnReference("z_score.nii.gz"), "--bg", PlotFixtures.TemplatePath,
            "--display", "z", "--cut-coords", "3", "--black-bg", "false", "--out", temp.File("z.png"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var e = Expected.GetProperty("z_cuts_3");
        Assert.Contains($"{e.GetProperty("width").GetInt32()} x {e.GetProperty("height").GetInt32()} px", result.StdOut);
        Assert.Equal(3, result.StdOut.Split("cuts ")[1].Split(',').Length);
        var bad = AriProcess.Run("plot", "--stat", TestPaths.NilearnReference("z_score.nii.gz"), "--black-bg", "maybe", "--out", temp.File("b.png"));
        AriProcess.AssertCleanError(bad, 2, "--black-bg");
    }
}
