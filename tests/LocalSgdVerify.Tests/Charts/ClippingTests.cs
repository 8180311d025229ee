using System.Globalization;
using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Charts;
using Xunit;
using static LocalSgdVerify.Tests.Charts.SvgInspection;

namespace LocalSgdVerify.Tests.Charts;

public sealed class ClippingTests
{
    private static readonly Axis ZeroToTenX = new("x", Range: new AxisRange(0, 10));
    private static readonly Axis ZeroToTenY = new("y", Range: new AxisRange(0, 10));

    // Coordinates are written with two decimals, so a point exactly on the frame may read up to 0.005 px off.
    private const double WriteTolerance = 0.006;

    [Fact]
    public void MarkersOutsideAnExplicitRangeAreNotDrawnAndTheOthersSitAtTheirPositions()
    {
        var chart = new Chart("markers", ZeroToTenX, ZeroToTenY,
            [Series.Scatter("points", [-1, 0, 5, 10, 11, 5, 5], [5, 0, 5, 10, 5, -0.1, 10.1])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Rectangle plot = ClipRectangle(svg);

        List<(double X, double Y)> centres = CircleCentres(SeriesGroup(svg, "points"));

        // Inside: (0, 0) at the bottom-left corner, (5, 5) at the centre, (10, 10) at the top-right corner.
        (double X, double Y)[] expected =
            [(plot.Left, plot.Bottom), (plot.Left + (plot.Width / 2), plot.Top + (plot.Height / 2)), (plot.Right, plot.Top)];
        Assert.Equal(expected.Length, centres.Count);
        foreach (((double X, double Y) actual, (double X, double Y) wanted) in centres.Zip(expected))
        {
            Assert.Equal(wanted.X, actual.X, WriteTolerance);
            Assert.Equal(wanted.Y, actual.Y, WriteTolerance);
        }

        Assert.Contains("series points: 4 points outside the axis range (clipped)", NoteTexts(svg));
    }

    [Fact]
    public void EverySeriesGroupIsClippedToThePlotFrame()
    {
        var chart = new Chart("clip", ZeroToTenX, ZeroToTenY,
            [Series.Line("a", [0, 5], [0, 5]), Series.Band("b", [0, 5], [1, 2], [3, 4])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        XElement clipPath = svg.Descendants(Svg + "clipPath").Single();
        string reference = $"url(#{(string)clipPath.Attribute("id")!})";

        Assert.Equal(PlotFrame(svg), ClipRectangle(svg));
        Assert.All(svg.Descendants(Svg + "g").Where(g => g.Attribute("data-series") is not null),
            group => Assert.Equal(reference, (string?)group.Attribute("clip-path")));
    }

    [Fact]
    public void LineLeavingThePlotEndsOnTheFrameWhereItCrosses()
    {
        // y = x/2 from (0, 0) to (20, 10) leaves the range [0, 10]² through the right edge at (10, 5).
        var chart = new Chart("leaving", ZeroToTenX, ZeroToTenY, [Series.Line("line", [0, 20], [0, 10])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Rectangle plot = ClipRectangle(svg);

        List<(double X, double Y)> path = Assert.Single(LineSubPaths(SeriesGroup(svg, "line")));
        Assert.Equal(2, path.Count);
        Assert.Equal((plot.Left, plot.Bottom), path[0]);
        Assert.Equal(plot.Right, path[1].X, WriteTolerance);
        Assert.Equal(plot.Top + (plot.Height / 2), path[1].Y, WriteTolerance);
    }

    [Fact]
    public void LineThatLeavesAndComesBackIsSplitAtTheFrame()
    {
        // (2, 5) → (5, 15) crosses y = 10 at x = 3.5; (5, 15) → (8, 5) crosses it again at x = 6.5.
        var chart = new Chart("excursion", ZeroToTenX, ZeroToTenY, [Series.Line("line", [2, 5, 8], [5, 15, 5])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Rectangle plot = ClipRectangle(svg);
        var x = new AxisScale(ScaleKind.Linear, 0, 10, plot.Left, plot.Right);
        var y = new AxisScale(ScaleKind.Linear, 0, 10, plot.Bottom, plot.Top);

        List<List<(double X, double Y)>> pieces = LineSubPaths(SeriesGroup(svg, "line"));
        Assert.Equal(2, pieces.Count);
        AssertPoints([(x.ToPixel(2), y.ToPixel(5)), (x.ToPixel(3.5), y.ToPixel(10))], pieces[0]);
        AssertPoints([(x.ToPixel(6.5), y.ToPixel(10)), (x.ToPixel(8), y.ToPixel(5))], pieces[1]);
    }

    [Fact]
    public void APointVeryFarAwayStillGivesASegmentEndingOnTheFrame()
    {
        var chart = new Chart("far", ZeroToTenX, ZeroToTenY, [Series.Line("line", [-1e200, 5], [5, 5])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Rectangle plot = ClipRectangle(svg);

        List<(double X, double Y)> path = Assert.Single(LineSubPaths(SeriesGroup(svg, "line")));
        AssertPoints([(plot.Left, plot.Top + (plot.Height / 2)), (plot.Left + (plot.Width / 2), plot.Top + (plot.Height / 2))], path);
    }

    [Fact]
    public void ErrorBarLongerThanTheRangeIsCutAtTheFrameWithoutCaps()
    {
        var chart = new Chart("bars", ZeroToTenX, ZeroToTenY, [Series.ErrorBars("bars", [5], [5], [-5], [15])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Rectangle plot = ClipRectangle(svg);
        string middle = (plot.Left + (plot.Width / 2)).ToString("F2", CultureInfo.InvariantCulture);

        XElement bars = SeriesGroup(svg, "bars").Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "error-bars");
        Assert.Equal($"M{middle} {plot.Bottom.ToString("F2", CultureInfo.InvariantCulture)} V{plot.Top.ToString("F2", CultureInfo.InvariantCulture)}",
            (string)bars.Attribute("d")!);
    }

    [Fact]
    public void NoDrawnVertexOrMarkerLiesOutsideThePlotWhateverTheData()
    {
        Gen<Chart> charts =
            from kind in Gen.Elements(SeriesKind.Line, SeriesKind.LineWithMarkers, SeriesKind.Scatter, SeriesKind.ErrorBand)
            from length in Gen.Choose(1, 20)
            from x in Gen.ArrayOf(Gen.Choose(-40, 50), length)
            from y in Gen.ArrayOf(Gen.Choose(-40, 50), length)
            from spread in Gen.ArrayOf(Gen.Choose(0, 30), length)
            select new Chart("random clip", ZeroToTenX, ZeroToTenY,
            [
                new Series("s", kind, x.Select(v => v / 3.0), kind == SeriesKind.ErrorBand ? null : y.Select(v => v / 3.0),
                    kind == SeriesKind.ErrorBand ? y.Select(v => v / 3.0) : null,
                    kind == SeriesKind.ErrorBand ? y.Zip(spread, (v, s) => (v + s) / 3.0) : null,
                    new SeriesStyle { Marker = MarkerShape.Circle }),
            ]);
        Prop.ForAll(charts.ToArbitrary(), chart =>
        {
            XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
            Rectangle plot = ClipRectangle(svg);
            XElement group = SeriesGroup(svg, "s");
            IEnumerable<(double X, double Y)> vertices = group.Elements(Svg + "path")
                .SelectMany(path => SubPaths((string)path.Attribute("d")!)).SelectMany(piece => piece);
            return vertices.Concat(CircleCentres(group)).All(point => plot.Contains(point.X, point.Y));
        }).Check(ChartProperties.Runs(300));
    }

    private static void AssertPoints((double X, double Y)[] expected, List<(double X, double Y)> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int index = 0; index < expected.Length; index++)
        {
            Assert.Equal(expected[index].X, actual[index].X, WriteTolerance);
            Assert.Equal(expected[index].Y, actual[index].Y, WriteTolerance);
        }
    }
}
