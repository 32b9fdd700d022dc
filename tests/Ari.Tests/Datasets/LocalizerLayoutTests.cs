using Ari.Datasets.Localizer;

namespace Ari.Tests.Datasets;

public class LocalizerLayoutTests
{
    [Fact]
    public void Files_come_in_nilearns_order_subject_then_type_then_contrast()
    {
        var plan = LocalizerLayout.Plan(new LocalizerRequest
        {
            Contrasts = ["left vs right button press", "checkerboard", "left auditory & visual click vs right auditory&visual click"],
            Subjects = 2,
            TMaps = true,
            Masks = true,
        });
        const string lr = "LeftAuditory&VisualClickVsRightAuditory&VisualClick";
        Assert.Equal(
        [
            $"brainomics_data/S01/cmaps_{lr}.nii.gz", "brainomics_data/S01/cmaps_Checkerboard.nii.gz",
            $"brainomics_data/S01/tmaps_{lr}.nii.gz", "brainomics_data/S01/tmaps_Checkerboard.nii.gz",
            $"brainomics_data/S02/cmaps_{lr}.nii.gz", "brainomics_data/S02/cmaps_Checkerboard.nii.gz",
            $"brainomics_data/S02/tmaps_{lr}.nii.gz", "brainomics_data/S02/tmaps_Checkerboard.nii.gz",
            "brainomics_data/S01/boolean_mask_mask.nii.gz", "brainomics_data/S02/boolean_mask_mask.nii.gz",
            "brainomics_data/participants.tsv", "brainomics_data/phenotype/behavioural.tsv",
        ], plan.Select(f => f.LocalPath));
        Assert.Equal($"/localizer/derivatives/spm_1st_level/sub-S02/sub-S02_task-localizer_acq-Checkerboard_tmaps.nii.gz", plan[7].OsfPath);
        Assert.Equal("/localizer/derivatives/spm_1st_level/sub-S02/sub-S02_mask.nii.gz", plan[9].OsfPath);
        Assert.Equal("/localizer/participants.tsv", plan[10].OsfPath);
        Assert.Equal([true, true, true, true, true, true, true, true, true, true, false, false], plan.Select(f => LocalizerLayout.IsRequired(f.Kind)));
    }

    [Fact]
    public void Subject_ids_are_two_digit()
    {
        Assert.Equal(["S01", "S02", "S03"], new LocalizerRequest { Subjects = 3 }.SubjectIds());
        Assert.Equal("S94", new LocalizerRequest { Subjects = 94 }.SubjectIds()[^1]);
        Assert.Throws<AriException>(() => new LocalizerRequest { Subjects = 0 }.SubjectIds());
        Assert.Throws<AriException>(() => LocalizerLayout.Plan(new LocalizerRequest { Contrasts = [] }));
    }
}
