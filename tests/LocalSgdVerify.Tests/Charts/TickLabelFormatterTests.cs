using LocalSgdVerify.Reports.Charts;
using Xunit;

namespace LocalSgdVerify.Tests.Charts;

public sealed class TickLabelFormatterTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(1e-3, "1e-3")]
    [InlineData(0.01, "0.01")]
    [InlineData(0.2, "0.2")]
    [InlineData(10, "10")]
    [InlineData(1000, "1000")]
    [InlineData(9999.5, "9999.5")]
    [InlineData(1e4, "1e4")]
    [InlineData(25000, "2.5e4")]
    [InlineData(2.5e-5, "2.5e-5")]
    [InlineData(-0.2, "-0.2")]
    [InlineData(-3e-7, "-3e-7")]
    [InlineData(123456, "1.23456e5")]
    [InlineData(1e100, "1e100")]
    [InlineData(1e-300, "1e-300")]
    public void LabelsAreCompactAndCultureFree(double value, string expected)
    {
        Assert.Equal(expected, TickLabelFormatter.Format(value));
    }

    [Fact]
    public void BinaryNoiseIsRemoved()
    {
        Assert.Equal("0.3", TickLabelFormatter.Format(0.1 + 0.2));
        Assert.Equal("0.6", TickLabelFormatter.Format(3 * 0.2));
        Assert.Equal("3e-5", TickLabelFormatter.Format(3 * 1e-5 * (1 + 1e-15)));
    }

    [Fact]
    public void BriefRoundsToFourSignificantDigits()
    {
        Assert.Equal("1.413e4", TickLabelFormatter.Brief(14125.37));
        Assert.Equal("2.035e-4", TickLabelFormatter.Brief(0.00020351));
        Assert.Equal("1.078", TickLabelFormatter.Brief(1.07777));
    }

    [Fact]
    public void NonFiniteValuesHaveReadableLabels()
    {
        Assert.Equal("NaN", TickLabelFormatter.Format(double.NaN));
        Assert.Equal("∞", TickLabelFormatter.Format(double.PositiveInfinity));
        Assert.Equal("-∞", TickLabelFormatter.Format(double.NegativeInfinity));
    }
}
