using Ari.Inference.Calibration;
using Ari.IO;
using Ari.Pipelines.Calibration;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Pipelines;

public class TdpTemplateTests
{
    private static TdpTemplate Sample(double[]? thresholds = null)
    {
        var t = thresholds ?? [0.0001, 0.0002, 0.00030000000000000003, 0.0004];
        return new TdpTemplate("simes", "simes", 0.04, 0.05, 1000, t.Length, "two-sided", [7UL, 8UL], 400, null, null, false, t);
    }

    private static string WriteFolder(TempDirectory dir, TdpTemplate template)
    {
        using var outputs = new OutputSet(dir.Path);
        template.Write(outputs, "test", "ari permute ...");
        outputs.Commit();
        return dir.File(TdpTemplate.TsvName);
    }

    [Fact]
    public void WritesAndReadsBackExactly()
    {
        using var dir = new TempDirectory();
        var template = Sample();
        var read = TdpTemplate.Read(WriteFolder(dir, template));
        Assert.Equal(template.Thresholds, read.Thresholds);
        Assert.Equal(template with { Thresholds = read.Thresholds, Seeds = read.Seeds }, read);
        Assert.Equal(template.Seeds, read.Seeds);
        Assert.StartsWith("k\tthreshold\n1\t0.0001\n", File.ReadAllText(dir.File(TdpTemplate.TsvName)));
    }

    [Fact]
    public void FromCalibrationRecordsMethodFamilyAndNotipFields()
    {
        var calibrated = new CalibratedTemplate(CalibrationMethod.Notip, null, 0.02, 0.05, 100, 3, 50, [0.1, 0.2, 0.3], TemplateIndex: 1);
        var t = TdpTemplate.From(calibrated, Sidedness.OneSided, [1UL, 2UL], trainingPermutations: 100);
        Assert.Equal(("notip", (string?)null, "one-sided", 1, 100), (t.Method, t.Family, t.Sidedness, t.TemplateIndex!.Value, t.TrainingPermutations!.Value));
    }

    public static TheoryData<string, string> BadTables() => new()
    {
        { "k\tthreshold\n1\t0.2\n2\t0.1\n", "non-decreasing" },
        { "k\tthreshold\n1\t-0.1\n2\t0.1\n", "outside [0, 1]" },
        { "k\tthreshold\n1\t0.1\n2\t1.5\n", "outside [0, 1]" },
        { "k\tthreshold\n1\t0.1\n3\t0.2\n", "k must run" },
        { "k\tthreshold\n1\tabc\n", "expected an integer k" },
        { "k,threshold\n1,0.1\n", "header" },
        { "k\tthreshold\n", "no thresholds" },
        { "k\tthreshold\n1\t0.1\n", "k_max = 2" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public void RefusesBadTablesNamingTheFile(string table, string problem)
    {
        using var dir = new TempDirectory();
        string path = WriteFolder(dir, Sample([0.1, 0.2]));
        File.WriteAllText(path, table);
        var e = Assert.Throws<AriException>(() => TdpTemplate.Read(path));
        Assert.Equal("template", e.Parameter);
        Assert.Contains(path, e.Detail);
        Assert.Contains(problem, e.Detail);
    }

    [Fact]
    public void RefusesAMissingDescriptionAndAnotherMOrAlpha()
    {
        using var dir = new TempDirectory();
        string path = WriteFolder(dir, Sample());
        var template = TdpTemplate.Read(path);
        var e = Assert.Throws<AriException>(() => template.CheckFits(399, 0.05, path));
        Assert.Contains("made for 400 voxels", e.Detail);
        e = Assert.Throws<AriException>(() => template.CheckFits(400, 0.1, path));
        Assert.Contains("alpha = 0.05", e.Detail);
        template.CheckFits(400, 0.05, path);
        File.Delete(dir.File(TdpTemplate.JsonName));
        e = Assert.Throws<AriException>(() => TdpTemplate.Read(path));
        Assert.Contains("template.json is missing", e.Detail);
        File.WriteAllText(dir.File(TdpTemplate.JsonName), "{ \"method\": 1 }");
        e = Assert.Throws<AriException>(() => TdpTemplate.Read(path));
        Assert.Contains("not a template description", e.Detail);
    }
}
