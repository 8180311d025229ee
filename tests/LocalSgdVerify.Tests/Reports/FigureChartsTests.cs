using System.Xml.Linq;
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
using static LocalSgdVerify.Tests.Charts.SvgInspection;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>Claims' figures become charts with the right scales, bands, styles and predicted lines; plot files get safe, unique names.</summary>
public class FigureChartsTests
{
    [Fact]
    public void LogLogReferenceLineIsThePowerLawInterceptTimesXToTheSlope()
    {
        Chart chart = FigureCharts.ToChart(SyntheticFigures.ErrorVersusT());
        Assert.Equal(ScaleKind.Log10, chart.XAxis.Scale);
        Assert.Equal(ScaleKind.Log10, chart.YAxis.Scale);
        var line = Assert.IsType<PowerLawReferenceLine>(Assert.Single(chart.ReferenceLines));
        // y = 1·x^(−1): 0.01 at x = 100, 1e-4 at x = 10⁴ (relative 1e-12).
        Assert.Equal(0.01, line.ValueAt(100), 1e-14);
        Assert.Equal(1e-4, line.ValueAt(10_000), 1e-16);
        Assert.Equal("predicted slope -1", line.Label);
    }

    [Fact]
    public void APlainLineLyingOnAnEarlierSeriesGetsItsMarkersSoItStaysVisible()
    {
        // Identity claims draw paths that coincide: every-step and a hierarchical schedule under additive noise.
        double[] x = [1, 2, 3, 4];
        var figure = new CheckFigure("paths", "t", new CheckAxis("step"), new CheckAxis("x̄"),
        [
            new CheckSeries("every-step", x, [1.0, 0.5, 0.25, 0.125], Style: CheckSeriesStyle.Line),
            new CheckSeries("hierarchical", x, [1.0, 0.5, 0.25 * (1 + 1e-6), 0.125], Style: CheckSeriesStyle.Line),
            new CheckSeries("one-shot", x, [1.0, 0.6, 0.3, 0.125], Style: CheckSeriesStyle.Line),
        ], []);
        var drawn = FigureCharts.ToChart(figure).Series;
        Assert.Equal([SeriesKind.Line, SeriesKind.LineWithMarkers, SeriesKind.Line], drawn.Select(series => series.Kind));
        // The markers differ from the series underneath.
        Assert.NotEqual(ChartPalette.MarkerAt(0), drawn[1].Style!.Marker);
    }

    [ReplayedProperty]
    public void CoincidenceIsDecidedByEveryPointWithinATenthOfAPercent(NormalFloat[] values, PositiveInt index)
    {
        double[] y = values.Select(v => v.Get).ToArray();
        if (y.Length == 0) return;
        double[] x = Enumerable.Range(0, y.Length).Select(i => (double)i).ToArray();
        var earlier = new CheckSeries("a", x, y, Style: CheckSeriesStyle.Line);
        Assert.True(FigureCharts.Coincide(earlier, earlier with { Name = "b" }));
        int k = index.Get % y.Length;
        double[] moved = (double[])y.Clone();
        moved[k] = y[k] == 0 ? 1 : y[k] * 1.01;
        Assert.False(FigureCharts.Coincide(earlier, earlier with { Y = moved }));
    }

    [Fact]
    public void LinearAndSemiLogReferenceLinesAreStraightAndSlopeZeroIsHorizontal()
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
    public void SeriesWithAnIntervalGetABandOfTheSameColourDrawnFirst()
    {
        Chart chart = FigureCharts.ToChart(SyntheticFigures.ErrorVersusT());
        // The band carries its series' name, so the legend shows band and line as one entry.
        Assert.Equal(["every-step", "every-step", "one-shot"], chart.Series.Select(s => s.Name));
        Assert.Equal(SeriesKind.ErrorBand, chart.Series[0].Kind);
        Assert.Equal([0.09, 0.01, 0.0011, 0.0001], chart.Series[0].Low);
        Assert.Equal(chart.Series[0].Style!.Color, chart.Series[1].Style!.Color);
        Assert.NotEqual(chart.Series[1].Style!.Color, chart.Series[2].Style!.Color);
    }

    [Fact]
    public void RenderedPowerLawFollowsTheFigureReferenceLine()
    {
        // Explicit ranges make the pixel map known: invert the drawn end points and compare with y = 20·x^−1.
        var figure = new CheckFigure("error", "error", new CheckAxis("T", true), new CheckAxis("E F", true),
            [new CheckSeries("measured", [10, 100, 1000], [2, 0.1, 0.02])], [new CheckReferenceLine("predicted slope -1", -1, 20)]);
        Chart chart = FigureCharts.ToChart(figure) with
        {
            XAxis = new Axis("T", "iterations", ScaleKind.Log10, new AxisRange(1, 1e4)),
            YAxis = new Axis("E F", null, ScaleKind.Log10, new AxisRange(1e-4, 10)),
        };
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Rectangle plot = ClipRectangle(svg);
        var x = new AxisScale(ScaleKind.Log10, 1, 1e4, plot.Left, plot.Right);
        var y = new AxisScale(ScaleKind.Log10, 1e-4, 10, plot.Bottom, plot.Top);

        XElement line = WithClass(svg, "reference-line").Single();
        List<(double X, double Y)> points = Assert.Single(SubPaths((string)line.Attribute("d")!));
        Assert.All(points, point =>
        {
            double value = x.FromPixel(point.X);
            // Two-decimal coordinates move a point by ≤ 0.005 px, about 1e-4 relative at ~70 px per decade.
            Assert.Equal(20 / value, y.FromPixel(point.Y), 20 / value * 1e-3);
        });
    }

