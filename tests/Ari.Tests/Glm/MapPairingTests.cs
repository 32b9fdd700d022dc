using Ari.Pipelines.Glm;

namespace Ari.Tests.Glm;

/// <summary>Participants' rows paired with map files by id (participant_id / subject_label), never by glob order.</summary>
public class MapPairingTests
{
    private static readonly string[] GlobOrder = Enumerable.Range(1, 16).Select(s => $"/data/sub-{s}_contrast.nii.gz")
        .Order(StringComparer.Ordinal).ToArray(); // sub-10, ..., sub-16, sub-1_, sub-2, ... ('0' sorts before '_')

    [Fact]
    public void UnpaddedBidsIdsPairWithTheirOwnMaps()
    {
        var ids = Enumerable.Range(1, 16).Select(s => $"sub-{s}").ToArray();
        int[] rows = MapPairing.ByIdentifier(ids, "participant_id", GlobOrder, "participants.tsv");
        for (int m = 0; m < GlobOrder.Length; m++)
            Assert.Equal($"/data/{ids[rows[m]]}_contrast.nii.gz", GlobOrder[m]);
        Assert.Equal(9, rows[0]); // the glob's first map is sub-10, the table's tenth row
    }

    [Fact]
    public void SubjectLabelsWithoutTheSubPrefixAndIdsInFolderNamesPair()
    {
        var labels = Enumerable.Range(1, 16).Select(s => s.ToString()).ToArray();
        Assert.Equal(9, MapPairing.ByIdentifier(labels, "subject_label", GlobOrder, "t.tsv")[0]);
        string[] localizer = ["/d/S02/cmaps_x.nii.gz", "/d/S01/cmaps_x.nii.gz"];
        Assert.Equal([1, 0], MapPairing.ByIdentifier(["S01", "S02"], "participant_id", localizer, "t.tsv"));
    }

    [Fact]
    public void IncompleteAndAmbiguousPairingsAreRefusedNamingThem()
    {
        var e = Assert.Throws<AriException>(() => MapPairing.ByIdentifier(["sub-1", "sub-2", "sub-3"], "participant_id",
            ["/d/sub-1.nii.gz", "/d/sub-2.nii.gz", "/d/sub-4.nii.gz"], "p.tsv"));
        Assert.Contains("no map for sub-3", e.Message);
        Assert.Contains("no row for /d/sub-4.nii.gz", e.Message);
        e = Assert.Throws<AriException>(() => MapPairing.ByIdentifier(["sub-1", "sub-2"], "participant_id",
            ["/d/sub-1_run-1.nii.gz", "/d/sub-1_run-2.nii.gz"], "p.tsv"));
        Assert.Contains("sub-1 matches several maps (/d/sub-1_run-1.nii.gz, /d/sub-1_run-2.nii.gz)", e.Message);
        e = Assert.Throws<AriException>(() => MapPairing.ByIdentifier(["sub-1", "sub-1"], "participant_id", ["/d/sub-1.nii.gz", "/d/sub-2.nii.gz"], "p.tsv"));
        Assert.Contains("the id sub-1 appears twice", e.Message);
        Assert.Equal("design", e.Parameter);
    }

    [Theory]
    [InlineData("sub-1_contrast", "sub-1", true)]
    [InlineData("sub-10_contrast", "sub-1", false)]
    [InlineData("xsub-1", "sub-1", false)]
    [InlineData("S01/cmaps", "S01", true)]
    [InlineData("S011/cmaps", "S01", false)]
    public void IdsMatchWholeWordsOnly(string text, string word, bool expected) =>
        Assert.Equal(expected, MapPairing.ContainsWord(text, word));
}
