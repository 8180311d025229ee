using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Charts;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;
using CheckAxis = LocalSgdVerify.Checks.Framework.Axis;
using CheckFigure = LocalSgdVerify.Checks.Framework.Figure;
using CheckReferenceLine = LocalSgdVerify.Checks.Framework.ReferenceLine;
using CheckSeries = LocalSgdVerify.Checks.Framework.FigureSeries;
using CheckSeriesStyle = LocalSgdVerify.Checks.Framework.SeriesStyle;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>Claims' figures become charts with the right scales, bands, styles and predicted lines; plot files get safe, unique names.</summary>
public class FigureChartsTests
{
    [Fact]
    public void Log_log_reference_line_is_the_power_law_intercept_times_x_to_the_slope()
    {
        Chart chart = FigureCharts.ToChart(SyntheticReports.ErrorVersusT());
        Assert.Equal(ScaleKind.Log10, chart.XAxis.Scale);
        Assert.Equal(ScaleKind.Log10, chart.YAxis.Scale);
        var line = Assert.IsType<PowerLawReferenceLine>(Assert.Single(chart.ReferenceLines));
        // y = 1·x^(−1): 0.01 at x = 100, 1e-4 at x = 10⁴ (relative 1e-12).
        Assert.Equal(0.01, line.ValueAt(100), 1e-14);
        Assert.Equal(1e-4, line.ValueAt(10_000), 1e-16);
        Assert.Equal("predicted slope -1", line.Label);
    }

    [Fact]
    public void Linear_and_semi_log_reference_lines_are_straight_and_slope_zero_is_horizontal()
    {
        var figure = new CheckFigure("f", "t", new CheckAxis("x", true), new CheckAxis("y"), [],
            [new CheckReferenceLine("straight", 2, 3), new CheckReferenceLine("level", 0, 5)]);
        Chart chart = FigureCharts.ToChart(figure);
        var straight = Assert.IsType<StraightReferenceLine>(chart.ReferenceLines[0]);
        Assert.Equal(3 + (2 * 7.0), straight.ValueAt(7));
        var level = Assert.IsType<HorizontalReferenceLine>(chart.ReferenceLines[1]);
        Assert.Equal(5, level.Y);
    }

    [Fact]
    public void Series_with_an_interval_get_a_band_of_the_same_colour_drawn_first()
    {
        Chart chart = FigureCharts.ToChart(SyntheticReports.ErrorVersusT());
        Assert.Equal(["every-step (interval)", "every-step", "one-shot"], chart.Series.Select(s => s.Name));
        Assert.Equal(SeriesKind.ErrorBand, chart.Series[0].Kind);
        Assert.Equal([0.09, 0.01, 0.0011, 0.0001], chart.Series[0].Low);
        Assert.Equal(chart.Series[0].Style!.Color, chart.Series[1].Style!.Color);
        Assert.NotEqual(chart.Series[1].Style!.Color, chart.Series[2].Style!.Color);
    }

    [Theory]
    [InlineData(CheckSeriesStyle.Line, SeriesKind.Line)]
    [InlineData(CheckSeriesStyle.Markers, SeriesKind.Scatter)]
    [InlineData(CheckSeriesStyle.LineWithMarkers, SeriesKind.LineWithMarkers)]
    public void Styles_map_to_series_kinds(CheckSeriesStyle style, SeriesKind kind)
    {
        var figure = new CheckFigure("f", "t", new CheckAxis("x"), new CheckAxis("y"), [new CheckSeries("s", [1, 2], [3, 4], Style: style)], []);
        Assert.Equal(kind, Assert.Single(FigureCharts.ToChart(figure).Series).Kind);
    }

    [Fact]
    public void Standalone_plot_is_labelled_svg_at_600_pixels()
    {
        var (svg, problem) = FigureCharts.TryRender(SyntheticReports.SpeedUp(), ChartRenderOptions.Default);
        Assert.Null(problem);
        Assert.StartsWith("<?xml", svg);
        Assert.Contains("width=\"600\"", svg);
        Assert.Contains(">N (workers)<", svg);
        Assert.Contains(">S(N)<", svg);
        Assert.Contains("data-reference=\"ideal S = N\"", svg);
        Assert.Contains("data-legend", svg);
    }

    [Theory]
    [InlineData("spiridonoff.S2", "s2 speed-up", "spiridonoff.s2-s2-speed-up")]
    [InlineData("a/b\\c", "../../etc/passwd", "a-b-c-etc-passwd")]
    [InlineData("Gu.UV", "u² − v²", "gu.uv-u-v")]
    [InlineData("...", "---", "figure-figure")]
    public void Sanitised_names_examples(string id, string name, string expected) =>
        Assert.Equal(expected, PlotFiles.Sanitise(id) + "-" + PlotFiles.Sanitise(name));

    [Fact]
    public void Plot_file_names_are_safe_and_unique() =>
        Prop.ForAll(SyntheticReports.DocumentGen.ToArbitrary(), document =>
        {
            var files = PlotFiles.For(document);
            Assert.Equal(document.Claims.Sum(c => c.Figures.Count), files.Count);
            Assert.Equal(files.Count, files.Select(f => f.RelativePath.ToLowerInvariant()).Distinct().Count());
            Assert.All(files, f => Assert.Matches("^plots/[a-z0-9][a-z0-9.-]*\\.svg$", f.RelativePath));
            Assert.All(files, f => Assert.DoesNotContain("..", f.RelativePath.Replace(".svg", "", StringComparison.Ordinal).Split('/')));
        }).Verify(100);

    [Fact]
    public void Clashing_names_get_numbered_suffixes()
    {
        var figures = new[] { "a b", "a-b", "A_B" }.Select(name => SyntheticReports.UvToy() with { Name = name }).ToList();
        var document = SyntheticReports.Document([SyntheticReports.Claim("x.y", "pass", figures)]);
        Assert.Equal(["plots/x.y-a-b.svg", "plots/x.y-a-b-2.svg", "plots/x.y-a-b-3.svg"], PlotFiles.For(document).Select(f => f.RelativePath));
    }
}
