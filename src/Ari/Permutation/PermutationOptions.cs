namespace Ari.Permutation;

/// <summary>What each permutation measures besides its maximum t.</summary>
/// <param name="TwoSided">|t| (nilearn's two_sided_test); else t.</param>
/// <param name="ClusterThreshold">Cluster-forming threshold on t (null: no cluster size/mass).</param>
/// <param name="Tfce">TFCE (null: none).</param>
public sealed record PermutationOptions(bool TwoSided, double? ClusterThreshold, Tfce? Tfce);

/// <summary>Per-permutation maxima of a block [First, First + Count) of a sequence (NaN where not measured).</summary>
public sealed class NullMaxima
{
    /// <summary>Storage for the maxima of <paramref name="count"/> assignments starting at <paramref name="first"/>.</summary>
    /// <param name="first">Index in the sequence of the first assignment (0 = the identity).</param>
    /// <param name="count">Number of assignments.</param>
    /// <param name="clusters">Whether cluster size and mass are measured (else <see cref="MaxSize"/> and <see cref="MaxMass"/> are null).</param>
    /// <param name="tfce">Whether TFCE is measured (else <see cref="MaxTfce"/> is null).</param>
    public NullMaxima(int first, int count, bool clusters, bool tfce)
    {
        First = first;
        Count = count;
        MaxT = new double[count];
        MaxSize = clusters ? new double[count] : null;
        MaxMass = clusters ? new double[count] : null;
        MaxTfce = tfce ? new double[count] : null;
    }

    /// <summary>Index in the sequence of the block's first assignment (0 = the identity, the observed map).</summary>
    public int First { get; }
    /// <summary>Number of assignments in the block.</summary>
    public int Count { get; }
    /// <summary>Per assignment, the largest t over the mask (|t| when two-sided).</summary>
    public double[] MaxT { get; }
    /// <summary>Per assignment, the largest cluster size in voxels at the cluster-forming threshold (null without one).</summary>
    public double[]? MaxSize { get; }
    /// <summary>Per assignment, the largest cluster mass Σ (|t| - threshold) (null without a cluster threshold).</summary>
    public double[]? MaxMass { get; }
    /// <summary>Per assignment, the largest |TFCE| value (null without TFCE).</summary>
    public double[]? MaxTfce { get; }

    /// <summary>Blocks put end to end (they must be contiguous, in order).</summary>
    public static NullMaxima Concatenate(IReadOnlyList<NullMaxima> blocks)
    {
        if (blocks.Count == 0) throw new ArgumentException("no blocks", nameof(blocks));
        var result = new NullMaxima(blocks[0].First, blocks.Sum(b => b.Count), blocks[0].MaxSize is not null, blocks[0].MaxTfce is not null);
        int at = 0;
        foreach (var block in blocks)
        {
            if (block.First != result.First + at) throw new ArgumentException($"block at {block.First} does not follow {result.First + at}", nameof(blocks));
            block.MaxT.CopyTo(result.MaxT, at);
            block.MaxSize?.CopyTo(result.MaxSize!, at);
            block.MaxMass?.CopyTo(result.MaxMass!, at);
            block.MaxTfce?.CopyTo(result.MaxTfce!, at);
            at += block.Count;
        }
        return result;
    }
}
