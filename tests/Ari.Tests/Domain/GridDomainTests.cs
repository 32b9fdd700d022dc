using Ari.Domain;
using Ari.Masking;

namespace Ari.Tests.Domain;

public class GridDomainTests
{
    [Theory]
    [InlineData(6)]
    [InlineData(18)]
    [InlineData(26)]
    public void NeighboursAreTheInMaskVoxelsAtTheRightDistance(int connectivity)
    {
        var grid = new ImageGrid(4, 5, 3, Affine.FromScaleAndOffset(2, 2, 2, -4, -5, 1));
        var random = new Random(connectivity);
        var flags = Enumerable.Range(0, grid.VoxelCount).Select(_ => random.NextDouble() < 0.7).ToArray();
        var mask = Mask.FromFlags(grid, flags);
        var domain = new GridDomain(mask, connectivity);
        Assert.Equal(mask.Count, domain.Count);
        Span<int> buffer = stackalloc int[domain.MaxDegree];
        for (int n = 0; n < domain.Count; n++)
        {
            var (i, j, k) = domain.Voxel(n);
            int count = domain.Neighbours(n, buffer);
            var expected = new HashSet<int>();
            for (int w = 0; w < domain.Count; w++)
            {
                var (a, b, c) = domain.Voxel(w);
                int d = Math.Abs(a - i) + Math.Abs(b - j) + Math.Abs(c - k);
                int chebyshev = Math.Max(Math.Abs(a - i), Math.Max(Math.Abs(b - j), Math.Abs(c - k)));
                bool adjacent = chebyshev == 1 && (connectivity == 26 || connectivity == 18 && d <= 2 || connectivity == 6 && d == 1);
                if (adjacent) expected.Add(w);
            }
            Assert.Equal(expected.Order(), buffer[..count].ToArray().Order());
            Assert.Equal(grid.VoxelToWorld(i, j, k), domain.Millimetres(n));
            Assert.Equal(n, domain.PositionOf(i, j, k));
        }
        Assert.Equal(-1, domain.PositionOf(-1, 0, 0));
    }
}
