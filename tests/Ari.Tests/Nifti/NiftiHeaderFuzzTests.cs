using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Nifti;

/// <summary>
/// The deterministic header fuzzer: 600 mutations of real files' headers (bit flips, truncations, extreme dims,
/// offsets, codes, pixdims, scalings, quaternions, srows), from tests/reference-scripts/nifti_fuzz_nibabel.py,
/// whose table also says what nibabel 5 makes of each. For every case: no exception but a
/// <see cref="NiftiFormatException"/> naming the file, no read over 2 s or 500 MB, and every file nibabel reads is
/// either read with nibabel's values (count, affine, statistics, samples) or refused with a reason.
/// </summary>
public class NiftiHeaderFuzzTests
{
    private sealed record Outcome(long Voxels, double[] Affine, double Min, double Max, double Sum, long NonFinite, Dictionary<long, double> Samples);

    [Fact]
    public void MutatedHeadersAreReadAsNibabelReadsThemOrRefusedByName()
    {
        var table = TestPaths.Json("Nifti", "nifti_fuzz_nibabel.json").GetProperty("cases");
        using var temp = new TempDirectory();
        var sources = new Dictionary<string, byte[]>();
        var failures = new List<string>();
        int both = 0, refusedByAri = 0, refusedByNibabel = 0;
        foreach (var c in table.EnumerateArray())
        {
            int id = c.GetProperty("id").GetInt32();
            string source = c.GetProperty("source").GetString()!;
            if (!sources.TryGetValue(source, out var raw)) sources[source] = raw = SourceBytes(source);
            var bytes = (byte[])raw.Clone();
            foreach (var patch in c.GetProperty("patches").EnumerateArray())
            {
                int offset = patch[0].GetInt32();
                var data = Convert.FromHexString(patch[1].GetString()!);
                if (offset + data.Length <= bytes.Length) data.CopyTo(bytes, offset);
            }
            if (c.GetProperty("truncate").ValueKind == JsonValueKind.Number) bytes = bytes[..c.GetProperty("truncate").GetInt32()];
            bool gz = c.GetProperty("gzip").GetBoolean();
            string path = temp.File($"case{id}.nii{(gz ? ".gz" : "")}");
            if (gz)
            {
                using var file = File.Create(path);
                using var zip = new GZipStream(file, CompressionLevel.Fastest);
                zip.Write(bytes);
            }
            else File.WriteAllBytes(path, bytes);

            string label = $"case {id} ({c.GetProperty("mutation").GetString()} of {source})";
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            Outcome? ours = null;
            try { ours = Read(path); }
            catch (NiftiFormatException e)
            {
                if (!e.Message.Contains(path) || e.Problem.Length == 0) failures.Add($"{label}: refusal does not name the file: {e.Message}");
            }
            catch (Exception e) { failures.Add($"{label}: unexpected {e.GetType().Name}: {e.Message}"); }
            clock.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (clock.Elapsed.TotalSeconds > 2) failures.Add($"{label}: took {clock.Elapsed.TotalSeconds:0.0} s");
            if (allocated > 500_000_000) failures.Add($"{label}: allocated {allocated:N0} bytes");
            File.Delete(path);

            bool nibabelReads = c.GetProperty("nibabel").GetString() == "ok";
            if (!nibabelReads) { refusedByNibabel++; continue; }
            if (ours is null) { refusedByAri++; continue; }
            both++;
            Compare(label, c, ours, failures);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(600, both + refusedByAri + refusedByNibabel);
        // Most files nibabel reads are read, not refused (the fuzzer must exercise the reading, not only refusals).
        Assert.True(both >= 300, $"read by both: {both}, refused by Ari only: {refusedByAri}, refused by nibabel: {refusedByNibabel}");
    }

    private static void Compare(string label, JsonElement c, Outcome ours, List<string> failures)
    {
        long voxels = c.GetProperty("voxels").GetInt64();
        if (voxels != ours.Voxels) { failures.Add($"{label}: {ours.Voxels} voxels, nibabel {voxels}"); return; }
        var affine = c.GetProperty("affine").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();
        for (int i = 0; i < 12; i++)
            if (!Close(ours.Affine[i], affine[i], 1e-6))
            {
                failures.Add($"{label}: affine [{string.Join(", ", ours.Affine)}], nibabel [{string.Join(", ", affine)}]");
                break;
            }
        if (c.GetProperty("nonfinite").GetInt64() != ours.NonFinite)
            failures.Add($"{label}: {ours.NonFinite} non-finite values, nibabel {c.GetProperty("nonfinite").GetInt64()}");
        if (c.GetProperty("min").ValueKind == JsonValueKind.Number)
        {
            if (!Close(ours.Min, c.GetProperty("min").GetDouble(), 1e-12) || !Close(ours.Max, c.GetProperty("max").GetDouble(), 1e-12))
                failures.Add($"{label}: range [{ours.Min}, {ours.Max}], nibabel [{c.GetProperty("min").GetDouble()}, {c.GetProperty("max").GetDouble()}]");
            double scale = Math.Max(Math.Abs(ours.Min), Math.Abs(ours.Max)) * ours.Voxels;
            if (!(Math.Abs(ours.Sum - c.GetProperty("sum").GetDouble()) <= 1e-9 * scale + 1e-9))
                failures.Add($"{label}: sum {ours.Sum}, nibabel {c.GetProperty("sum").GetDouble()}");
        }
        foreach (var sample in c.GetProperty("samples").EnumerateArray())
        {
            long index = sample[0].GetInt64();
            double value = ours.Samples[index];
            bool expectNaN = sample[2].GetBoolean();
            double expected = sample[1].ValueKind == JsonValueKind.Null ? double.NaN : sample[1].GetDouble();
            bool ok = expectNaN ? double.IsNaN(value) : sample[1].ValueKind == JsonValueKind.Null ? double.IsInfinity(value) : Close(value, expected, 1e-12);
            if (!ok) failures.Add($"{label}: voxel {index} is {value}, nibabel {expected}");
        }
    }

    private static bool Close(double a, double b, double rtol) =>
        a == b || (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= rtol * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>Reads every value through a small buffer, as `ari info` does: statistics and samples at nibabel's indices.</summary>
    private static Outcome Read(string path)
    {
        using var reader = NiftiReader.Open(path);
        long total = reader.Header.VoxelsPerFrame * reader.FrameCount;
        var wanted = new HashSet<long> { 0, total / 3, total / 2, total - 1 };
        var samples = new Dictionary<long, double>();
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        long nonFinite = 0, position = 0;
        var buffer = new double[1 << 14];
        int n;
        while ((n = reader.ReadValues<double>(buffer)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                double v = buffer[i];
                if (wanted.Contains(position + i)) samples[position + i] = v;
                if (!double.IsFinite(v)) { nonFinite++; continue; }
                sum += v;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            position += n;
        }
        reader.VerifyComplete();
        return new Outcome(position, reader.Grid.Affine.ToRows()[..12], min, max, sum, nonFinite, samples);
    }

    private static byte[] SourceBytes(string source)
    {
        string name = source[(source.IndexOf(':') + 1)..];
        string path = source.StartsWith("shared:")
            ? TestPaths.SharedFile(name.Split('/'))
            : TestPaths.TestFile("Nifti", "Fixtures", name);
        var raw = File.ReadAllBytes(path);
        if (!name.EndsWith(".gz")) return raw;
        using var zip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var output = new MemoryStream();
        zip.CopyTo(output);
        return output.ToArray();
    }
}
