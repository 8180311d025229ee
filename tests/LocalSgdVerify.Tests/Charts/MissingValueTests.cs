using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Charts;
using Xunit;
using static LocalSgdVerify.Tests.Charts.SvgInspection;

namespace LocalSgdVerify.Tests.Charts;

public sealed class MissingValueTests
{
    private static readonly double[] OneToSix = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void NaNInTheMiddleLeavesAGapAndANote()
    {
        var chart = new Chart("gap", new Axis("x"), new Axis("y"), [Series.Line("s", OneToSix, [1, 2, double.NaN, double.NaN, 5, 6])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        List<List<(double X, double Y)>> pieces = LineSubPaths(SeriesGroup(svg, "s"));
        Assert.Equal([2, 2], pieces.Select(piece => piece.Count));
        Assert.True(pieces[0][1].X < pieces[1][0].X, "the second piece must start to the right of the first");
        Assert.Contains("series s: 2 points not shown (NaN)", NoteTexts(svg));
    }

    [Fact]
    public void InfiniteValueLeavesAGapAndAnIsolatedPointStaysVisibleAsADot()
    {
        var chart = new Chart("inf", new Axis("x"), new Axis("y"),
            [Series.Line("s", [1, 2, 3, 4], [1, double.PositiveInfinity, 3, 4])]);
        string text = ChartRenderer.RenderSvg(chart);
        XDocument svg = Parse(text);

        Assert.Equal([1, 2], LineSubPaths(SeriesGroup(svg, "s")).Select(piece => piece.Count));
        Assert.Contains(" h0", (string)SeriesGroup(svg, "s").Element(Svg + "path")!.Attribute("d")!);
        Assert.Contains("series s: 1 point not shown (infinite)", NoteTexts(svg));
    }

    [Fact]
    public void LogAxisSkipsNonPositiveValuesWithANoteAndRangesOverTheRest()
    {
        var chart = new Chart("log", new Axis("x"), new Axis("y", Scale: ScaleKind.Log10),
            [Series.Line("s", [1, 2, 3, 4, 5], [0, 1, 10, -1, 100])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        Assert.Equal([2, 1], LineSubPaths(SeriesGroup(svg, "s")).Select(piece => piece.Count));
        Assert.Contains("series s: 2 points not shown (≤ 0 on a log axis)", NoteTexts(svg));
        List<string> yLabels = [.. svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "y-axis")
            .Elements(Svg + "text").Select(label => label.Value)];
        Assert.Equal(["1", "10", "100"], yLabels);
    }

    [Fact]
    public void BandWithAMissingBoundIsSplitIntoTwoAreas()
    {
        var chart = new Chart("band", new Axis("x"), new Axis("y"),
            [Series.Band("b", [1, 2, 3, 4, 5], [0, 0, double.NaN, 0, 0], [1, 1, 1, 1, 1])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        string data = (string)SeriesGroup(svg, "b").Elements(Svg + "path").Single().Attribute("d")!;
        Assert.Equal(2, data.Count(character => character == 'Z'));
        Assert.Contains("series b: 1 point not shown (NaN)", NoteTexts(svg));
    }

    [Fact]
    public void ChartWithOnlyNaNSaysNoDataAndKeepsTheSeriesGroup()
    {
        var chart = new Chart("nothing", new Axis("x"), new Axis("y"), [Series.Line("s", [1, 2, 3], [double.NaN, double.NaN, double.NaN])]);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));

        Assert.Equal("no data", WithClass(svg, "no-data").Single().Value);
        Assert.Empty(SeriesGroup(svg, "s").Elements());
        Assert.Contains("series s: 3 points not shown (NaN)", NoteTexts(svg));
    }

    [Fact]
    public void ChartWithoutSeriesSaysNoData()
    {
        var chart = new Chart("empty", new Axis("x", Range: new AxisRange(0, 1)), new Axis("y"), []);
        XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
        Assert.Equal("no data", WithClass(svg, "no-data").Single().Value);
    }

    [Fact]
    public void RandomDataWithNaNAndInfinitiesNeverThrowsAndEveryLeftOutPointIsReported()
    {
        Prop.ForAll(RandomCharts.Charts.ToArbitrary(), chart =>
        {
            XDocument svg = Parse(ChartRenderer.RenderSvg(chart));
            string description = svg.Root!.Element(Svg + "desc")!.Value;
            return chart.Series.All(series => ExpectedNotes(series).All(description.Contains));
        }).Check(ChartProperties.Runs(300));
    }

    // The notes a series must produce, counted here from the data without the renderer's code: a point is "NaN" if
    // any value its kind uses is NaN, else "infinite" if any is ±∞.
    private static IEnumerable<string> ExpectedNotes(Series series)
    {
        var notANumber = 0;
        var infinite = 0;
        for (int index = 0; index < series.X.Length; index++)
        {
            List<double> used = [series.X[index]];
            if (series.Kind != SeriesKind.ErrorBand)
            {
                used.Add(series.Y[index]);
            }

            if (series.Kind is SeriesKind.ErrorBand or SeriesKind.ErrorBars)
            {
                used.Add(series.Low[index]);
                used.Add(series.High[index]);
            }

            if (used.Any(double.IsNaN))
            {
                notANumber++;
            }
            else if (used.Any(double.IsInfinity))
            {
                infinite++;
            }
        }

        string Points(int count) => count == 1 ? "1 point" : $"{count} points";
        if (notANumber > 0)
        {
            yield return $"series {series.Name}: {Points(notANumber)} not shown (NaN)";
        }

        if (infinite > 0)
        {
            yield return $"series {series.Name}: {Points(infinite)} not shown (infinite)";
        }
    }
}
