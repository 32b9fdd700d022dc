using Ari.RandomNumbers;

namespace Ari.Permutation;

/// <summary>
/// The ordered list of null assignments of a run: permutation 0 is always the identity (the observed data), and
/// permutation j is a pure function of j (and the seed), so any block of the list can be computed on its own
/// (shards) and gives the same assignments whatever the block boundaries.
/// An assignment is n signs (+1/-1) for <see cref="PermutationKind.SignFlips"/>, or n row indices Q
/// (row i takes the tested value and confounds of row Q[i]) for <see cref="PermutationKind.RowPermutations"/>.
/// </summary>
public abstract class PermutationSequence
{
    /// <summary>Sets the kind, subject count and length of the sequence.</summary>
    /// <param name="kind">Sign flips or row permutations.</param>
    /// <param name="subjects">n: values per assignment.</param>
    /// <param name="count">Number of assignments, the identity included.</param>
    protected PermutationSequence(PermutationKind kind, int subjects, int count)
    {
        Kind = kind;
        SubjectCount = subjects;
        Count = count;
    }

    /// <summary>What an assignment holds: n signs or n row indices.</summary>
    public PermutationKind Kind { get; }
    /// <summary>n: the number of values in each assignment.</summary>
    public int SubjectCount { get; }

    /// <summary>Number of assignments, the identity included.</summary>
    public int Count { get; }

    /// <summary>"exhaustive", "random" or "table".</summary>
    public abstract string Source { get; }

    /// <summary>Whether the sequence lists every distinct assignment (so p-values are exact).</summary>
    public bool IsExhaustive => Source == "exhaustive";

    /// <summary>Writes assignment <paramref name="index"/> (0 = identity) into <paramref name="assignment"/> (n values).</summary>
    public abstract void Fill(int index, Span<int> assignment);

    /// <summary>
    /// The sequence `ari permute` uses: every distinct assignment when there are at most <paramref name="requested"/>
    /// (2^n sign flips; n!/∏(m_g!) row orders for groups of identical rows), else the identity and
    /// <paramref name="requested"/> - 1 random ones drawn from <paramref name="seed"/>.
    /// </summary>
    public static PermutationSequence Create(PermutationDesign design, int requested, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(design);
        if (requested < 1) throw new AriException($"the number of permutations must be at least 1, got {requested}");
        int n = design.SubjectCount;
        if (design.Kind == PermutationKind.SignFlips)
        {
            if (n <= 30 && (1L << n) <= requested) return new ExhaustiveFlips(n);
            return new RandomAssignments(PermutationKind.SignFlips, n, requested, seed);
        }
        var groups = design.RowGroups();
        double distinct = DistinctOrders(groups);
        if (distinct <= requested) return new ExhaustiveOrders(groups, (int)distinct);
        return new RandomAssignments(PermutationKind.RowPermutations, n, requested, seed);
    }

    /// <summary>n! / ∏ m_g! for the multiplicities m_g of the groups (as a double; exact while below 2^53).</summary>
    public static double DistinctOrders(IReadOnlyList<int> groups)
    {
        double count = 1;
        var seen = new Dictionary<int, int>();
        for (int i = 0; i < groups.Count; i++)
        {
            int m = seen[groups[i]] = seen.GetValueOrDefault(groups[i]) + 1;
            count = count * (i + 1) / m;
        }
        return Math.Round(count);
    }

    /// <summary>The identity assignment of a kind.</summary>
    public static void Identity(PermutationKind kind, Span<int> assignment)
    {
        for (int i = 0; i < assignment.Length; i++) assignment[i] = kind == PermutationKind.SignFlips ? 1 : i;
    }

    private sealed class ExhaustiveFlips(int n) : PermutationSequence(PermutationKind.SignFlips, n, 1 << n)
    {
        public override string Source => "exhaustive";

        /// <summary>Subject i is flipped when bit i of the index is set (index 0: no flip).</summary>
        public override void Fill(int index, Span<int> assignment)
        {
            for (int i = 0; i < SubjectCount; i++) assignment[i] = ((index >> i) & 1) == 0 ? 1 : -1;
        }
    }