    [Fact]
    public void SpeedUpFigureDrawsOneSeriesPerScheduleAndTheIdealLine()
    {
        var figure = new CheckFigure("speed-up", "speed-up", new CheckAxis("N"), new CheckAxis("S(N)"),
            [new CheckSeries("R = N", [1, 2, 4, 8], [1, 2, 3.9, 7.7]), new CheckSeries("one-shot", [1, 2, 4, 8], [1, 1.5, 2, 2.4])],
            [new CheckReferenceLine("ideal S(N) = N", 1, 0)]);
        Chart chart = FigureCharts.ToChart(figure);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        StraightReferenceLine ideal = Assert.IsType<StraightReferenceLine>(Assert.Single(chart.ReferenceLines));
        Assert.Equal((1.0, 0.0), (ideal.Slope, ideal.Intercept));
        Assert.Equal(["R = N", "one-shot"], svg.Descendants(Svg + "g").Select(g => (string?)g.Attribute("data-series")).Where(n => n is not null));
        Assert.Single(WithClass(svg, "reference-line"));
    }

    [Fact]
    public void PredictedConstantIsDrawnAcrossThePlot()
    {
        var figure = new CheckFigure("constant", "N·T·E F", new CheckAxis("T", true), new CheckAxis("N·T·E F"),
            [new CheckSeries("estimate", [10, 100, 1000], [2, 1.5, 1.3], [1.5, 1.2, 1.1], [2.5, 1.8, 1.5])],
            [new CheckReferenceLine("predicted 1.2", 0, 1.2)]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(FigureCharts.ToChart(figure)));

        List<(double X, double Y)> drawn = Assert.Single(SubPaths((string)WithClass(svg, "reference-line").Single().Attribute("d")!));
        Rectangle plot = ClipRectangle(svg);
        Assert.Equal([(plot.Left, drawn[0].Y), (plot.Right, drawn[0].Y)], drawn);
    }

    [Fact]
    public void MarkerSeriesDrawsOneMarkerPerPoint()
    {
        var figure = new CheckFigure("p1", "P1", new CheckAxis("t"), new CheckAxis("E(x̄ − w*)²"),
            [new CheckSeries("Monte Carlo mean", [0, 1, 2], [1.01, 0.52, 0.24], [0.9, 0.45, 0.2], [1.1, 0.6, 0.3], CheckSeriesStyle.Markers)], []);
        XDocument svg = Parse(ChartRenderer.RenderSvg(FigureCharts.ToChart(figure)));
        // The band and the markers share the series' name; the markers are in the second group.
        var groups = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("data-series") == "Monte Carlo mean").ToList();
        Assert.Equal(2, groups.Count);
        Assert.Empty(CircleCentres(groups[0]));
        Assert.Equal(3, CircleCentres(groups[1]).Count);
        // One legend entry shows both: a band swatch and the marker.
        XElement entry = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-legend") == "Monte Carlo mean");
        Assert.Single(entry.Elements(Svg + "rect"));
        Assert.Single(entry.Descendants(Svg + "circle"));
    }

    [Theory]
    [InlineData(CheckSeriesStyle.Line, SeriesKind.Line)]
    [InlineData(CheckSeriesStyle.Markers, SeriesKind.Scatter)]
    [InlineData(CheckSeriesStyle.LineWithMarkers, SeriesKind.LineWithMarkers)]
    public void StylesMapToSeriesKinds(CheckSeriesStyle style, SeriesKind kind)
    {
        var figure = new CheckFigure("f", "t", new CheckAxis("x"), new CheckAxis("y"), [new CheckSeries("s", [1, 2], [3, 4], Style: style)], []);
        Assert.Equal(kind, Assert.Single(FigureCharts.ToChart(figure).Series).Kind);
    }

    [Fact]
    public void StandalonePlotIsLabelledSvgAt600Pixels()
    {
        var (svg, problem) = FigureCharts.TryRender(SyntheticFigures.SpeedUp(), ChartRenderOptions.Default);
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
    public void SanitisedNamesExamples(string id, string name, string expected) =>
        Assert.Equal(expected, PlotFiles.Sanitise(id) + "-" + PlotFiles.Sanitise(name));

    [Fact]
    public void PlotFileNamesAreSafeAndUnique() =>
        Prop.ForAll(SyntheticReports.DocumentGen.ToArbitrary(), document =>
        {
            var files = PlotFiles.For(document);
            Assert.Equal(document.Claims.Sum(c => c.Figures.Count), files.Count);
            Assert.Equal(files.Count, files.Select(f => f.RelativePath.ToLowerInvariant()).Distinct().Count());
            Assert.All(files, f => Assert.Matches("^plots/[a-z0-9][a-z0-9.-]*\\.svg$", f.RelativePath));
            Assert.All(files, f => Assert.DoesNotContain("..", f.RelativePath.Replace(".svg", "", StringComparison.Ordinal).Split('/')));
        }).Verify(100);

    [Fact]
    public void ClashingNamesGetNumberedSuffixes()
    {
        var figures = new[] { "a b", "a-b", "A_B" }.Select(name => SyntheticFigures.UvToy() with { Name = name }).ToList();
        var document = SyntheticReports.Document([SyntheticReports.Claim("x.y", "pass", figures)]);
        Assert.Equal(["plots/x.y-a-b.svg", "plots/x.y-a-b-2.svg", "plots/x.y-a-b-3.svg"], PlotFiles.For(document).Select(f => f.RelativePath));
    }
}
