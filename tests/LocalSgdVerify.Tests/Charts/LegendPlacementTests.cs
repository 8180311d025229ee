using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LocalSgdVerify.Reports.Charts;
using Xunit;
using static LocalSgdVerify.Tests.Charts.SvgInspection;

namespace LocalSgdVerify.Tests.Charts;

public sealed class LegendPlacementTests
{
    private static readonly Axis ZeroToTenX = new("x", Range: new AxisRange(0, 10));
    private static readonly Axis ZeroToTenY = new("y", Range: new AxisRange(0, 10));

    [Fact]
    public void DataInTheTopRightSendsTheLegendToTheTopLeft()
    {
        double[] x = [.. Enumerable.Range(0, 25).Select(i => 7.5 + (0.5 * (i % 5)))];
        double[] y = [.. Enumerable.Range(0, 25).Select(i => 7.5 + (0.5 * (i / 5)))];
        var chart = new Chart("cluster", ZeroToTenX, ZeroToTenY, [Series.Scatter("cluster", x, y), Series.Scatter("other", [8], [8])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        XElement legend = WithClass(svg, "legend").Single();
        Assert.Equal("top-left", (string?)legend.Attribute("data-corner"));
        Rectangle box = LegendBox(legend);
        Assert.DoesNotContain(CircleCentres(SeriesGroup(svg, "cluster")), centre => box.Contains(centre.X, centre.Y));
        Rectangle plot = PlotFrame(svg);
        Assert.True(box.Left < plot.Left + (plot.Width / 2) && box.Top < plot.Top + (plot.Height / 2));
    }

    [Fact]
    public void DataAlongTheTopSendsTheLegendToTheBottomRight()
    {
        var chart = new Chart("top", ZeroToTenX, ZeroToTenY, [Series.Line("top", [0, 10], [9.5, 9.5])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Assert.Equal("bottom-right", (string?)WithClass(svg, "legend").Single().Attribute("data-corner"));
    }

    [Fact]
    public void DataInEveryCornerSendsTheLegendOutsideOnTheRight()
    {
        var chart = new Chart("corners", ZeroToTenX, ZeroToTenY,
            [Series.Scatter("corners", [0.3, 9.7, 0.3, 9.7], [0.3, 0.3, 9.7, 9.7])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        XElement legend = WithClass(svg, "legend").Single();
        Assert.Equal("outside-right", (string?)legend.Attribute("data-corner"));
        Assert.True(LegendBox(legend).Left > PlotFrame(svg).Right);
        Assert.True(LegendBox(legend).Right <= 600);
    }

    [Fact]
    public void OnASmallChartWithNoEmptyCornerTheLegendGoesUnderThePlotRatherThanOverDataOrSqueezeIt()
    {
        // At 240 px a legend on the right would leave the plot under half the width, and every corner holds a point.
        var chart = new Chart("corners", ZeroToTenX, ZeroToTenY,
            [Series.Scatter("a rather long series name", [0.3, 9.7, 0.3, 9.7], [0.3, 0.3, 9.7, 9.7])])
        {
            Size = new ChartSize(ChartSize.MinimumWidth, ChartSize.MinimumHeight),
        };
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Assert.Equal("outside-bottom", (string?)WithClass(svg, "legend").Single().Attribute("data-corner"));
        Assert.True(PlotFrame(svg).Width >= ChartSize.MinimumWidth / 2.0);
        string transform = (string)WithClass(svg, "legend").Single().Attribute("transform")!;
        double legendTop = double.Parse(transform.Split(' ', ')')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(legendTop > PlotFrame(svg).Bottom, $"legend top {legendTop} is not under the plot");
    }

    [Fact]
    public void ABandCoveringTheWholePlotCountsAsDataUnderEveryCorner()
    {
        var chart = new Chart("band", ZeroToTenX, ZeroToTenY, [Series.Band("band", [0, 10], [-100, -100], [100, 100])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Assert.Equal("outside-right", (string?)WithClass(svg, "legend").Single().Attribute("data-corner"));
    }

    [Fact]
    public void LegendListsSeriesThenReferenceLines()
    {
        var chart = new Chart("entries", ZeroToTenX, ZeroToTenY, [Series.Line("first", [1, 2], [1, 2]), Series.Scatter("second", [3], [3])])
        {
            ReferenceLines = [new HorizontalReferenceLine("level", 5)],
        };
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Assert.Equal(["first", "second", "level"],
            WithClass(svg, "legend-entry").Select(entry => (string?)entry.Attribute("data-legend")));
    }

    private static Rectangle LegendBox(XElement legend)
    {
        Match translation = Regex.Match((string)legend.Attribute("transform")!, @"translate\(([-0-9.]+) ([-0-9.]+)\)");
        XElement background = legend.Element(Svg + "rect")!;
        return new Rectangle(
            double.Parse(translation.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(translation.Groups[2].Value, CultureInfo.InvariantCulture),
            Number(background, "width"),
            Number(background, "height"));
    }
}
