using System.Xml.Linq;
using LocalSgdVerify.Reports.Charts;
using Xunit;
using static LocalSgdVerify.Tests.Charts.SvgInspection;

namespace LocalSgdVerify.Tests.Charts;

public sealed class ReportChartsTests
{
    [Fact]
    public void Error_chart_is_log_log_with_the_predicted_slope_through_the_last_positive_point()
    {
        Chart chart = ReportCharts.ErrorVersusIterations("error", "E F", [10, 100, 1000], [2, 0.1, double.NaN], -1);

        Assert.Equal(ScaleKind.Log10, chart.XAxis.Scale);
        Assert.Equal(ScaleKind.Log10, chart.YAxis.Scale);
        PowerLawReferenceLine slope = Assert.IsType<PowerLawReferenceLine>(Assert.Single(chart.ReferenceLines));
        Assert.Equal((-1.0, 100.0, 0.1), (slope.Exponent, slope.AnchorX, slope.AnchorY));
        Assert.Equal("predicted slope -1", slope.Label);
    }

    [Fact]
    public void Rendered_slope_line_follows_the_power_law()
    {
        // Explicit ranges make the pixel map known: invert the drawn end points and compare with y = 0.02·(x/1000)^−1,
        // the power law through the last positive point (1000, 0.02).
        Chart chart = ReportCharts.ErrorVersusIterations("error", "E F", [10, 100, 1000], [2, 0.1, 0.02], -1) with
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
    public void Error_chart_without_a_positive_value_explains_the_missing_slope_line()
    {
        Chart chart = ReportCharts.ErrorVersusIterations("error", "E F", [10, 100], [0, double.NaN], -1);
        Assert.Empty(chart.ReferenceLines);
        Assert.Contains("predicted slope -1: not drawn (no positive value to anchor it)", chart.Notes);
    }

    [Fact]
    public void Speed_up_chart_has_one_series_per_schedule_and_the_ideal_line()
    {
        double[] workers = [1, 2, 4, 8];
        Chart chart = ReportCharts.SpeedUpVersusWorkers("speed-up", workers,
            [new NamedValues("R = N", [1, 2, 3.9, 7.7]), new NamedValues("one-shot", [1, 1.5, 2, 2.4])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        StraightReferenceLine ideal = Assert.IsType<StraightReferenceLine>(Assert.Single(chart.ReferenceLines));
        Assert.Equal((1.0, 0.0), (ideal.Slope, ideal.Intercept));
        Assert.Equal(["R = N", "one-shot"], svg.Descendants(Svg + "g").Select(g => (string?)g.Attribute("data-series")).Where(n => n is not null));
        Assert.Single(WithClass(svg, "reference-line"));
    }

    [Fact]
    public void Quantity_chart_has_band_estimate_and_predicted_level()
    {
        double[] t = [10, 100, 1000];
        Chart chart = ReportCharts.QuantityVersusIterations("N·T·E F", "N·T·E F", t, [2, 1.5, 1.3], [1.5, 1.2, 1.1], [2.5, 1.8, 1.5], 1.2);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        Assert.Equal([SeriesKind.ErrorBand, SeriesKind.LineWithMarkers], chart.Series.Select(series => series.Kind));
        Assert.Equal(chart.Series[0].Style!.Color, chart.Series[1].Style!.Color);
        HorizontalReferenceLine level = Assert.IsType<HorizontalReferenceLine>(Assert.Single(chart.ReferenceLines));
        Assert.Equal(1.2, level.Y);

        List<(double X, double Y)> drawn = Assert.Single(SubPaths((string)WithClass(svg, "reference-line").Single().Attribute("d")!));
        Rectangle plot = ClipRectangle(svg);
        Assert.Equal([(plot.Left, drawn[0].Y), (plot.Right, drawn[0].Y)], drawn);
    }

    [Fact]
    public void Exact_versus_Monte_Carlo_draws_band_exact_line_and_means()
    {
        Chart chart = ReportCharts.ExactVersusMonteCarlo("P1", new Axis("t", "steps"), new Axis("E(x̄ − w*)²"),
            [0, 1, 2], [1, 0.5, 0.25], [1.01, 0.52, 0.24], [0.9, 0.45, 0.2], [1.1, 0.6, 0.3]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        Assert.Equal([SeriesKind.ErrorBand, SeriesKind.Line, SeriesKind.Scatter], chart.Series.Select(series => series.Kind));
        Assert.Equal(["Monte Carlo 95% interval", "exact", "Monte Carlo mean"], chart.Series.Select(series => series.Name));
        Assert.Equal(3, CircleCentres(SeriesGroup(svg, "Monte Carlo mean")).Count);
    }
}
