using Ari.Plotting.Figures;

namespace Ari.Tests.Plotting;

public class PrintfFormatTests
{
    // Expected strings are what C / Python print for "%.2g" % value.
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.25, "0.25")]
    [InlineData(0.75, "0.75")]
    [InlineData(1.0, "1")]
    [InlineData(5.576866527270708, "5.6")]
    [InlineData(-5.576866527270708, "-5.6")]
    [InlineData(3.090232306167813, "3.1")]
    [InlineData(12.0, "12")]
    [InlineData(123.0, "1.2e+02")]
    [InlineData(1234.5, "1.2e+03")]
    [InlineData(0.000123, "0.00012")]
    [InlineData(0.0000123, "1.2e-05")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(2.5e10, "2.5e+10")]
    [InlineData(-0.1, "-0.1")]
    public void TwoSignificantDigits(double value, string expected) => Assert.Equal(expected, PrintfFormat.G(value, 2));

    [Theory]
    [InlineData(38.78778533671826, "38")]
    [InlineData(-22.027095848545045, "-22")]
    [InlineData(-0.5, "0")]
    [InlineData(66.0, "66")]
    public void IntegerTruncatesTowardZero(double value, string expected) => Assert.Equal(expected, PrintfFormat.I(value));
}
