using Ari.Glm;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Glm;

public class DesignTableTests
{
    [Fact]
    public void ParticipantsTableGivesMapsRelativeToTheTableAndAddsAnIntercept()
    {
        string path = TestPaths.SharedFile("data", "sim", "localizer16", "participants.tsv");
        var table = DesignTable.Read(path);
        Assert.True(table.InterceptAdded);
        Assert.Equal(["intercept", "age"], table.Design.Columns);
        Assert.Equal(16, table.Design.RowCount);
        Assert.Equal(21, table.Design[0, 1]);
        Assert.Equal(["participant_id"], table.IdentifierColumns);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "sub-01_contrast.nii.gz"), table.MapPaths![0]);
    }

    [Fact]
    public void CsvWithGroupIndicatorsKeepsItsColumns()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("design.csv"), "\uFEFFgroup_a,group_b,\"age\"\n1,0,20\n1,0,31\n0,1,25\r\n0,1,40\n\n");
        var table = DesignTable.Read(dir.File("design.csv"));
        Assert.False(table.InterceptAdded); // the two indicators sum to a constant
        Assert.Equal(["group_a", "group_b", "age"], table.Design.Columns);
        Assert.Equal(4, table.Design.RowCount);
        Assert.Null(table.MapPaths);
        Assert.Equal(40, table.Design[3, 2]);
    }

    [Fact]
    public void ExistingInterceptColumnIsKept()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("d.tsv"), "intercept\tage\n1\t3\n1\t4\n1\t9\n");
        var table = DesignTable.Read(dir.File("d.tsv"));
        Assert.False(table.InterceptAdded);
        Assert.Equal(["intercept", "age"], table.Design.Columns);
    }

    [Theory]
    [InlineData("age\n20\nn/a\n", "line 3, column 'age': 'n/a' is not a number")]
    [InlineData("age\tsex\n20\t1\n30\n", "line 3 has 1 tab-separated values, the header has 2")]
    [InlineData("age\tage\n1\t2\n", "appears twice")]
    [InlineData("age\n", "no rows")]
    [InlineData("", "empty")]
    [InlineData("map\tage\n\t3\n", "the 'map' column is empty")]
    public void RejectsBadTablesNamingTheFileAndPlace(string content, string fragment)
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.tsv");
        File.WriteAllText(path, content);
        var error = Assert.Throws<AriException>(() => DesignTable.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(fragment, error.Message);
    }
}
