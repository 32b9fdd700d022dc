using System.Buffers.Binary;
using Ari.Inference.Calibration;

namespace Ari.Pipelines.Calibration;

/// <summary>
/// <c>calibration.bin</c> of a permutation shard run with `--tdp-template`: what the shard's block contributes to the
/// calibration (<see cref="CalibrationPieces"/>), exact doubles, little-endian. Layout: the 8 ASCII bytes
/// "ARICAL01", then int32 rows B (inference permutations of the block), int32 K (smallest p-values kept per
/// permutation, 0 when none: calibrated Simes and pARI), int32 B' (training permutations of the block, 0 when none),
/// int32 m (voxels); then B Simes pivotal statistics, B pARI pivotal statistics, B x K kept inference p-values,
/// B' x K kept training p-values (row-major). The shard's manifest records its SHA-256.
/// </summary>
internal static class CalibrationShardFile
{
    public const string FileName = "calibration.bin";
    private static readonly byte[] Magic = "ARICAL01"u8.ToArray();
    private const int HeaderBytes = 8 + 4 * 4;

    public static byte[] Encode(CalibrationPieces pieces, int hypotheses)
    {
        int b = pieces.SimesPivotal.Length;
        int k = pieces.InferenceKept?.Columns ?? 0;
        int bt = pieces.Training?.Permutations ?? 0;
        long doubles = 2L * b + (long)b * k + (long)bt * k;
        var bytes = new byte[checked(HeaderBytes + doubles * 8)];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), b);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), k);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), bt);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(20), hypotheses);
        int at = HeaderBytes;
        void Put(ReadOnlySpan<double> values)
        {
            foreach (double x in values) { BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), x); at += 8; }
        }
        Put(pieces.SimesPivotal);
        Put(pieces.PariPivotal);
        if (pieces.InferenceKept is { } kept) Put(kept.Values);
        if (pieces.Training is { } training) Put(training.Values);
        return bytes;
    }

    /// <summary>Reads the pieces back; errors name the file.</summary>
    public static CalibrationPieces Decode(byte[] bytes, string path, int expectedRows, int hypotheses)
    {
        if (bytes.Length < HeaderBytes || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new AriException($"{path}: not an Ari calibration shard file");
        int b = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        int k = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        int bt = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16));
        int m = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(20));
        if (b != expectedRows || m != hypotheses || k < 0 || k > m || bt < 0 || (k == 0 && bt > 0))
            throw new AriException($"{path}: holds {b} permutations of {m} voxels (K {k}), expected {expectedRows} of {hypotheses}");
        long doubles = 2L * b + (long)b * k + (long)bt * k;
        if (bytes.Length != HeaderBytes + doubles * 8) throw new AriException($"{path}: truncated or damaged ({bytes.Length} bytes)");
        int at = HeaderBytes;
        double[] Take(long count)
        {
            var values = new double[count];
            for (long i = 0; i < count; i++) { values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(at)); at += 8; }
            return values;
        }
        var simes = Take(b);
        var pari = Take(b);
        try
        {
            var kept = k > 0 ? SortedNullPValues.FromValues(Take((long)b * k), b, k, m) : null;
            var training = bt > 0 ? SortedNullPValues.FromValues(Take((long)bt * k), bt, k, m) : null;
            return new CalibrationPieces(simes, pari, kept, training);
        }
        catch (AriException e)
        {
            throw new AriException($"{path}: damaged ({e.Detail})", e);
        }
    }
}
