using Ari.Domain;
using Ari.Inference;
using Ari.Masking;
using Ari.Tests.Domain;

namespace Ari.Tests.Inference;

/// <summary>
/// The cluster tree against its definitions by brute force on small graphs (m &lt;= 14): every supra-threshold
/// cluster (connected component of {p &lt;= t}, found by search for every t) is a node and vice versa, with the bound of
/// that voxel set computed directly (and by closed testing for m &lt;= 10); admissibility, queries (disjoint, TDP &gt;=
/// gamma, maximal) and changes follow their definitions.
/// </summary>
public class AriClusterTreeTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in new[] { "random", "chain", "grid with holes", "star", "ties", "zeros" })
            for (int seed = 1; seed <= 6; seed++) data.Add(kind, seed);
        return data;
    }

    private static (double[] P, GraphDomain Domain, double Alpha) Make(string kind, int seed)
    {
        var random = new Random(seed * 31 + kind.Length);
        int m = random.Next(kind == "grid with holes" ? 9 : 3, 15);
        var edges = new List<(int, int)>();
        switch (kind)
        {
            case "chain":
                for (int i = 1; i < m; i++) edges.Add((i - 1, i));
                break;
            case "star":
                for (int i = 1; i < m; i++) edges.Add((0, i));
                break;
            case "grid with holes":
                {
                    // A 4 x 4 grid (4-neighbourhood) of which m positions are kept.
                    var kept = Enumerable.Range(0, 16).OrderBy(_ => random.Next()).Take(m).Order().ToArray();
                    for (int a = 0; a < m; a++)
                        for (int b = a + 1; b < m; b++)
                        {
                            int ia = kept[a] % 4, ja = kept[a] / 4, ib = kept[b] % 4, jb = kept[b] / 4;
                            if (Math.Abs(ia - ib) + Math.Abs(ja - jb) == 1) edges.Add((a, b));
                        }
                    break;
                }
            default:
                for (int a = 0; a < m; a++)
                    for (int b = a + 1; b < m; b++)
                        if (random.NextDouble() < 0.25) edges.Add((a, b));
                break;
        }
        double strength = Math.Pow(10, -2 * random.NextDouble());
        var p = Enumerable.Range(0, m).Select(_ => random.NextDouble() < 0.6 ? random.NextDouble() * 0.05 * strength : random.NextDouble()).ToArray();
        if (kind == "ties") for (int i = 0; i < m; i++) p[i] = Math.Round(p[i] * 40) / 40;
        if (kind == "zeros") for (int i = 0; i < m; i += 3) p[i] = 0;
        double alpha = new[] { 0.05, 0.1, 0.2, 0.3 }[seed % 4];
        return (p, new GraphDomain(m, edges), alpha);
    }

    /// <summary>Every connected component of {p &lt;= t} for every t among the p-values, as sorted position sets.</summary>
    private static List<int[]> SupraThresholdClusters(double[] p, GraphDomain domain)
    {
        var found = new Dictionary<string, int[]>();
        foreach (double t in p.Distinct())
        {
            var seen = new bool[p.Length];
            for (int s = 0; s < p.Length; s++)
            {
                if (seen[s] || !(p[s] <= t)) continue;
                var component = new List<int>();
                var stack = new Stack<int>([s]);
                seen[s] = true;
                while (stack.Count > 0)
                {
                    int v = stack.Pop();
                    component.Add(v);
                    foreach (int w in domain.Adjacent(v))
                        if (!seen[w] && p[w] <= t) { seen[w] = true; stack.Push(w); }
                }
                var set = component.Order().ToArray();
                found[Key(set)] = set;
            }
        }
        return [.. found.Values];
    }

    private static string Key(IEnumerable<int> set) => string.Join(",", set.Order());

    private sealed record Stc(int[] Members, int TrueDiscoveries, double Tdp);

    [Theory]
    [MemberData(nameof(Cases))]
    public void TreeMatchesTheDefinitions(string kind, int seed)
    {
        var (p, domain, alpha) = Make(kind, seed);
        var tree = AriClusterTree.Build(p, domain, alpha);
        var bounds = TrueDiscoveryBounds.Create(p, alpha);
        bool[]? closed = p.Length <= 10 ? BruteForceClosedTesting.ClosedRejections(p, alpha) : null;

        // STCs: the same sets, the same bounds (direct, and closed testing).
        var stcs = SupraThresholdClusters(p, domain).Select(set =>
        {
            int td = bounds.LowerBoundTrueDiscoveries(set);
            return new Stc(set, td, (double)td / set.Length);
        }).ToList();
        var nodes = Enumerable.Range(0, p.Length).Where(v => tree.Tdp(v) >= 0).ToList();
        Assert.Equal(stcs.Count, tree.StcCount);
        Assert.Equal(stcs.Select(s => Key(s.Members)).Order(), nodes.Select(v => Key(tree.Members(tree.Cluster(v)).ToArray())).Order());
        foreach (int v in nodes)
        {
            var cluster = tree.Cluster(v);
            var members = tree.Members(cluster).ToArray();
            Assert.Equal(v, members[^1]);
            Assert.Equal(bounds.LowerBoundTrueDiscoveries(members), cluster.TrueDiscoveries);
            if (closed is not null)
                Assert.Equal(BruteForceClosedTesting.TrueDiscoveries(closed, members.Sum(i => 1 << i)), cluster.TrueDiscoveries);
        }

        // Admissible: TDP strictly above every STC that strictly contains it.
        var admissible = stcs.Where(s => stcs.All(o => !(o.Members.Length > s.Members.Length && s.Members.All(o.Members.Contains)) || o.Tdp < s.Tdp)).ToList();
        Assert.Equal(admissible.Select(s => Key(s.Members)).Order(), tree.Admissible.ToArray().Select(v => Key(tree.Members(tree.Cluster(v)).ToArray())).Order());

        foreach (double gamma in new[] { 0.01, 0.2, 0.4, 0.5, 0.7, 0.9, 1.0 })
        {
            var result = tree.Query(gamma);
            var expected = admissible.Where(s => s.Tdp >= gamma && !admissible.Any(o => o.Tdp >= gamma && o.Members.Length > s.Members.Length && s.Members.All(o.Members.Contains))).ToList();
            Assert.Equal(expected.Select(s => Key(s.Members)).Order(), result.Select(c => Key(tree.Members(c).ToArray())).Order());
            Assert.All(result, c => Assert.True(c.Tdp >= gamma));
            var all = result.SelectMany(c => tree.Members(c).ToArray()).ToArray();
            Assert.Equal(all.Length, all.Distinct().Count());
            for (int n = 1; n < result.Length; n++) Assert.True(result[n - 1].Size >= result[n].Size);
            foreach (var c in result) CheckChanges(tree, result, c, admissible);
        }
    }

    private static void CheckChanges(AriClusterTree tree, TdpCluster[] clusters, TdpCluster chosen, List<Stc> admissible)
    {
        var members = tree.Members(chosen).ToArray();
        int index = Array.IndexOf(clusters, chosen);
        var others = clusters.Where((_, n) => n != index).Select(c => tree.Members(c).ToArray()).ToList();
        double lowest = admissible.Min(s => s.Tdp), highest = admissible.Max(s => s.Tdp);
        foreach (double delta in new[] { 0.01, 0.1, 0.3, -0.01, -0.1, -0.3 })
        {
            bool refused = delta < 0 ? lowest == chosen.Tdp || lowest - chosen.Tdp > delta : highest == chosen.Tdp || highest - chosen.Tdp < delta;
            if (refused)
            {
                Assert.Throws<AriException>(() => tree.Change(clusters, index, delta));
                continue;
            }
            List<int[]> expected;
            if (delta > 0)
            {
                var qualifying = admissible.Where(s => s.Members.Length < members.Length && s.Members.All(members.Contains) && s.Tdp - chosen.Tdp >= delta).ToList();
                expected = [.. qualifying.Where(s => !qualifying.Any(o => o.Members.Length > s.Members.Length && s.Members.All(o.Members.Contains))).Select(s => s.Members), .. others];
            }
            else
            {
                var around = admissible.Where(s => s.Members.Length > members.Length && members.All(s.Members.Contains) && s.Tdp - chosen.Tdp <= delta)
                    .OrderBy(s => s.Members.Length).FirstOrDefault();
                if (around is null)
                {
                    Assert.Throws<AriException>(() => tree.Change(clusters, index, delta));
                    continue;
                }
                expected = [around.Members, .. others.Where(o => !o.All(around.Members.Contains))];
            }
            var changed = tree.Change(clusters, index, delta);
            Assert.Equal(expected.Select(Key).Order(), changed.Select(c => Key(tree.Members(c).ToArray())).Order());
        }
    }

    /// <summary>
    /// A chain of 8 where ARIbrain 0.9's ARICluster gives the STC {1..7} (one-based) TD 4 (its heavy-path step hands
    /// unsorted p-values to findDiscoveries); hommel::discoveries and brute-force closed testing give 5, as Ari does.
    /// Found with tests/reference-scripts (see aribrain_tdp_clusters.R); ARIbrain's value is recorded here.
    /// </summary>
    [Fact]
    public void WhereAribrainsBoundIsSmallerAriGivesTheClosedTestingValue()
    {
        double[] p = [0.016676687006838619, 0.0063309045089408756, 0.045670279068872333, 0.017941799638792874,
            0.0022667882591485976, 0.011829516091383994, 0.0076270663365721704, 0.18809912377037108];
        var domain = new GraphDomain(8, Enumerable.Range(1, 7).Select(i => (i - 1, i)));
        var tree = AriClusterTree.Build(p, domain, 0.05);
        var closed = BruteForceClosedTesting.ClosedRejections(p, 0.05);
        const int AribrainValue = 4;
        int node = Enumerable.Range(0, 8).Single(v => tree.Size(v) == 7);
        var members = tree.Members(tree.Cluster(node)).ToArray();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], members.Order());
        int bruteForce = BruteForceClosedTesting.TrueDiscoveries(closed, members.Sum(i => 1 << i));
        Assert.Equal(5, bruteForce);
        Assert.Equal(bruteForce, tree.Cluster(node).TrueDiscoveries);
        Assert.True(tree.Cluster(node).TrueDiscoveries > AribrainValue);
    }

    [Fact]
    public void LocalMinimaAreThePositionsWithNoSmallerNeighbour()
    {
        var (p, domain, alpha) = Make("random", 3);
        var tree = AriClusterTree.Build(p, domain, alpha);
        var expected = Enumerable.Range(0, p.Length)
            .Where(v => domain.Adjacent(v).All(w => p[w] > p[v] || p[w] == p[v] && w > v)).ToArray();
        Assert.Equal(expected, tree.LocalMinima());
    }

    [Fact]
    public void ArbitraryCriticalVectorsGiveTheDefinitionsBound()
    {
        var random = new Random(77);
        for (int trial = 0; trial < 20; trial++)
        {
            var (p, domain, _) = Make("random", trial + 10);
            var t = Enumerable.Range(0, random.Next(1, p.Length + 1)).Select(_ => random.NextDouble() * 0.2).Order().ToArray();
            var vector = new CriticalVector(t, 0.05);
            var tree = AriClusterTree.Build(p, domain, vector);
            for (int v = 0; v < p.Length; v++)
            {
                var members = tree.Members(tree.Cluster(v)).ToArray();
                int expected = Enumerable.Range(1, t.Length).Max(k => 1 - k + members.Count(i => p[i] <= t[k - 1]));
                Assert.Equal(Math.Max(0, expected), tree.Cluster(v).TrueDiscoveries);
            }
        }
    }

    [Fact]
    public void PrefixBoundsMatchTheHistogramOfEveryPrefix()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 300; trial++)
        {
            int length = random.Next(1, 40);
            var category = Enumerable.Range(0, length).Select(_ => random.NextDouble() < 0.1 ? CriticalVector.Never : random.Next(1, length + 3)).ToArray();
            var bounds = new int[length + 1];
            PrefixDiscoveries.Fill(category, bounds, new int[length + 2], new int[length + 2], new int[length + 2]);
            for (int n = 1; n <= length; n++)
            {
                var counts = new int[n + 1];
                for (int i = 0; i < n; i++) if (category[i] <= n) counts[category[i]]++;
                Assert.Equal(CriticalVector.BoundFromCategoryCounts(counts), bounds[n]);
            }
        }
    }

    [Theory]
    [InlineData(6, 8)]
    [InlineData(18, 8)]
    [InlineData(26, 8)]
    [InlineData(6, 9)]
    [InlineData(18, 10)]
    [InlineData(26, 11)]
    public void GridDomainTreeMatchesTheGraphTree(int connectivity, int seed)
    {
        // Masks that touch every face of the grid (the forest's cells are the mask's bounding box with a margin).
        var grid = new ImageGrid(5, 4, 3, Affine.Identity);
        var random = new Random(seed);
        var mask = Mask.FromFlags(grid, Enumerable.Range(0, grid.VoxelCount).Select(_ => random.NextDouble() < 0.8).ToArray());
        var gridDomain = new GridDomain(mask, connectivity);
        var edges = new List<(int, int)>();
        Span<int> buffer = stackalloc int[gridDomain.MaxDegree];
        for (int v = 0; v < gridDomain.Count; v++)
        {
            int count = gridDomain.Neighbours(v, buffer);
            foreach (int w in buffer[..count]) if (w > v) edges.Add((v, w));
        }
        var p = Enumerable.Range(0, mask.Count).Select(_ => random.NextDouble() < 0.5 ? random.NextDouble() * 1e-3 : random.NextDouble()).ToArray();
        var a = AriClusterTree.Build(p, gridDomain, 0.05);
        var b = AriClusterTree.Build(p, new GraphDomain(mask.Count, edges), 0.05);
        for (int v = 0; v < mask.Count; v++)
        {
            Assert.Equal(b.Parent(v), a.Parent(v));
            Assert.Equal(b.Size(v), a.Size(v));
            Assert.Equal(b.Tdp(v), a.Tdp(v));
            Assert.Equal(b.AncestorTdp(v), a.AncestorTdp(v));
            Assert.Equal(b.RangeStart(v), a.RangeStart(v));
        }
        Assert.Equal(b.PostOrder.ToArray(), a.PostOrder.ToArray());
        foreach (double gamma in new[] { 0.3, 0.6, 0.9 })
            Assert.Equal(b.Query(gamma), a.Query(gamma));
    }

    [Fact]
    public void RefusesBadGammaAndPValues()
    {
        var domain = new GraphDomain(3, [(0, 1), (1, 2)]);
        var tree = AriClusterTree.Build([0.001, 0.002, 0.5], domain, 0.05);
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Query(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Query(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AriClusterTree.Build([0.1, 1.5, 0.2], domain, 0.05));
    }
}
