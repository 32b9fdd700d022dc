using System.Text.Json;
using Ari.Datasets.Localizer;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Datasets;

public class LocalizerContrastsTests
{
    [Fact]
    public void Left_vs_right_button_press_is_named_as_on_OSF()
    {
        Assert.Equal("left auditory & visual click vs right auditory&visual click", LocalizerContrasts.Original("left vs right button press"));
        Assert.Equal("LeftAuditory&VisualClickVsRightAuditory&VisualClick", LocalizerContrasts.FileNamePart("left vs right button press"));
        Assert.Equal("LeftAuditory&VisualClickVsRightAuditory&VisualClick",
            LocalizerContrasts.FileNamePart("left auditory & visual click vs right auditory&visual click"));
    }

    [Fact]
    public void Python_title_case_rules()
    {
        Assert.Equal("Auditory&VisualCalculation", LocalizerContrasts.Wrap("auditory&visual calculation"));
        Assert.Equal("AbcDef3Gh", LocalizerContrasts.Wrap("aBC dEF3gh"));
    }

    [Fact]
    public void Every_name_and_alias_gives_a_map_the_OSF_index_lists()
    {
        // ../shared/data/localizer_osf_index_template.json: the real index's paths with the subject as {0}.
        using var json = JsonDocument.Parse(File.ReadAllText(TestPaths.SharedFile("data", "localizer_osf_index_template.json")));
        var patterns = json.RootElement.EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        Assert.Equal(32, LocalizerContrasts.Table.Count);
        foreach (var (friendly, original) in LocalizerContrasts.Table)
        {
            foreach (string name in new[] { friendly, original, friendly.ToUpperInvariant() })
            {
                string part = LocalizerContrasts.FileNamePart(name);
                foreach (string type in new[] { "cmaps", "tmaps" })
                    Assert.Contains($"/localizer/derivatives/spm_1st_level/sub-{{0}}/sub-{{0}}_task-localizer_acq-{part}_{type}.nii.gz", patterns);
            }
        }
        Assert.Contains("/localizer/derivatives/spm_1st_level/sub-{0}/sub-{0}_mask.nii.gz", patterns);
    }

    [Fact]
    public void An_unknown_contrast_is_a_clear_error()
    {
        var e = Assert.Throws<AriException>(() => LocalizerContrasts.FileNamePart("left vs right foot"));
        Assert.Contains("unknown Localizer contrast 'left vs right foot'", e.Message);
        Assert.Contains("--list-contrasts", e.Message);
    }
}
