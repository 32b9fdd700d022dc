using System.CommandLine;
using Ari.Cli.Cli;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>Numbers are read invariantly, group separators refused, ranges checked: one parser for every numeric option.</summary>
public class NumberOptionTests
{
    private static IEnumerable<Command> Commands(Command command) => command.Subcommands.SelectMany(Commands).Prepend(command);

    [Fact]
    public void EveryNumericOptionGoesThroughTheInvariantParser()
    {
        var numeric = new[] { typeof(double), typeof(float), typeof(decimal), typeof(int), typeof(long), typeof(uint), typeof(ulong), typeof(short) };
        int checkedOptions = 0;
        foreach (var command in Commands(CliApp.Build()))
            foreach (var option in command.Options)
            {
                var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
                if (type.IsArray) type = type.GetElementType()!;
                if (!numeric.Contains(type)) continue;
                object? parser = option.GetType().GetProperty("CustomParser")!.GetValue(option);
                Assert.True(parser is not null, $"ari {command.Name} {option.Name}: a numeric option without NumberOptions' parser");
                checkedOptions++;
            }
        Assert.True(checkedOptions >= 10, $"only {checkedOptions} numeric options found");
    }

    [Theory]
    [InlineData("glm --maps a.nii.gz --out o --fwhm 1,5", "--fwhm", "decimals with a point (e.g. 1.5)")]
    [InlineData("tdp --stat z.nii.gz --out o --alpha 0,05", "--alpha", "decimals with a point (e.g. 0.05)")]
    [InlineData("plot --stat z.nii.gz --out f.png --vmax 1,5", "--vmax", "decimals with a point")]
    [InlineData("plot --stat z.nii.gz --out f.png --vmin 1,000", "--vmin", "no thousands separators")]
    [InlineData("plot --stat z.nii.gz --out f.png --threshold 3,1", "--threshold", "decimals with a point")]
    [InlineData("simulate --out o --amplitude 1,5", "--amplitude", "decimals with a point")]
    [InlineData("simulate --out o --subjects 1,6", "--subjects", "not a whole number")]
    [InlineData("fetch localizer --subjects 1.5", "--subjects", "not a whole number")]
    [InlineData("glm --maps a.nii.gz --out o --fwhm 1e6", "--fwhm", "between 0 and 100 mm")]
    [InlineData("glm --maps a.nii.gz --out o --fwhm 1e308", "--fwhm", "between 0 and 100 mm")]
    [InlineData("glm --maps a.nii.gz --out o --fwhm 1e309", "--fwhm", "not a finite number")]
    [InlineData("glm --maps a.nii.gz --out o --fwhm NaN", "--fwhm", "not a finite number")]
    [InlineData("glm --maps a.nii.gz --out o --fwhm 0x10", "--fwhm", "not a number")]
    [InlineData("glm --maps a.nii.gz --out o --fwhm 1_000", "--fwhm", "not a number")]
    [InlineData("tdp --stat z.nii.gz --out o --alpha 1", "--alpha", "between 0 (exclusive) and 1 (exclusive)")]
    [InlineData("tdp --stat z.nii.gz --out o --connectivity 1e3", "--connectivity", "not a whole number")]
    [InlineData("plot --stat z.nii.gz --out f.png --vmax 1e308", "--vmax", "between")]
    [InlineData("plot --stat z.nii.gz --out f.png --cuts 1000", "--cuts", "between 1 and 100")]
    [InlineData("simulate --out o --amplitude 1e9", "--amplitude", "between 0 and 1000000")]
    [InlineData("simulate --out o --seed 1.5", "--seed", "not a whole number")]
    public void BadNumbersAreParseErrorsNamingTheOption(string commandLine, string option, string fragment)
    {
        var parse = CliApp.Build().Parse(commandLine.Split(' '));
        Assert.NotEmpty(parse.Errors);
        Assert.StartsWith(option + ":", parse.Errors[0].Message);
        Assert.Contains(fragment, parse.Errors[0].Message);
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData(" -2.5e-1 ", -0.25)]
    [InlineData("+3", 3)]
    [InlineData("1E2", 100)]
    public void NumbersReadAsEverywhere(string text, double expected) => Assert.Equal(expected, NumberText.ParseReal("--x", text));

    [Fact]
    public void ListsSeparateByCommasAndAreBounded()
    {
        Assert.Equal([2.5, 3.5, -4], NumberText.ParseList("--threshold", "2.5, 3.5,-4"));
        Assert.Contains("empty value", Assert.Throws<UsageException>(() => NumberText.ParseList("--threshold", "2.5,,3")).Message);
        Assert.Contains("at most 100 values", Assert.Throws<UsageException>(() => NumberText.ParseList("--threshold", string.Join(',', Enumerable.Range(1, 101)), 100)).Message);
    }

    [Fact]
    public void ProcessExitCodesAreUsageErrors()
    {
        AriProcess.AssertCleanError(AriProcess.Run("glm", "--maps", "a.nii.gz", "--fwhm", "1,5", "--out", "o"), 2, "--fwhm", "1,5");
        AriProcess.AssertCleanError(AriProcess.Run("tdp", "--stat", "z.nii.gz", "--alpha", "0,05", "--out", "o"), 2, "--alpha", "0,05");
        // 10,000 thresholds: a clear error, not an explosion.
        string many = string.Join(',', Enumerable.Range(0, 10_000).Select(i => (i * 0.001).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        AriProcess.AssertCleanError(AriProcess.Run("tdp", "--stat", TestPaths.NilearnReference("z_score.nii.gz"), "--threshold", many, "--out", "o"), 2, "--threshold", "at most 100");
    }
}