    /// <summary>Every distinct order of rows: the identity, then the others in lexicographic order of group ids.</summary>
    private sealed class ExhaustiveOrders : PermutationSequence
    {
        private readonly int[][] _orders;

        public ExhaustiveOrders(int[] groups, int count) : base(PermutationKind.RowPermutations, groups.Length, count)
        {
            int n = groups.Length;
            var orders = new List<int[]>(count) { Enumerable.Range(0, n).ToArray() };
            var arrangement = groups.Order().ToArray();
            do
            {
                if (!arrangement.AsSpan().SequenceEqual(groups)) orders.Add(RowsFor(arrangement, groups));
            } while (NextPermutation(arrangement));
            _orders = [.. orders];
        }

        public override string Source => "exhaustive";

        public override void Fill(int index, Span<int> assignment) => _orders[index].CopyTo(assignment);

        /// <summary>Position i takes the next unused row of group arrangement[i], rows of a group in increasing order.</summary>
        private static int[] RowsFor(int[] arrangement, int[] groups)
        {
            var next = new Dictionary<int, int>();
            var rows = new int[arrangement.Length];
            for (int i = 0; i < arrangement.Length; i++)
            {
                int start = next.GetValueOrDefault(arrangement[i]);
                int r = Array.IndexOf(groups, arrangement[i], start);
                rows[i] = r;
                next[arrangement[i]] = r + 1;
            }
            return rows;
        }

        private static bool NextPermutation(int[] a)
        {
            int i = a.Length - 2;
            while (i >= 0 && a[i] >= a[i + 1]) i--;
            if (i < 0) return false;
            int j = a.Length - 1;
            while (a[j] <= a[i]) j--;
            (a[i], a[j]) = (a[j], a[i]);
            Array.Reverse(a, i + 1, a.Length - i - 1);
            return true;
        }
    }

    /// <summary>
    /// Random assignments: assignment j ≥ 1 comes from its own xoshiro256** stream keyed by (seed, j), so that it
    /// does not depend on which assignments were drawn before (shards draw only their own block).
    /// Sign flips take one bit per subject; row orders are Fisher-Yates shuffles.
    /// </summary>
    private sealed class RandomAssignments(PermutationKind kind, int n, int count, ulong seed) : PermutationSequence(kind, n, count)
    {
        public override string Source => "random";

        public ulong Seed => seed;

        public override void Fill(int index, Span<int> assignment)
        {
            if (index == 0) { Identity(Kind, assignment); return; }
            ulong state = seed;
            ulong key = Xoshiro256StarStar.SplitMix64(ref state) ^ ((ulong)index * 0xD1B54A32D192ED03UL);
            var random = new Xoshiro256StarStar(key);
            if (Kind == PermutationKind.SignFlips)
            {
                ulong bits = 0;
                for (int i = 0; i < SubjectCount; i++)
                {
                    if (i % 64 == 0) bits = random.NextUInt64();
                    assignment[i] = (bits & 1) == 0 ? 1 : -1;
                    bits >>= 1;
                }
            }
            else
            {
                for (int i = 0; i < SubjectCount; i++) assignment[i] = i;
                for (int i = SubjectCount - 1; i > 0; i--)
                {
                    int j = random.NextInt(i + 1);
                    (assignment[i], assignment[j]) = (assignment[j], assignment[i]);
                }
            }
        }
    }
}

/// <summary>An explicit list of assignments (from a --flips table); row 0 is the identity.</summary>
public sealed class TablePermutationSequence : PermutationSequence
{
    private readonly int[][] _rows;

    /// <summary>A sequence holding <paramref name="rows"/> as they are (the caller puts the identity first).</summary>
    /// <param name="kind">Sign flips (rows of +1/-1) or row permutations (rows of indices).</param>
    /// <param name="rows">One assignment of n values per row.</param>
    public TablePermutationSequence(PermutationKind kind, IReadOnlyList<int[]> rows)
        : base(kind, rows.Count == 0 ? 0 : rows[0].Length, rows.Count)
    {
        _rows = [.. rows];
    }

    /// <inheritdoc/>
    public override string Source => "table";

    /// <inheritdoc/>
    public override void Fill(int index, Span<int> assignment) => _rows[index].CopyTo(assignment);
}
