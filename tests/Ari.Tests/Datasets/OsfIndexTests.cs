using System.Text;
using Ari.Datasets.Localizer;

namespace Ari.Tests.Datasets;

public class OsfIndexTests
{
    private static OsfIndex Parse(string json, string? source = "http://x/hwbm2/download") =>
        OsfIndex.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), source);

    [Fact]
    public void Maps_paths_to_file_ids()
    {
        var index = Parse("""{"/localizer/participants.tsv": "/5d27c2c8114a42001804ed44", "/localizer/a b&c.nii.gz": "/abc_D-1"}""");
        Assert.Equal(2, index.Count);
        Assert.Equal("5d27c2c8114a42001804ed44", index.FileId("/localizer/participants.tsv"));
        Assert.Equal("abc_D-1", index.FileId("/localizer/a b&c.nii.gz"));
        Assert.Null(index.FileId("/localizer/other.tsv"));
        Assert.Empty(index.Refused);
        Assert.Equal("http://osf.example/download/abc/", OsfIndex.DownloadUrl(new Uri("http://osf.example/"), "abc").ToString());
    }

    [Theory]
    [InlineData("{\"/a\": \"/x\"", "not valid JSON")]
    [InlineData("<html>Service unavailable</html>", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[\"/a\"]", "not a JSON object of paths to file ids (found a JSON array)")]
    public void Malformed_json_is_a_clear_error(string json, string fragment)
    {
        var e = Assert.Throws<AriException>(() => Parse(json));
        Assert.StartsWith("http://x/hwbm2/download: the OSF index is ", e.Message);
        Assert.Contains(fragment, e.Message);
        var bare = Assert.Throws<AriException>(() => Parse(json, null));
        Assert.StartsWith("not a valid OSF index: ", bare.Message);
    }

    [Theory]
    [InlineData("/localizer/../../../etc/passwd", "'..'")]
    [InlineData("/localizer/./x", "'..'")]
    [InlineData("//etc/passwd", "empty path part")]
    [InlineData("/localizer//x", "empty path part")]
    [InlineData("etc/passwd", "must start with '/'")]
    [InlineData("C:\\\\Windows\\\\x", "must start with '/'")]
    [InlineData("/C:/Windows/x", "':'")]
    [InlineData("/localizer\\\\..\\\\x", "'\\\\'")]
    [InlineData("/localizer/x\\u0000.nii.gz", "control characters")]
    public void Hostile_keys_are_refused(string key, string reason)
    {
        var index = Parse($$"""{"{{key}}": "/abc", "/localizer/ok.tsv": "/def"}""");
        Assert.Equal(1, index.Count);
        Assert.Equal("def", index.FileId("/localizer/ok.tsv"));
        var refused = Assert.Single(index.Refused);
        Assert.Contains(reason.Replace("\\\\", "\\"), refused);
    }

    [Theory]
    [InlineData("\"/../../x\"")]
    [InlineData("\"/a/b\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"/\"")]
    [InlineData("\"/http://evil.example/x\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Hostile_file_ids_are_refused(string value)
    {
        var index = Parse($$"""{"/localizer/participants.tsv": {{value}}}""");
        Assert.Equal(0, index.Count);
        Assert.Null(index.FileId("/localizer/participants.tsv"));
        Assert.Single(index.Refused);
    }
}
