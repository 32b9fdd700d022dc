using Ari.Glm;

namespace Ari.Tests.Glm;

public class ContrastTests
{
    private static readonly DesignMatrix Design = DesignMatrix.FromColumns(
        ("intercept", [1, 1, 1, 1]), ("age", [20, 30, 40, 50]), ("sex", [0, 1, 0, 1]), ("group_b.2", [1, 1, 0, 0]));

    [Theory]
    [InlineData("intercept", new[] { 1.0, 0, 0, 0 })]
    [InlineData("age - sex", new[] { 0.0, 1, -1, 0 })]
    [InlineData("2*age - sex", new[] { 0.0, 2, -1, 0 })]
    [InlineData("2 * age - 0.5*sex + intercept", new[] { 1.0, 2, -0.5, 0 })]
    [InlineData("(age + sex) / 2", new[] { 0.0, 0.5, 0.5, 0 })]
    [InlineData("-age", new[] { 0.0, -1, 0, 0 })]
    [InlineData("age*3 - -sex", new[] { 0.0, 3, 1, 0 })]
    [InlineData("1e-1*group_b.2", new[] { 0.0, 0, 0, 0.1 })]
    [InlineData("0,1,0,0", new[] { 0.0, 1, 0, 0 })]
    [InlineData(" 0, 1, -1 ,0 ", new[] { 0.0, 1, -1, 0 })]
    [InlineData("age - age + sex", new[] { 0.0, 0, 1, 0 })]
    public void ParsesTContrasts(string text, double[] expected)
    {
        var contrast = Contrast.Parse(text, Design);
        Assert.Equal(StatType.T, contrast.Type);
        Assert.Equal(expected, contrast.Row(0));
        Assert.Equal(text.Trim(), contrast.Expression);
    }

    [Fact]
    public void SemicolonsMakeAnFContrast()
    {
        var contrast = Contrast.Parse("age; sex - intercept; 0,0,0,1", Design);
        Assert.Equal(StatType.F, contrast.Type);
        Assert.Equal(3, contrast.RowCount);
        Assert.Equal(new[] { -1.0, 0, 1, 0 }, contrast.Row(1));
        Assert.Equal(StatType.F, Contrast.FromMatrix(new double[,] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 } }, Design).Type);
    }

    [Theory]
    [InlineData("height", "unknown design column 'height'", "intercept, age, sex, group_b.2")]
    [InlineData("age * sex", "multiplies two design columns")]
    [InlineData("age / sex", "divides by a design column")]
    [InlineData("age + 1", "constant term")]
    [InlineData("age / 0", "divides by zero")]
    [InlineData("(age", "not closed")]
    [InlineData("age sex", "unexpected 's'")]
    [InlineData("0,1", "has 2 weights, the design has 4 columns")]
    [InlineData("0,0,0,0", "is null")]
    [InlineData("0,a,0,0", "'a' is not a number")]
    [InlineData("age - age", "names no design column")]
    [InlineData("", "empty")]
    [InlineData("age;;sex", "empty row")]
    public void RejectsBadContrastsWithAClearMessage(string text, params string[] fragments)
    {
        var error = Assert.ThrowsAny<AriException>(() => Contrast.Parse(text, Design));
        foreach (string fragment in fragments) Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void DefaultIsTheOnlyColumnOrAnError()
    {
        Assert.Equal("intercept", Contrast.Default(DesignMatrix.Intercept(3)).Expression);
        Assert.Contains("say which contrast", Assert.Throws<AriException>(() => Contrast.Default(Design)).Message);
    }

    [Fact]
    public void AColumnNameThatIsNotAnIdentifierCanBeNamedWhole()
    {
        var design = DesignMatrix.FromColumns(("intercept", [1, 1, 1]), ("group-A", [0, 1, 1]));
        Assert.Equal(new[] { 0.0, 1 }, Contrast.Parse("group-A", design).Row(0));
    }
}
