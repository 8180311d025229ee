using LocalSgdVerify.Reports.Charts;
using Xunit;

namespace LocalSgdVerify.Tests.Charts;

public sealed class ChartValidationTests
{
    private static readonly Chart Valid = new("t", new Axis("x"), new Axis("y"), [Series.Line("s", [1, 2], [1, 2])]);

    [Fact]
    public void AValidChartHasNoProblem()
    {
        Assert.Null(ChartValidation.FirstProblem(Valid));
    }

    [Fact]
    public void ArraysOfDifferentLengthAreNamed()
    {
        Chart chart = Valid with { Series = [Series.Line("ok", [1], [1]), Series.Line("short", [1, 2, 3], [1, 2])] };
        AssertProblem(chart, "Chart.Series[1] (\"short\"): Y has 2 values but X has 3");
    }

    [Fact]
    public void ErrorBarsNeedLowAndHighOfTheSameLength()
    {
        Chart chart = Valid with { Series = [Series.ErrorBars("bars", [1, 2], [1, 2], [0], [3, 3])] };
        AssertProblem(chart, "Low has 1 values but X has 2");
    }

    [Fact]
    public void ArraysAKindDoesNotUseAreRejected()
    {
        Chart chart = Valid with { Series = [new Series("line", SeriesKind.Line, [1], [1], low: [0])] };
        AssertProblem(chart, "Low has 1 values but a Line series does not use Low");
    }

    [Fact]
    public void NonPositiveExplicitRangeOnALogAxisIsNamed()
    {
        Chart chart = Valid with { XAxis = new Axis("x", Scale: ScaleKind.Log10, Range: new AxisRange(-1, 10)) };
        AssertProblem(chart, "Chart.XAxis.Range is [-1, 10] on a Log10 axis: a Log10 axis needs Minimum > 0");
    }

    [Fact]
    public void ReversedRangeIsNamed()
    {
        Chart chart = Valid with { YAxis = new Axis("y", Range: new AxisRange(5, 1)) };
        AssertProblem(chart, "Chart.YAxis.Range is [5, 1]");
    }

    [Fact]
    public void ColourMustBeSixHexDigits()
    {
        Chart chart = Valid with { Series = [Series.Line("s", [1], [1], new SeriesStyle { Color = "red\" onload=\"x" })] };
        AssertProblem(chart, "Chart.Series[0] (\"s\").Style.Color");
    }

    [Fact]
    public void SizeOutsideTheLimitsIsNamed()
    {
        AssertProblem(Valid with { Size = new ChartSize(100, 400) }, "Chart.Size is 100 × 400");
        AssertProblem(Valid with { Size = default }, "Chart.Size is 0 × 0");
    }

    [Fact]
    public void NullTextsAreNamed()
    {
        AssertProblem(Valid with { Title = null! }, "Chart.Title is null");
        AssertProblem(Valid with { Notes = ["fine", null!] }, "Chart.Notes[1] is null");
        AssertProblem(Valid with { Series = [Series.Line(null!, [1], [1])] }, "Chart.Series[0] or its Name is null");
    }

    private static void AssertProblem(Chart chart, string expectedPart)
    {
        var error = Assert.Throws<ArgumentException>(() => ChartRenderer.RenderSvg(chart));
        Assert.Contains(expectedPart, error.Message);
    }
}
