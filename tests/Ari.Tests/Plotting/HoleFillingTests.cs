using System.Text.Json;
using Ari.Imaging;
using Ari.Plotting.Backgrounds;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Plotting;

public class HoleFillingTests
{
    private static readonly JsonElement Expected =
        TestPaths.Json("Plotting", "plotting_values.json");

    [Fact]
    public void RandomMasksFillAsScipy()
    {
        foreach (var c in Expected.GetProperty("fill_cases").EnumerateArray())
        {
            var shape = c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var grid = new ImageGrid(shape[0], shape[1], shape[2], Affine.Identity);
            var mask = c.GetProperty("mask").GetString()!.Select(ch => ch == '1').ToArray();
            var expected = c.GetProperty("filled").GetString()!.Select(ch => ch == '1').ToArray();
            Assert.Equal(expected, HoleFilling.Fill(grid, mask));
        }
    }

    [Fact]
    public void EnclosedCavityIsFilledAndAChannelToTheBorderIsNot()
    {
        var grid = new ImageGrid(7, 7, 7, Affine.Identity);
        var mask = new bool[grid.VoxelCount];
        for (int k = 1; k < 6; k++)
            for (int j = 1; j < 6; j++)
                for (int i = 1; i < 6; i++)
                    mask[grid.Index(i, j, k)] = i is 1 or 5 || j is 1 or 5 || k is 1 or 5;
        var filled = HoleFilling.Fill(grid, mask);
        Assert.True(filled[grid.Index(3, 3, 3)]);
        Assert.False(filled[grid.Index(0, 0, 0)]);
        // open a channel from the cavity to the outside along z
        mask[grid.Index(3, 3, 5)] = false;
        filled = HoleFilling.Fill(grid, mask);
        Assert.False(filled[grid.Index(3, 3, 3)]);
        Assert.False(filled[grid.Index(2, 2, 2)]);
    }

    [Fact]
    public void TemplateHeadMatchesScipy()
    {
        var template = BackgroundImage.Load(TestPaths.SharedFile("data", "real", "mni152_2009_t1_1mm.nii.gz"));
        var style = BackgroundStyle.For(template);
        var expected = Expected.GetProperty("template_fill");
        Assert.Equal(expected.GetProperty("filled").GetInt32(), style.Hidden!.Count(BackgroundStyle.IsDrawn));
        var grid = template.Image.Grid;
        var hidden = style.Hidden!;
        foreach (var slice in expected.GetProperty("slices").EnumerateObject())
        {
            int k = int.Parse(slice.Name) + 72;
            int count = 0;
            for (int j = 0; j < grid.Ny; j++)
                for (int i = 0; i < grid.Nx; i++)
                    if (BackgroundStyle.IsDrawn(hidden[grid.Index(i, j, k)])) count++;
            Assert.Equal(slice.Value.GetInt32(), count);
        }
    }
}
