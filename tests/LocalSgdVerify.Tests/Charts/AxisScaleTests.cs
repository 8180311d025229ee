using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Charts;
using Xunit;
using static LocalSgdVerify.Tests.Charts.ChartGenerators;

namespace LocalSgdVerify.Tests.Charts;

public sealed class AxisScaleTests
{
    private sealed record Case(ScaleKind Kind, double Minimum, double Maximum, double Start, double End, int First, int Second)
    {
        // Fractions k/1000 of the range, from −0.5 to 1.5, so values beyond both ends are covered too.
        public double ValueAt(int thousandths)
        {
            double fraction = thousandths / 1000.0;
            return Kind == ScaleKind.Linear
                ? Minimum + ((Maximum - Minimum) * fraction)
                : Math.Pow(10, Math.Log10(Minimum) + ((Math.Log10(Maximum) - Math.Log10(Minimum)) * fraction));
        }

        public AxisScale Scale() => new(Kind, Minimum, Maximum, Start, End);
    }

    private static Arbitrary<Case> Cases =>
        (from kind in Gen.Elements(ScaleKind.Linear, ScaleKind.Log10)
         from linear in LinearRange
         from log in LogRange
         from pixels in PixelEnds
         from first in Gen.Choose(-500, 1500)
         from second in Gen.Choose(-500, 1500)
         let range = kind == ScaleKind.Linear ? linear : log
         select new Case(kind, ToDouble(range.Minimum), ToDouble(range.Maximum), pixels.Start, pixels.End, first, second))
        .ToArbitrary();

    [Fact]
    public void MappingIsMonotoneInTheDirectionOfThePixelRange()
    {
        Prop.ForAll(Cases, c =>
        {
            AxisScale scale = c.Scale();
            double low = Math.Min(c.ValueAt(c.First), c.ValueAt(c.Second));
            double high = Math.Max(c.ValueAt(c.First), c.ValueAt(c.Second));
            double pixelLow = scale.ToPixel(low);
            double pixelHigh = scale.ToPixel(high);
            return c.End > c.Start ? pixelLow <= pixelHigh : pixelLow >= pixelHigh;
        }).Check(ChartProperties.Runs(500));
    }

    [Fact]
    public void RangeEndsMapExactlyOntoIntegerPixelEnds()
    {
        Prop.ForAll(Cases, c =>
        {
            AxisScale scale = c.Scale();
            return scale.ToPixel(c.Minimum) == c.Start && scale.ToPixel(c.Maximum) == c.End;
        }).Check(ChartProperties.Runs(500));
    }

    [Fact]
    public void InverseMappingRoundTripsToWithin1e9OfTheSpan()
    {
        // Tolerance: a handful of rounding errors, each ~1e-16 relative to pixel coordinates ≤ 6000 and to the data,
        // amplified by at most |ends|/span ≤ 2e5 here; 1e-9 of the span leaves a wide margin yet catches any wrong formula.
        Prop.ForAll(Cases, c =>
        {
            AxisScale scale = c.Scale();
            double value = c.ValueAt(c.First);
            double back = scale.FromPixel(scale.ToPixel(value));
            return c.Kind == ScaleKind.Linear
                ? Math.Abs(back - value) <= 1e-9 * (c.Maximum - c.Minimum)
                : Math.Abs(Math.Log10(back) - Math.Log10(value)) <= 1e-9 * (Math.Log10(c.Maximum) - Math.Log10(c.Minimum));
        }).Check(ChartProperties.Runs(500));
    }

    [Fact]
    public void PixelToValueToPixelRoundTripsToWithin1e9OfThePixelSpan()
    {
        Prop.ForAll(Cases, c =>
        {
            AxisScale scale = c.Scale();
            double pixel = c.Start + ((c.End - c.Start) * (c.First / 1000.0));
            return Math.Abs(scale.ToPixel(scale.FromPixel(pixel)) - pixel) <= 1e-9 * Math.Abs(c.End - c.Start);
        }).Check(ChartProperties.Runs(500));
    }

    [Fact]
    public void LinearHandComputedPositions()
    {
        // [0, 10] onto [100, 600]: 50 px per unit.
        var scale = new AxisScale(ScaleKind.Linear, 0, 10, 100, 600);
        Assert.Equal(225, scale.ToPixel(2.5));
        Assert.Equal(50, scale.ToPixel(-1));
        Assert.Equal(2.5, scale.FromPixel(225));

        // y axis: [−1, 1] onto bottom 300, top 100.
        var vertical = new AxisScale(ScaleKind.Linear, -1, 1, 300, 100);
        Assert.Equal(200, vertical.ToPixel(0));
        Assert.Equal(100, vertical.ToPixel(1));
    }

    [Fact]
    public void LogHandComputedPositions()
    {
        // [1, 1000] onto [0, 300]: 100 px per decade.
        var scale = new AxisScale(ScaleKind.Log10, 1, 1000, 0, 300);
        Assert.Equal(100, scale.ToPixel(10), 12);
        Assert.Equal(200, scale.ToPixel(100), 12);
        Assert.Equal(300, scale.ToPixel(1000));
        Assert.Equal(100 * Math.Log10(2), scale.ToPixel(2), 12);
        Assert.Equal(10, scale.FromPixel(100), 12);
        Assert.False(scale.CanMap(0));
        Assert.False(scale.CanMap(-3));
        Assert.True(scale.CanMap(1e-300));
    }

    [Theory]
    [InlineData(ScaleKind.Linear, 1, 1)]
    [InlineData(ScaleKind.Linear, 2, 1)]
    [InlineData(ScaleKind.Linear, double.NaN, 1)]
    [InlineData(ScaleKind.Linear, 0, double.PositiveInfinity)]
    [InlineData(ScaleKind.Log10, 0, 10)]
    [InlineData(ScaleKind.Log10, -1, 10)]
    public void UnusableRangesAreRejectedWithTheRangeInTheMessage(ScaleKind kind, double minimum, double maximum)
    {
        var error = Assert.Throws<ArgumentException>(() => new AxisScale(kind, minimum, maximum, 0, 100));
        Assert.Contains("Axis range", error.Message);
    }
}
