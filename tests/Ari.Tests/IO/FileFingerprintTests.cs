using Ari.IO;
using Ari.Tests.TestSupport;

namespace Ari.Tests.IO;

public class FileFingerprintTests
{
    [Fact]
    public void SizeAndSha256OfAKnownText()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("abc.txt"), "abc");
        var fingerprint = FileFingerprint.Of(temp.File("abc.txt"));
        Assert.Equal(3, fingerprint.Bytes);
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", fingerprint.Sha256);
    }

    [Fact]
    public void MissingFileIsAnAriException()
    {
        var e = Assert.Throws<AriException>(() => FileFingerprint.Of("/no/such/file"));
        Assert.Contains("/no/such/file", e.Message);
    }
}
