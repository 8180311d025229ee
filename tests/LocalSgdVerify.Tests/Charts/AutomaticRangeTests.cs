using LocalSgdVerify.Reports.Charts;
using Xunit;

namespace LocalSgdVerify.Tests.Charts;

public sealed class AutomaticRangeTests
{
    [Fact]
    public void LinearDataIsPaddedByFivePercentOfTheSpan()
    {
        AxisRange range = AutomaticRange.Resolve(new Axis("x"), [0.25, 0, 1])!.Value;
        Assert.Equal(-0.05, range.Minimum, 15);
        Assert.Equal(1.05, range.Maximum, 15);
    }

    [Fact]
    public void LogDataIsPaddedByFivePercentOfTheDecades()
    {
        // [1, 1000] spans 3 decades; 5 % is 0.15 decade each side.
        AxisRange range = AutomaticRange.Resolve(new Axis("x", Scale: ScaleKind.Log10), [1, 10, 1000])!.Value;
        Assert.Equal(-0.15, Math.Log10(range.Minimum), 12);
        Assert.Equal(3.15, Math.Log10(range.Maximum), 12);
    }

    [Fact]
    public void NonDrawableValuesAreIgnored()
    {
        AxisRange linear = AutomaticRange.Resolve(new Axis("x"), [double.NaN, 2, double.PositiveInfinity, 4, double.NegativeInfinity])!.Value;
        Assert.Equal(1.9, linear.Minimum, 14);
        Assert.Equal(4.1, linear.Maximum, 14);

        AxisRange log = AutomaticRange.Resolve(new Axis("y", Scale: ScaleKind.Log10), [-5, 0, 10, 100])!.Value;
        Assert.Equal(1 - 0.05, Math.Log10(log.Minimum), 12);
        Assert.Equal(2 + 0.05, Math.Log10(log.Maximum), 12);
    }

    [Theory]
    [InlineData(5, 4.5, 5.5)]
    [InlineData(-20, -22, -18)]
    [InlineData(0, -1, 1)]
    public void ConstantLinearDataGetsTenPercentEitherSide(double value, double minimum, double maximum)
    {
        AxisRange range = AutomaticRange.Resolve(new Axis("y"), [value, value])!.Value;
        Assert.Equal(minimum, range.Minimum, 14);
        Assert.Equal(maximum, range.Maximum, 14);
    }

    [Fact]
    public void ConstantLogDataGetsAFactorTwoEitherSide()
    {
        Assert.Equal(new AxisRange(1.5, 6), AutomaticRange.Resolve(new Axis("y", Scale: ScaleKind.Log10), [3.0]));
    }

    [Fact]
    public void NoDrawableValueGivesNoRange()
    {
        Assert.Null(AutomaticRange.Resolve(new Axis("y"), [double.NaN]));
        Assert.Null(AutomaticRange.Resolve(new Axis("y", Scale: ScaleKind.Log10), [0, -1]));
        Assert.Null(AutomaticRange.Resolve(new Axis("y"), []));
    }

    [Fact]
    public void ExplicitRangeIsReturnedUnchanged()
    {
        var axis = new Axis("y", Range: new AxisRange(-3, 7));
        Assert.Equal(new AxisRange(-3, 7), AutomaticRange.Resolve(axis, [100, 200]));
    }
}
