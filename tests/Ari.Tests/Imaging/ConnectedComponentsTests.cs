using System.Text.Json;
using Ari.Imaging;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Imaging;

/// <summary>Labelling equals scipy.ndimage.label (numbering included) and a brute-force flood fill.</summary>
public class ConnectedComponentsTests
{
    private static readonly JsonElement ScipyCases =
        TestPaths.Json("Imaging", "connected_components_scipy.json").GetProperty("cases");

    public static TheoryData<int> ScipyCaseNumbers()
    {
        var data = new TheoryData<int>();
        for (int c = 0; c < ScipyCases.GetArrayLength(); c++) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(ScipyCaseNumbers))]
    public void LabelsEqualScipy(int caseNumber)
    {
        var expected = ScipyCases[caseNumber];
        var shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var foreground = expected.GetProperty("foreground").GetString()!.Select(c => c == '1').ToArray();
        var labels = new int[foreground.Length];

        int count = ConnectedComponents.Label(shape[0], shape[1], shape[2], foreground, labels, expected.GetProperty("connectivity").GetInt32());

        Assert.Equal(expected.GetProperty("count").GetInt32(), count);
        Assert.Equal(expected.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray(), labels);
    }

    [Theory]
    [InlineData(6, 20, 17, 13, 0.3, 1)]
    [InlineData(6, 20, 17, 13, 0.55, 2)]
    [InlineData(18, 31, 9, 12, 0.25, 3)]
    [InlineData(18, 16, 16, 16, 0.4, 4)]
    [InlineData(26, 24, 21, 18, 0.15, 5)]
    [InlineData(26, 8, 30, 11, 0.3, 6)]
    [InlineData(26, 1, 1, 50, 0.5, 7)]
    [InlineData(6, 50, 1, 1, 0.5, 8)]
    public void LabelsEqualFloodFill(int connectivity, int nx, int ny, int nz, double density, int seed)
    {
        var random = new Random(seed);
        var foreground = new bool[nx * ny * nz];
        for (int v = 0; v < foreground.Length; v++) foreground[v] = random.NextDouble() < density;
        var labels = new int[foreground.Length];

        int count = ConnectedComponents.Label(nx, ny, nz, foreground, labels, connectivity);

        var (expected, expectedCount) = FloodFill(nx, ny, nz, foreground, connectivity);
        Assert.Equal(expectedCount, count);
        Assert.Equal(expected, labels);
    }

    [Fact]
    public void SpiralThatJoinsLateIsOneComponent()
    {
        // A U-shape whose two arms only meet on the last row: provisional labels must be merged.
        int nx = 7, ny = 6, nz = 1;
        var grid = new bool[nx * ny * nz];
        for (int j = 0; j < ny; j++) { grid[0 + nx * j] = true; grid[6 + nx * j] = true; grid[3 + nx * j] = j > 0; }
        for (int i = 0; i < nx; i++) grid[i + nx * (ny - 1)] = true;
        var labels = new int[grid.Length];
        Assert.Equal(1, ConnectedComponents.Label(nx, ny, nz, grid, labels, 6));
        Assert.All(Enumerable.Range(0, grid.Length), v => Assert.Equal(grid[v] ? 1 : 0, labels[v]));
    }

    [Fact]
    public void EmptyAndFullVolumes()
    {
        var empty = new bool[4 * 5 * 6];
        var labels = Enumerable.Repeat(9, empty.Length).ToArray();
        Assert.Equal(0, ConnectedComponents.Label(4, 5, 6, empty, labels, 26));
        Assert.All(labels, l => Assert.Equal(0, l));

        var full = Enumerable.Repeat(true, empty.Length).ToArray();
        Assert.Equal(1, ConnectedComponents.Label(4, 5, 6, full, labels, 6));
        Assert.All(labels, l => Assert.Equal(1, l));
    }

    [Fact]
    public void DiagonalNeighboursDependOnConnectivity()
    {
        // (0,0,0) and (1,1,0) share an edge; (0,0,0) and (1,1,1) share only a corner.
        var grid = new ImageGrid(2, 2, 2, Affine.Identity);
        var edge = new bool[8];
        edge[grid.Index(0, 0, 0)] = edge[grid.Index(1, 1, 0)] = true;
        var corner = new bool[8];
        corner[grid.Index(0, 0, 0)] = corner[grid.Index(1, 1, 1)] = true;
        var labels = new int[8];
        Assert.Equal(2, ConnectedComponents.Label(grid, edge, labels, 6));
        Assert.Equal(1, ConnectedComponents.Label(grid, edge, labels, 18));
        Assert.Equal(2, ConnectedComponents.Label(grid, corner, labels, 18));
        Assert.Equal(1, ConnectedComponents.Label(grid, corner, labels, 26));
    }

    [Fact]
    public void NumbersFollowScipyOrderNotBufferOrder()
    {
        // Two voxels: A at (i=1, j=0, k=0), B at (i=0, j=0, k=1). In the x-fastest buffer A comes first,
        // but in C order of the (i, j, k) array B (i = 0) comes first, so scipy calls B label 1.
        var grid = new ImageGrid(2, 1, 2, Affine.Identity);
        var fg = new bool[4];
        fg[grid.Index(1, 0, 0)] = fg[grid.Index(0, 0, 1)] = true;
        var labels = new int[4];
        Assert.Equal(2, ConnectedComponents.Label(grid, fg, labels, 6));
        Assert.Equal(1, labels[grid.Index(0, 0, 1)]);
        Assert.Equal(2, labels[grid.Index(1, 0, 0)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(27)]
    public void RejectsUnknownConnectivity(int connectivity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectedComponents.Label(2, 2, 2, new bool[8], new int[8], connectivity));

    [Fact]
    public void RejectsBuffersOfTheWrongSize() =>
        Assert.Throws<ArgumentException>(() => ConnectedComponents.Label(2, 2, 2, new bool[8], new int[7], 6));

    /// <summary>Breadth-first flood fill from each unvisited voxel taken in C order of the (i, j, k) array (i slowest).</summary>
    private static (int[] Labels, int Count) FloodFill(int nx, int ny, int nz, bool[] fg, int connectivity)
    {
        var labels = new int[fg.Length];
        int count = 0;
        var queue = new Queue<(int, int, int)>();
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++)
                {
                    int start = i + nx * (j + ny * k);
                    if (!fg[start] || labels[start] != 0) continue;
                    labels[start] = ++count;
                    queue.Enqueue((i, j, k));
                    while (queue.Count > 0)
                    {
                        var (a, b, c) = queue.Dequeue();
                        for (int dk = -1; dk <= 1; dk++)
                            for (int dj = -1; dj <= 1; dj++)
                                for (int di = -1; di <= 1; di++)
                                {
                                    int order = Math.Abs(di) + Math.Abs(dj) + Math.Abs(dk);
                                    if (order == 0 || (connectivity == 6 && order > 1) || (connectivity == 18 && order > 2)) continue;
                                    int x = a + di, y = b + dj, z = c + dk;
                                    if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) continue;
                                    int v = x + nx * (y + ny * z);
                                    if (!fg[v] || labels[v] != 0) continue;
                                    labels[v] = count;
                                    queue.Enqueue((x, y, z));
                                }
                    }
                }
        return (labels, count);
    }
}
