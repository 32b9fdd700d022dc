using System.Globalization;
using Ari.Datasets.Templates;
using Ari.Nifti;
using Ari.Plotting;
using Ari.Plotting.Backgrounds;
using Ari.Plotting.Geometry;
using Ari.Plotting.Glass;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Plotting;

/// <summary>
/// The glass brain against nilearn 0.10.3's plot_glass_brain on the FSL auditory z map (2 mm MNI): figure size, panel
/// order, panel rectangles and world limits (tests/reference-scripts/glass_brain_layout.py → glass_brain_layout.tsv),
/// and the projections' values, the 'auto' threshold and the plot_abs colormap (glass_brain_projections.tsv).
/// </summary>
public class GlassBrainPlotTests
{
    private static readonly Lazy<Volume<double>> ZMap = new(() => NiftiFile.Read(TestPaths.SharedFile("data", "real", "fsl_auditory", "zstat.nii.gz")));

    private static readonly Lazy<BackgroundImage> Template = new(() =>
    {
        using var temp = new TempDirectory();
        string path = temp.File(ShippedTemplate.FileName);
        File.WriteAllBytes(path, ShippedTemplate.Bytes());
        return BackgroundImage.Load(path);
    });

    private static string[][] Rows(string file) => File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "tests", "reference-scripts", file))
        .Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToArray();

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    public static TheoryData<string, bool> Layouts()
    {
        var data = new TheoryData<string, bool>();
        foreach (string mode in new[] { "ortho", "x", "y", "z", "lyrz" })
            foreach (bool colorbar in new[] { false, true })
                data.Add(mode, colorbar);
        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void LayoutMatchesNilearn(string mode, bool colorbar)
    {
        var expected = Rows("glass_brain_layout.tsv").Where(r => r[0] == mode && r[1] == "True" && r[2] == colorbar.ToString()).ToArray();
        var figure = GlassBrainPlot.Plot(ZMap.Value, Template.Value, new GlassBrainOptions { Layout = mode, Colorbar = colorbar, Threshold = 3 });
        // Same canvas, same panels in the same order.
        Assert.Equal((int.Parse(expected[0][3], CultureInfo.InvariantCulture), int.Parse(expected[0][4], CultureInfo.InvariantCulture)), (figure.Width, figure.Height));
        Assert.Equal(string.Concat(expected.Select(r => r[6])), string.Concat(GlassLayouts.Views(mode).Select(v => v.Letter())));
        Assert.Equal(expected.Length, figure.Layout.Axes.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            var row = expected[i];
            var axes = figure.Layout.Axes[i];
            // World limits: nilearn's are the stat map's bounds joined with its schematic's, Ari's with the template
            // mask's outline: equal where the stat map sets them, within 5 mm where the outline does (the brainstem's end).
            Assert.Equal(D(row[11]), axes.HorizontalMin, 1e-6);
            Assert.Equal(D(row[12]), axes.HorizontalMax, 1e-6);
            Assert.Equal(D(row[13]), axes.VerticalMin, 5.0);
            Assert.Equal(D(row[14]), axes.VerticalMax, 1e-6);
            // Panel rectangles in figure fractions (y up): within 2 % of the figure (the vertical limits differ by up to 5 mm).
            double w = (double)figure.Width, h = (double)figure.Height;
            Assert.Equal(D(row[7]), axes.Rect.Left / w, 0.02);
            Assert.Equal(D(row[9]), axes.Rect.Width / w, 0.02);
            Assert.Equal(D(row[10]), axes.Rect.Height / h, 0.02);
            Assert.Equal(D(row[8]), 1 - axes.Rect.Bottom / h, 0.02);
            // Square millimetres.
            Assert.Equal(Math.Abs(axes.HorizontalMax - axes.HorizontalMin) / Math.Abs(axes.VerticalMax - axes.VerticalMin), axes.Rect.Width / axes.Rect.Height, 0.01);
        }
    }

    [Fact]
    public void ProjectionsEqualNilearns()
    {
        var map = ZMap.Value;
        var grid = OrientedGrid.TryCreate(map.Grid)!;
        var absX = MaximumIntensityProjection.Project(map.Data, grid, GlassView.X, absolute: true, out int wx, out int hx);
        var signedZ = MaximumIntensityProjection.Project(map.Data, grid, GlassView.Z, absolute: false, out int wz, out int hz);
        int checkedValues = 0;
        foreach (var row in Rows("glass_brain_projections.tsv"))
        {
            int a = int.Parse(row[1], CultureInfo.InvariantCulture), b = int.Parse(row[2], CultureInfo.InvariantCulture);
            double value = D(row[3]);
            switch (row[0])
            {
                case "abs_x": // voxel (j, k) of the array → display column, screen row
                    Assert.Equal(value, absX[(hx - 1 - grid.VoxelIndex(WorldAxis.Z, b)) * wx + grid.VoxelIndex(WorldAxis.Y, a)], 1e-6);
                    checkedValues++;
                    break;
                case "signed_z": // voxel (i, j)
                    Assert.Equal(value, signedZ[(hz - 1 - grid.VoxelIndex(WorldAxis.Y, b)) * wz + grid.VoxelIndex(WorldAxis.X, a)], 1e-6);
                    checkedValues++;
                    break;
                case "auto_threshold":
                    Assert.Equal(value, GlassBrainPlot.AutoThreshold(NonFiniteZeroed(map).Data), 1e-6);
                    checkedValues++;
                    break;
                case "abs_cmap_rgb":
                    var c = GlassBrainPlot.ChooseColormap(new GlassBrainOptions())[a];
                    int rgb = (int)value;
                    Assert.True(Math.Abs(c.R - (rgb >> 16)) <= 1 && Math.Abs(c.G - ((rgb >> 8) & 255)) <= 1 && Math.Abs(c.B - (rgb & 255)) <= 1,
                        $"entry {a}: {c} vs #{rgb:x6}");
                    checkedValues++;
                    break;
            }
        }
        Assert.True(checkedValues >= 15, $"only {checkedValues} reference values");
    }

    [Fact]
    public void ProjectionIsTheMaximumOverTheLineOfSight()
    {
        // Brute force on a small random image with a flipped x axis: every pixel of every view.
        var random = new Random(5);
        var grid = new ImageGrid(6, 5, 4, Affine.FromScaleAndOffset(-2, 3, 4, 3, -6, -8));
        var data = Enumerable.Range(0, grid.VoxelCount).Select(_ => random.NextDouble() * 8 - 4).ToArray();
        var oriented = OrientedGrid.TryCreate(grid)!;
        foreach (var view in new[] { GlassView.X, GlassView.Y, GlassView.Z, GlassView.L, GlassView.R })
            foreach (bool absolute in new[] { true, false })
            {
                var projection = MaximumIntensityProjection.Project(data, oriented, view, absolute, out int width, out int height);
                var along = view.Along();
                var (h, v) = along.ScreenAxes();
                for (int row = 0; row < height; row++)
                    for (int col = 0; col < width; col++)
                    {
                        double best = 0, bestAbs = -1;
                        for (int d = 0; d < oriented.Count(along); d++)
                        {
                            // x runs -7..3 mm: nilearn's int(x_center) = int(3.5) = 3 puts x = -7, -5, -3 in 'l', the rest in 'r'.
                            if (view == GlassView.L && d >= 3) continue;
                            if (view == GlassView.R && d < 3) continue;
                            var idx = new int[3];
                            idx[oriented.VoxelAxisOf(along)] = oriented.VoxelIndex(along, d);
                            idx[oriented.VoxelAxisOf(h)] = oriented.VoxelIndex(h, col);
                            idx[oriented.VoxelAxisOf(v)] = oriented.VoxelIndex(v, height - 1 - row);
                            double value = data[grid.Index(idx[0], idx[1], idx[2])];
                            if (Math.Abs(value) > bestAbs) { bestAbs = Math.Abs(value); best = value; }
                        }
                        Assert.Equal(absolute ? bestAbs : best, projection[row * width + col]);
                    }
            }
    }

    [Fact]
    public void OutlineClosesAroundTheTemplateBrain()
    {
        var image = Template.Value.Image;
        var grid = OrientedGrid.TryCreate(image.Grid)!;
        var outline = BrainOutline.For(image.Data, grid, GlassView.Z);
        Assert.NotEmpty(outline.Outer);
        // The MNI brain spans about x -70..70, y -105..70 mm in an axial projection.
        Assert.InRange(outline.HorizontalMin, -80, -60);
        Assert.InRange(outline.HorizontalMax, 60, 80);
        Assert.InRange(outline.VerticalMin, -115, -95);
        Assert.InRange(outline.VerticalMax, 60, 80);
        // A closed contour: every end point is shared by exactly two segments.
        var ends = outline.Outer.SelectMany(s => new[] { (Math.Round(s.X0, 6), Math.Round(s.Y0, 6)), (Math.Round(s.X1, 6), Math.Round(s.Y1, 6)) })
            .GroupBy(p => p).Select(g => g.Count());
        Assert.All(ends, n => Assert.Equal(0, n % 2));
    }

    private static Volume<double> NonFiniteZeroed(Volume<double> map) => Ari.Imaging.NonFinite.Zeroed(map);
}
