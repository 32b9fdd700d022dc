using System.Text.Json;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Nifti;

/// <summary>Every image under ../shared/data and the nibabel-written fixtures read to nibabel's values.</summary>
public class NiftiReaderTests
{
    private static readonly JsonElement SharedExpected =
        TestPaths.Json("Nifti", "nibabel_values.json").GetProperty("files");

    private static readonly JsonElement FixtureExpected =
        TestPaths.Json("Nifti", "Fixtures", "expected.json");

    public static TheoryData<string> SharedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in SharedExpected.EnumerateObject()) data.Add(file.Name);
        return data;
    }

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in FixtureExpected.EnumerateObject()) data.Add(file.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void SharedFileReadsAsNibabel(string relativePath)
    {
        var expected = SharedExpected.GetProperty(relativePath);
        string path = Path.Combine(TestPaths.Shared, relativePath);
        var header = NiftiFile.ReadHeader(path);
        var shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(shape, Enumerable.Range(1, header.NDim).Select(header.Size).ToArray());
        Assert.Equal(expected.GetProperty("datatype").GetInt32(), (int)header.DataType);
        Assert.Equal(expected.GetProperty("descrip").GetString(), header.Descrip);
        Assert.Equal(expected.GetProperty("affine").EnumerateArray().Select(e => e.GetDouble()).ToArray(), header.BestAffine.ToRows());

        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        long nonzero = 0, nan = 0, posinf = 0, neginf = 0;
        var values = new List<double>();
        foreach (var frame in NiftiFile.ReadFrames<double>(path)) values.AddRange(frame.Data);
        foreach (double v in values)
        {
            if (v != 0) nonzero++;
            if (double.IsNaN(v)) nan++;
            else if (double.IsPositiveInfinity(v)) posinf++;
            else if (double.IsNegativeInfinity(v)) neginf++;
            else { min = Math.Min(min, v); max = Math.Max(max, v); sum += v; }
        }
        Assert.Equal(expected.GetProperty("min").GetDouble(), min);
        Assert.Equal(expected.GetProperty("max").GetDouble(), max);
        double expectedSum = expected.GetProperty("sum").GetDouble();
        Assert.True(Math.Abs(sum - expectedSum) <= 1e-9 * Math.Max(1, Math.Abs(expectedSum)), $"sum {sum} vs nibabel {expectedSum}");
        Assert.Equal(expected.GetProperty("nonzero").GetInt64(), nonzero);
        Assert.Equal(expected.GetProperty("nan").GetInt64(), nan);
        Assert.Equal(expected.GetProperty("posinf").GetInt64(), posinf);
        Assert.Equal(expected.GetProperty("neginf").GetInt64(), neginf);
        foreach (var sample in expected.GetProperty("samples").EnumerateObject())
            Assert.Equal(sample.Value.GetDouble(), values[int.Parse(sample.Name)]);
    }

    [Fact]
    public void FslZstatHasTheValuesTheIssueQuotes()
    {
        var z = NiftiFile.Read(TestPaths.SharedFile("data", "real", "fsl_auditory", "zstat.nii.gz"));
        Assert.Equal(-6.116586208343506, z.Data.Min());
        Assert.Equal(7.826074600219727, z.Data.Max());
        var mni = NiftiFile.ReadHeader(TestPaths.SharedFile("data", "real", "mni152_2009_t1_1mm.nii.gz"));
        Assert.Equal((197L, 233L, 189L), mni.SpatialShape);
        Assert.Equal(Ari.Volumes.Affine.FromScaleAndOffset(1, 1, 1, -98, -134, -72), mni.BestAffine);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void FixtureReadsAsNibabel(string name)
    {
        var expected = FixtureExpected.GetProperty(name);
        string path = TestPaths.TestFile("Nifti", "Fixtures", name);
        var header = NiftiFile.ReadHeader(path);
        Assert.Equal(expected.GetProperty("datatype").GetInt32(), (int)header.DataType);
        Assert.Equal(expected.GetProperty("descrip").GetString(), header.Descrip);
        Assert.Equal(expected.GetProperty("intent_code").GetInt32(), header.IntentCode);
        Assert.Equal(expected.GetProperty("xyzt_units").GetInt32(), header.XyztUnits);
        var affine = expected.GetProperty("affine").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var actualAffine = header.BestAffine.ToRows();
        for (int i = 0; i < 16; i++)
            Assert.True(Math.Abs(affine[i] - actualAffine[i]) <= 1e-12, $"affine[{i}] {actualAffine[i]} vs nibabel {affine[i]}");

        var values = NiftiFile.ReadFrames<double>(path).SelectMany(f => f.Data).ToArray();
        var expectedValues = expected.GetProperty("values").EnumerateArray().ToArray();
        Assert.Equal(expectedValues.Length, values.Length);
        var nonfinite = new Queue<string>(expected.GetProperty("nonfinite").EnumerateArray().Select(e => e.GetString()!));
        for (int i = 0; i < values.Length; i++)
        {
            if (expectedValues[i].ValueKind == JsonValueKind.Null)
            {
                string kind = nonfinite.Dequeue();
                Assert.Equal(kind switch { "nan" => double.NaN, "inf" => double.PositiveInfinity, _ => double.NegativeInfinity }, values[i]);
            }
            else
                Assert.Equal(expectedValues[i].GetDouble(), values[i]);
        }
    }

    [Fact]
    public void BigEndianAndPairFilesAreRecognised()
    {
        Assert.True(NiftiFile.ReadHeader(TestPaths.TestFile("Nifti", "Fixtures", "int16_scaled_be.nii.gz")).BigEndian);
        var pair = NiftiFile.ReadHeader(TestPaths.TestFile("Nifti", "Fixtures", "pair2_int16.img"));
        Assert.True(pair.IsPair);
        Assert.Equal(2, pair.Version);
    }

    [Fact]
    public void FourDimensionalFileStreamsItsVolumesAndIsRefusedWhere3DIsNeeded()
    {
        string path = TestPaths.TestFile("Nifti", "Fixtures", "float32_4d.nii.gz");
        Assert.Equal(3, NiftiFile.ReadFrames<float>(path).Count());
        var e = Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(path));
        Assert.Contains("4D", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ReadingA4DFileKeepsMemoryNearOneVolume()
    {
        // 40 volumes of 64^3 float32 = 42 MB of data; streaming them should allocate about one volume at a time.
        using var temp = new TempDirectory();
        var grid = new Ari.Volumes.ImageGrid(64, 64, 64, Ari.Volumes.Affine.Identity);
        var frames = Enumerable.Range(0, 40).Select(f => Enumerable.Repeat((float)f, grid.VoxelCount).ToArray()).ToList();
        string path = temp.File("big4d.nii.gz");
        NiftiWriter.WriteFrames(path, grid, frames);
        frames.Clear();
        long before = GC.GetAllocatedBytesForCurrentThread();
        double total = 0;
        using (var reader = NiftiReader.Open(path))
        {
            var buffer = new float[grid.VoxelCount];
            for (int f = 0; f < reader.FrameCount; f++)
            {
                reader.ReadFrame<float>(buffer);
                total += buffer[0];
            }
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Enumerable.Range(0, 40).Sum(), total);
        Assert.True(allocated < 8_000_000, $"allocated {allocated:N0} bytes to stream a 42 MB 4D file");
    }
}
