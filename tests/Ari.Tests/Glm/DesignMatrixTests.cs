using Ari.Glm;

namespace Ari.Tests.Glm;

public class DesignMatrixTests
{
    [Fact]
    public void BuildsFromColumnsAndReordersRows()
    {
        var design = DesignMatrix.FromColumns(("a", [1, 2, 3]), ("b", [4, 5, 6]));
        Assert.Equal(["a", "b"], design.Columns);
        Assert.Equal(5, design[1, 1]);
        Assert.Equal(new[] { 3.0, 1, 2 }, design.SelectRows([2, 0, 1]).Column("a"));
        var withIntercept = design.WithIntercept();
        Assert.Equal(["intercept", "a", "b"], withIntercept.Columns);
        Assert.Equal(new[] { 1.0, 1, 1 }, withIntercept.Column(0));
        Assert.Equal(new[] { 1.0, 1, 1, 1 }, DesignMatrix.Intercept(4).Column("intercept"));
    }

    [Fact]
    public void RejectsInconsistentInput()
    {
        Assert.Throws<ArgumentException>(() => DesignMatrix.FromColumns(("a", [1, 2]), ("b", [1])));
        Assert.Throws<ArgumentException>(() => DesignMatrix.FromColumns(("a", [1, 2]), ("a", [1, 2])));
        Assert.Throws<ArgumentException>(() => DesignMatrix.FromColumns(("a", [1, double.NaN])));
        Assert.Throws<ArgumentException>(() => new DesignMatrix([], new double[2, 0]));
    }
}
