using Ari.IO;
using Ari.Pipelines.Glm;
using Ari.Pipelines.Tdp;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Pipelines;

/// <summary>The output folders' schema types read back exactly what they write (byte for byte when written again).</summary>
public class FolderSchemaTests
{
    [Fact]
    public void GlmAndTdpFoldersRoundTrip()
    {
        using var temp = new TempDirectory();
        var maps = Directory.GetFiles(TestPaths.SharedFile("data", "sim", "localizer16"), "sub-*_contrast.nii.gz").Order(StringComparer.Ordinal).Take(8).ToArray();
        var glm = GlmJob.Run(new GlmRequest(maps, null, null, 6, null, temp.File("glm"), "ari glm --maps ..."));
        var tdp = TdpJob.Run(new TdpRequest(Path.Combine(temp.File("glm"), "z_score.nii.gz"), null, [2.5, 3], 0.05, 6, false, null, null, temp.File("tdp"), "ari tdp"));

        var glmFolder = GlmFolder.Read(temp.File("glm"));
        Assert.Equal(File.ReadAllBytes(temp.File("glm/glm.json")), glmFolder.Summary.ToJson());
        Assert.Equal(glm.Summary!.ToJson(), glmFolder.Summary.ToJson());
        Assert.Equal(maps.Length, glmFolder.Design.Rows.Count);
        Assert.Equal(["intercept"], glmFolder.Design.Columns);
        Assert.Equal(glm.Model.MapNames, glmFolder.Design.Maps);

        var tdpFolder = TdpFolder.Read(temp.File("tdp"));
        using (var written = new MemoryStream())
        {
            tdpFolder.Summary.Write(written);
            Assert.Equal(File.ReadAllBytes(temp.File("tdp/summary.json")), written.ToArray());
        }
        // clusters.tsv read back and written again: the same bytes.
        using (var table = new MemoryStream())
        {
            tdpFolder.Table(tdp.Result.Tdp.Grid).WriteTsv(table);
            Assert.Equal(File.ReadAllBytes(temp.File("tdp/clusters.tsv")), table.ToArray());
        }
        Assert.Equal(tdp.Result.Clusters.Count, tdpFolder.Clusters.Count);
    }

    [Theory]
    [InlineData("a\tb\n1\t2\n\n3\t4\n", '\t', 2)]
    [InlineData("\uFEFFa,b\r\n\"x, y\",2\r\n", ',', 1)]
    [InlineData("a\tb\n \"q\"\"t\" \t 5 \n", '\t', 1)]
    public void OneTableReader(string text, char separator, int rows)
    {
        var table = DelimitedTable.Parse("t.tsv", text.Split('\n'), m => new AriException(m));
        Assert.Equal(separator, table.Separator);
        Assert.Equal(["a", "b"], table.Columns);
        Assert.Equal(rows, table.Rows.Count);
        if (text.Contains("x, y")) Assert.Equal("x, y", table.Rows[0][0]);
        if (text.Contains("q\"\"t")) Assert.Equal(["q\"t", "5"], table.Rows[0]);
        var e = Assert.Throws<AriException>(() => DelimitedTable.Parse("t.tsv", ["a\tb", "1\t2", "3"], m => new AriException(m)));
        Assert.Equal("t.tsv: line 3 has 1 tab-separated values, the header has 2", e.Message);
    }
}
