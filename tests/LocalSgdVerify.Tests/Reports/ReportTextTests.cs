using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Rendering;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>Numbers and quantities print the same way in every format.</summary>
public class ReportTextTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-0.98, "-0.98")]
    [InlineData(3.14159265, "3.142")]
    [InlineData(0.0012345, "0.001235")]
    [InlineData(12345.6, "12346")]
    [InlineData(99999.4, "99999")]
    [InlineData(123456.0, "1.235e5")]
    [InlineData(2.5e-6, "2.5e-6")]
    [InlineData(-1e-15, "-1e-15")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "∞")]
    [InlineData(double.NegativeInfinity, "-∞")]
    public void NumberExamples(double value, string expected) => Assert.Equal(expected, ReportText.Number(value));

    [Theory]
    [InlineData(0.95, "95%")]
    [InlineData(0.999, "99.9%")]
    [InlineData(0.9999975, "1 − 2.5e-6")]
    public void LevelExamples(double level, string expected) => Assert.Equal(expected, ReportText.Level(level));

    [Fact]
    public void QuantityExamples()
    {
        Assert.Equal("3.5 [3.1, 3.9] at level 95%", ReportText.Quantity(new Quantity("q", 3.5, "", 3.1, 3.9, 0.95)));
        Assert.Equal("2 s [1, ∞)", ReportText.Quantity(new Quantity("q", 2, "s", 1)));
        Assert.Equal("2 (-∞, 4]", ReportText.Quantity(new Quantity("q", 2, "", null, 4)));
        Assert.Equal("7", ReportText.Quantity(new Quantity("q", 7)));
    }

    [Fact]
    public void MarginCarriesItsSign() =>
        Assert.Equal(["+0.5", "-0.5", "0", "-∞"], new[] { 0.5, -0.5, 0, double.NegativeInfinity }.Select(ReportText.Margin));
}
