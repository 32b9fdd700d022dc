using Ari.Domain;

namespace Ari.Tests.Domain;

/// <summary>A domain given by an explicit undirected graph (tests: chains, random graphs).</summary>
internal sealed class GraphDomain : InferenceDomain
{
    private readonly List<int>[] _adjacent;

    public GraphDomain(int count, IEnumerable<(int A, int B)> edges)
    {
        _adjacent = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in edges)
        {
            if (a == b || _adjacent[a].Contains(b)) continue;
            _adjacent[a].Add(b);
            _adjacent[b].Add(a);
        }
    }

    public override int Count => _adjacent.Length;

    public override int MaxDegree => Math.Max(1, _adjacent.Max(l => l.Count));

    public override int Neighbours(int position, Span<int> neighbours)
    {
        var list = _adjacent[position];
        for (int q = 0; q < list.Count; q++) neighbours[q] = list[q];
        return list.Count;
    }

    public override Point3 Millimetres(int position) => new(position, 0, 0);

    public IReadOnlyList<int> Adjacent(int position) => _adjacent[position];
}
