using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>
/// Every plot of the reference report, checked geometrically from its SVG: no text shortened with "…", every text
/// inside the canvas, the legend box inside the canvas and clear of every data point, line, band and reference line,
/// legend rows that do not overlap one another, and one legend entry per series name.
/// Text widths use the renderer's own estimate (0.62 em per character), which errs towards more room.
/// </summary>
public partial class ReferencePlotGeometryTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double EmPerCharacter = 0.62;

    public static TheoryData<string> PlotNames()
    {
        var data = new TheoryData<string>();
        foreach (var plot in ReferencePlots()) data.Add(plot.Key);
        return data;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReferencePlots() =>
        [.. ReportRenderer.RenderPlots(ReportJson.ReadFile(RepositoryPaths.Of("reports", "reference", "report.json")))
            .Where(file => file.Key.EndsWith(".svg", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void TheReferencePlotHasNoShortenedTextNoTextOffTheCanvasAndNoLegendOverData(string name)
    {
        XDocument svg = XDocument.Parse(ReferencePlots().Single(file => file.Key == name).Value);
        XElement root = svg.Root!;
        double width = Attribute(root, "width"), height = Attribute(root, "height");

        foreach (XElement text in svg.Descendants(Svg + "text"))
        {
            Assert.DoesNotContain("…", text.Value);
            var (left, top, right, bottom) = TextBounds(text);
            Assert.True(left >= -0.5 && right <= width + 0.5 && top >= -0.5 && bottom <= height + 0.5,
                $"{name}: text '{text.Value}' spans x {left:0.#}..{right:0.#}, y {top:0.#}..{bottom:0.#}, outside the {width} × {height} canvas");
        }

        XElement? legend = svg.Descendants(Svg + "g").SingleOrDefault(g => (string?)g.Attribute("class") == "legend" && g.Element(Svg + "rect") is not null);
        if (legend is null) return;
        var (dx, dy) = Translation(legend);
        XElement box = legend.Element(Svg + "rect")!;
        double boxLeft = dx + Attribute(box, "x"), boxTop = dy + Attribute(box, "y");
        double boxRight = boxLeft + Attribute(box, "width"), boxBottom = boxTop + Attribute(box, "height");
        Assert.True(boxLeft >= 0 && boxTop >= 0 && boxRight <= width && boxBottom <= height, $"{name}: the legend box is not inside the canvas");
        bool Inside((double X, double Y) point) => point.X > boxLeft && point.X < boxRight && point.Y > boxTop && point.Y < boxBottom;

        var data = svg.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.Split(' ') is { } classes && (classes.Contains("series") || classes.Contains("reference-lines")));
        foreach (XElement group in data)
        {
            foreach (XElement path in group.Descendants(Svg + "path"))
            {
                var pieces = Polylines((string)path.Attribute("d")!);
                foreach (var piece in pieces)
                {
                    var outside = Sample(piece).FirstOrDefault(Inside, (double.NaN, double.NaN));
                    Assert.True(double.IsNaN(outside.Item1), $"{name}: the legend box covers data of '{group.Attribute("data-series") ?? group.Attribute("class")}' at ({outside.Item1:0.#}, {outside.Item2:0.#})");
                    if ((string?)path.Attribute("class") == "band")
                        foreach (var corner in new[] { (boxLeft, boxTop), (boxRight, boxTop), (boxLeft, boxBottom), (boxRight, boxBottom), ((boxLeft + boxRight) / 2, (boxTop + boxBottom) / 2) })
                            Assert.False(Contains(piece, corner), $"{name}: the legend box lies on the band of '{group.Attribute("data-series")}'");
                }
            }
            foreach (XElement circle in group.Descendants(Svg + "circle"))
                Assert.False(Inside((Attribute(circle, "cx"), Attribute(circle, "cy"))), $"{name}: the legend box covers a marker of '{group.Attribute("data-series")}'");
            foreach (XElement rect in group.Descendants(Svg + "rect"))
                Assert.False(Inside((Attribute(rect, "x") + Attribute(rect, "width") / 2, Attribute(rect, "y") + Attribute(rect, "height") / 2)), $"{name}: the legend box covers a marker of '{group.Attribute("data-series")}'");
        }

        // Rows of the legend do not overlap: each text line sits at least one line height below the previous one.
        var baselines = legend.Descendants(Svg + "text").Select(text => Attribute(text, "y")).ToList();
        Assert.All(baselines.Zip(baselines.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 11, $"{name}: legend lines at y {pair.First} and {pair.Second} overlap"));
        // One entry per series name: a band and its line share one.
        var entries = legend.Elements(Svg + "g").Select(g => (string?)g.Attribute("data-legend")).ToList();
        Assert.Equal(entries.Distinct().Count(), entries.Count);
    }

    // The text's box: anchor and font size from the element or its ancestors, translations added, rotated text vertical.
    private static (double Left, double Top, double Right, double Bottom) TextBounds(XElement text)
    {
        double size = text.AncestorsAndSelf().Select(e => (string?)e.Attribute("font-size")).FirstOrDefault(v => v is not null) is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : 11;
        string anchor = text.AncestorsAndSelf().Select(e => (string?)e.Attribute("text-anchor")).FirstOrDefault(v => v is not null) ?? "start";
        double length = text.Value.Length * size * EmPerCharacter;
        double x = (string?)text.Attribute("x") is null ? 0 : Attribute(text, "x"), y = (string?)text.Attribute("y") is null ? 0 : Attribute(text, "y");
        double dx = 0, dy = 0;
        foreach (XElement element in text.AncestorsAndSelf())
        {
            var (tx, ty) = Translation(element);
            dx += tx; dy += ty;
        }
        x += dx; y += dy;
        double before = anchor switch { "middle" => length / 2, "end" => length, _ => 0 };
        bool rotated = text.AncestorsAndSelf().Any(e => ((string?)e.Attribute("transform"))?.Contains("rotate", StringComparison.Ordinal) == true);
        return rotated ? (x - size, y - length + before, x, y + before) : (x - before, y - size, x - before + length, y + 0.3 * size);
    }

    private static (double X, double Y) Translation(XElement element)
    {
        string? transform = (string?)element.Attribute("transform");
        if (transform is null || TranslatePattern().Match(transform) is not { Success: true } match) return (0, 0);
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    // Absolute M/L path data as polylines; other commands (marker shapes) contribute their first point.
    private static List<List<(double X, double Y)>> Polylines(string data)
    {
        var pieces = new List<List<(double X, double Y)>>();
        foreach (Match command in CommandPattern().Matches(data))
        {
            var point = (double.Parse(command.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(command.Groups[3].Value, CultureInfo.InvariantCulture));
            if (command.Groups[1].Value == "M" || pieces.Count == 0) pieces.Add([point]);
            else pieces[^1].Add(point);
        }
        return pieces;
    }

    private static IEnumerable<(double X, double Y)> Sample(List<(double X, double Y)> line)
    {
        yield return line[0];
        for (int index = 1; index < line.Count; index++)
        {
            var (from, to) = (line[index - 1], line[index]);
            int steps = (int)Math.Clamp(Math.Ceiling(Math.Max(Math.Abs(to.X - from.X), Math.Abs(to.Y - from.Y)) / 1.0), 1, 5000);
            for (int step = 1; step <= steps; step++)
                yield return (from.X + (to.X - from.X) * step / steps, from.Y + (to.Y - from.Y) * step / steps);
        }
    }

    private static bool Contains(List<(double X, double Y)> polygon, (double X, double Y) probe)
    {
        bool inside = false;
        for (int index = 0, previous = polygon.Count - 1; index < polygon.Count; previous = index++)
        {
            var (a, b) = (polygon[index], polygon[previous]);
            if ((a.Y > probe.Y) != (b.Y > probe.Y) && probe.X < a.X + (probe.Y - a.Y) / (b.Y - a.Y) * (b.X - a.X)) inside = !inside;
        }
        return inside;
    }

    private static double Attribute(XElement element, string name) => double.Parse((string)element.Attribute(name)!, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"translate\(\s*(-?[0-9.]+)[ ,]+(-?[0-9.]+)\s*\)")]
    private static partial Regex TranslatePattern();

    [GeneratedRegex(@"([ML])\s*(-?[0-9.]+(?:e-?[0-9]+)?)[ ,]+(-?[0-9.]+(?:e-?[0-9]+)?)")]
    private static partial Regex CommandPattern();
}
