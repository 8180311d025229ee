using LocalSgdVerify.Reports.Charts;
using Xunit;

namespace LocalSgdVerify.Tests.Charts;

public sealed class ChartValidationTests
{
    private static readonly Chart Valid = new("t", new Axis("x"), new Axis("y"), [Series.Line("s", [1, 2], [1, 2])]);

    [Fact]
    public void A_valid_chart_has_no_problem()
    {
        Assert.Null(ChartValidation.FirstProblem(Valid));
    }

    [Fact]
    public void Arrays_of_different_length_are_named()
    {
        Chart chart = Valid with { Series = [Series.Line("ok", [1], [1]), Series.Line("short", [1, 2, 3], [1, 2])] };
        AssertProblem(chart, "Chart.Series[1] (\"short\"): Y has 2 values but X has 3");
    }

    [Fact]
    public void Error_bars_need_low_and_high_of_the_same_length()
    {
        Chart chart = Valid with { Series = [Series.ErrorBars("bars", [1, 2], [1, 2], [0], [3, 3])] };
        AssertProblem(chart, "Low has 1 values but X has 2");
    }

    [Fact]
    public void Arrays_a_kind_does_not_use_are_rejected()
    {
        Chart chart = Valid with { Series = [new Series("line", SeriesKind.Line, [1], [1], low: [0])] };
        AssertProblem(chart, "Low has 1 values but a Line series does not use Low");
    }

    [Fact]
    public void Non_positive_explicit_range_on_a_log_axis_is_named()
    {
        Chart chart = Valid with { XAxis = new Axis("x", Scale: ScaleKind.Log10, Range: new AxisRange(-1, 10)) };
        AssertProblem(chart, "Chart.XAxis.Range is [-1, 10] on a Log10 axis: a Log10 axis needs Minimum > 0");
    }

    [Fact]
    public void Reversed_range_is_named()
    {
        Chart chart = Valid with { YAxis = new Axis("y", Range: new AxisRange(5, 1)) };
        AssertProblem(chart, "Chart.YAxis.Range is [5, 1]");
    }

    [Fact]
    public void Colour_must_be_six_hex_digits()
    {
        Chart chart = Valid with { Series = [Series.Line("s", [1], [1], new SeriesStyle { Color = "red\" onload=\"x" })] };
        AssertProblem(chart, "Chart.Series[0] (\"s\").Style.Color");
    }

    [Fact]
    public void Size_outside_the_limits_is_named()
    {
        AssertProblem(Valid with { Size = new ChartSize(100, 400) }, "Chart.Size is 100 × 400");
        AssertProblem(Valid with { Size = default }, "Chart.Size is 0 × 0");
    }

    [Fact]
    public void Null_texts_are_named()
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
