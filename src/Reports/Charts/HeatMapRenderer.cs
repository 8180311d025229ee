using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static LocalSgdVerify.Reports.Charts.SvgElements;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>
/// Draws a <see cref="HeatMapChart"/> as a standalone SVG 1.1 document: one &lt;rect class="cell"&gt; per cell (with
/// data-x, data-y, data-value and a &lt;title&gt; tooltip), ticks at the grid's own values, the overlay lines with a
/// white halo so they read on dark and light cells, a legend of the lines under the plot, and a colour bar. Colours
/// follow viridis (perceptually uniform, colour-blind safe). Deterministic like <see cref="ChartRenderer"/>: two
/// decimals, "\n" line ends, ids from the content's hash unless the options give a prefix.
/// </summary>
public static class HeatMapRenderer
{
    private const double Left = 72, Right = 118, Top = 40, Bottom = 74, BarWidth = 14;
    private const string TextColor = "#222222", MissingColor = "#cccccc";

    // viridis at 0, 1/8, ..., 1 (matplotlib's colormap, sampled).
    private static readonly (double R, double G, double B)[] Viridis =
    [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141), (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ];

    private static readonly string[] Dashes = ["none", "6 4", "2 3", "8 3 2 3"];

    /// <summary>The heat map as SVG (with the XML declaration unless the options leave it out).</summary>
    /// <exception cref="ArgumentException">The description is malformed (see <see cref="HeatMapChart.Problem"/>).</exception>
    public static string RenderSvg(HeatMapChart chart, ChartRenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(options);
        if (chart.Problem() is { } problem) throw new ArgumentException($"heat map '{chart.Title}': {problem}", nameof(chart));
        string id = options.IdPrefix ?? IdPrefix(chart);
        double width = chart.Size.Width, height = chart.Size.Height;
        // A long title wraps onto more lines (never shortened); the plot moves down by the extra lines.
        IReadOnlyList<string> titleLines = TextMetrics.Wrap(TextMetrics.Clean(chart.Title), 13, width - 20);
        double titleExtra = 16 * (titleLines.Count - 1);
        double plotLeft = Left, plotTop = Top + titleExtra, plotWidth = width - Left - Right, plotHeight = height - Top - Bottom - titleExtra;
        var xEdges = Edges(chart.X, chart.XAxis.Scale);
        var yEdges = Edges(chart.Y, chart.YAxis.Scale);
        var xScale = new AxisScale(chart.XAxis.Scale, xEdges[0], xEdges[^1], plotLeft, plotLeft + plotWidth);
        var yScale = new AxisScale(chart.YAxis.Scale, yEdges[0], yEdges[^1], plotTop + plotHeight, plotTop);
        var finite = chart.Values.SelectMany(row => row).Where(v => double.IsFinite(v) && (chart.ValueScale == ScaleKind.Linear || v > 0)).ToList();
        double low = finite.Count > 0 ? finite.Min() : 0, high = finite.Count > 0 ? finite.Max() : 1;
        if (!(high > low)) { low = chart.ValueScale == ScaleKind.Log10 ? low / 2 : low - 0.5; high = chart.ValueScale == ScaleKind.Log10 ? high * 2 : high + 0.5; }
        var valueScale = new AxisScale(chart.ValueScale, low, high, plotTop + plotHeight, plotTop);
        int missing = chart.Values.SelectMany(row => row).Count() - finite.Count;

        var root = Element("svg",
            new XAttribute("version", "1.1"),
            new XAttribute("width", chart.Size.Width.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("height", chart.Size.Height.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("viewBox", $"0 0 {chart.Size.Width.ToString(CultureInfo.InvariantCulture)} {chart.Size.Height.ToString(CultureInfo.InvariantCulture)}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "11"), new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"), new XAttribute("class", "chart heat-map"), new XAttribute("data-chart-id", id),
            Element("title", new XAttribute("id", id + "-title"), TextMetrics.Clean(chart.Title)),
            Element("desc", new XAttribute("id", id + "-desc"), Description(chart, low, high, missing)),
            Element("rect", new XAttribute("class", "background"), new XAttribute("x", "0"), new XAttribute("y", "0"),
                new XAttribute("width", chart.Size.Width.ToString(CultureInfo.InvariantCulture)), new XAttribute("height", chart.Size.Height.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("fill", "#ffffff")),
            titleLines.Select((line, index) => Element("text", new XAttribute("class", "chart-title"), Number("x", width / 2), Number("y", 22 + (16 * index)),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "13"), new XAttribute("font-weight", "bold"), new XAttribute("fill", TextColor), line)));

        var cells = Element("g", new XAttribute("class", "cells"), new XAttribute("shape-rendering", "crispEdges"));
        for (int row = 0; row < chart.Y.Length; row++)
        {
            for (int column = 0; column < chart.X.Length; column++)
            {
                double value = chart.Values[row][column];
                bool shown = double.IsFinite(value) && (chart.ValueScale == ScaleKind.Linear || value > 0);
                double x0 = xScale.ToPixel(xEdges[column]), x1 = xScale.ToPixel(xEdges[column + 1]);
                double y0 = yScale.ToPixel(yEdges[row + 1]), y1 = yScale.ToPixel(yEdges[row]);
                cells.Add(Element("rect", new XAttribute("class", "cell"), Number("x", x0), Number("y", y0), Number("width", x1 - x0), Number("height", y1 - y0),
                    new XAttribute("fill", shown ? Color(Math.Clamp(valueScale.Fraction(value), 0, 1)) : MissingColor),
                    new XAttribute("data-x", Text(chart.X[column])), new XAttribute("data-y", Text(chart.Y[row])), new XAttribute("data-value", Text(value)),
                    Element("title", $"{chart.XAxis.DisplayText} = {Text(chart.X[column])}, {chart.YAxis.DisplayText} = {Text(chart.Y[row])}: {chart.ValueLabel} = {Text(value)}")));
            }
        }
        root.Add(cells);
        root.Add(Element("rect", new XAttribute("class", "plot-frame"), Number("x", plotLeft), Number("y", plotTop), Number("width", plotWidth), Number("height", plotHeight),
            new XAttribute("fill", "none"), new XAttribute("stroke", "#333333"), new XAttribute("stroke-width", "1")));

        for (int index = 0; index < chart.Lines.Length; index++) root.Add(Line(chart.Lines[index], index, xScale, yScale, xEdges, yEdges));

        var ticks = Element("g", new XAttribute("class", "ticks"), new XAttribute("fill", TextColor));
        foreach (double x in Thinned(chart.X, plotWidth / 34))
            ticks.Add(Element("text", Number("x", xScale.ToPixel(x)), Number("y", plotTop + plotHeight + 15), new XAttribute("text-anchor", "middle"), TickLabelFormatter.Format(x)));
        foreach (double y in Thinned(chart.Y, plotHeight / 16))
            ticks.Add(Element("text", Number("x", plotLeft - 6), Number("y", yScale.ToPixel(y) + 4), new XAttribute("text-anchor", "end"), TickLabelFormatter.Format(y)));
        ticks.Add(Element("text", new XAttribute("class", "axis-label"), Number("x", plotLeft + plotWidth / 2), Number("y", plotTop + plotHeight + 32), new XAttribute("text-anchor", "middle"),
            TextMetrics.Clean(chart.XAxis.DisplayText)));
        ticks.Add(Element("text", new XAttribute("class", "axis-label"), new XAttribute("transform", $"translate({SvgNumber.Format(16)},{SvgNumber.Format(plotTop + plotHeight / 2)}) rotate(-90)"),
            new XAttribute("text-anchor", "middle"), TextMetrics.Clean(chart.YAxis.DisplayText)));
        root.Add(ticks);

        root.Add(Legend(chart, plotLeft, plotTop + plotHeight + 50, plotWidth, missing));
        root.Add(ColourBar(chart, valueScale, plotLeft + plotWidth + 18, plotTop, plotHeight));

        var text = new StringBuilder();
        if (options.IncludeXmlDeclaration) text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        return XmlOutput.AppendIndented(text, root).ToString();
    }

    /// <summary>The colour of a fraction 0..1 of the value scale (viridis, linear between its sampled stops).</summary>
    public static string Color(double fraction)
    {
        double position = Math.Clamp(fraction, 0, 1) * (Viridis.Length - 1);
        int index = Math.Min((int)Math.Floor(position), Viridis.Length - 2);
        double t = position - index;
        var (r0, g0, b0) = Viridis[index];
        var (r1, g1, b1) = Viridis[index + 1];
        int Channel(double a, double b) => (int)Math.Round(a + (b - a) * t, MidpointRounding.AwayFromZero);
        return $"#{Channel(r0, r1):x2}{Channel(g0, g1):x2}{Channel(b0, b1):x2}";
    }

    // Cell edges: midpoints between neighbours on the axis's scale; the outer edges half a spacing out (a single value gets ±half a decade or ±0.5).
    private static double[] Edges(ImmutableArray<double> values, ScaleKind scale)
    {
        Func<double, double> to = scale == ScaleKind.Log10 ? Math.Log10 : v => v;
        Func<double, double> from = scale == ScaleKind.Log10 ? v => Math.Pow(10, v) : v => v;
        var units = values.Select(to).ToArray();
        var edges = new double[units.Length + 1];
        double first = units.Length > 1 ? units[1] - units[0] : scale == ScaleKind.Log10 ? 1 : 1;
        double last = units.Length > 1 ? units[^1] - units[^2] : first;
        edges[0] = from(units[0] - first / 2);
        for (int i = 1; i < units.Length; i++) edges[i] = from((units[i - 1] + units[i]) / 2);
        edges[^1] = from(units[^1] + last / 2);
        return edges;
    }

    private static IEnumerable<double> Thinned(ImmutableArray<double> values, double room)
    {
        int every = Math.Max(1, (int)Math.Ceiling(values.Length / Math.Max(1, room)));
        return values.Where((_, i) => i % every == 0);
    }

    private static XElement Line(HeatMapLine line, int index, AxisScale xScale, AxisScale yScale, double[] xEdges, double[] yEdges)
    {
        var points = new List<string>();
        for (int i = 0; i < line.X.Length; i++)
        {
            double x = line.X[i], y = line.Y[i];
            if (!xScale.CanMap(x) || !yScale.CanMap(y)) continue;
            x = Math.Clamp(x, xEdges[0], xEdges[^1]);
            y = Math.Clamp(y, yEdges[0], yEdges[^1]);
            points.Add($"{SvgNumber.Format(xScale.ToPixel(x))},{SvgNumber.Format(yScale.ToPixel(y))}");
        }
        string path = string.Join(" ", points);
        string dash = Dashes[index % Dashes.Length];
        return Element("g", new XAttribute("class", "overlay"), new XAttribute("data-line", line.Name),
            Element("polyline", new XAttribute("points", path), new XAttribute("fill", "none"), new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "4")),
            Element("polyline", new XAttribute("points", path), new XAttribute("fill", "none"), new XAttribute("stroke", "#000000"), new XAttribute("stroke-width", "2"),
                dash == "none" ? null : new XAttribute("stroke-dasharray", dash)));
    }

    private static XElement Legend(HeatMapChart chart, double left, double baseline, double width, int missing)
    {
        var legend = Element("g", new XAttribute("class", "legend"), new XAttribute("fill", TextColor));
        double x = left;
        for (int index = 0; index < chart.Lines.Length; index++)
        {
            string dash = Dashes[index % Dashes.Length];
            // Full names, side by side; an entry that would run past the plot's width starts a new row.
            string name = TextMetrics.Clean(chart.Lines[index].Name);
            double entryWidth = 40 + TextMetrics.Width(name, 11);
            if (x > left && x + entryWidth - 9 > left + width)
            {
                x = left;
                baseline += 15;
            }
            legend.Add(Element("g", new XAttribute("data-legend", chart.Lines[index].Name),
                Element("line", Number("x1", x), Number("y1", baseline - 4), Number("x2", x + 26), Number("y2", baseline - 4), new XAttribute("stroke", "#000000"), new XAttribute("stroke-width", "2"),
                    dash == "none" ? null : new XAttribute("stroke-dasharray", dash)),
                Element("text", Number("x", x + 31), Number("y", baseline), name)));
            x += entryWidth;
        }
        if (missing > 0)
            legend.Add(Element("text", new XAttribute("class", "note"), Number("x", left), Number("y", baseline + 16), new XAttribute("fill", "#555555"),
                $"{missing} cell{(missing == 1 ? "" : "s")} without a value shown grey"));
        return legend;
    }

    private static XElement ColourBar(HeatMapChart chart, AxisScale valueScale, double left, double top, double height)
    {
        const int Steps = 48;
        var bar = Element("g", new XAttribute("class", "colour-bar"), new XAttribute("data-minimum", Text(valueScale.Minimum)), new XAttribute("data-maximum", Text(valueScale.Maximum)));
        for (int i = 0; i < Steps; i++)
        {
            double y0 = top + height * (Steps - i - 1) / Steps;
            bar.Add(Element("rect", Number("x", left), Number("y", y0), Number("width", BarWidth), Number("height", height / Steps + 0.5),
                new XAttribute("fill", Color((i + 0.5) / Steps))));
        }
        bar.Add(Element("rect", Number("x", left), Number("y", top), Number("width", BarWidth), Number("height", height), new XAttribute("fill", "none"), new XAttribute("stroke", "#333333")));
        var ticks = TickGenerator.For(chart.ValueScale, valueScale.Minimum, valueScale.Maximum);
        foreach (double tick in ticks.Major.Where(t => t >= valueScale.Minimum && t <= valueScale.Maximum))
        {
            double y = valueScale.ToPixel(tick);
            bar.Add(Element("line", Number("x1", left + BarWidth), Number("y1", y), Number("x2", left + BarWidth + 4), Number("y2", y), new XAttribute("stroke", "#333333")));
            bar.Add(Element("text", Number("x", left + BarWidth + 6), Number("y", y + 4), new XAttribute("fill", TextColor), TickLabelFormatter.Format(tick)));
        }
        bar.Add(Element("text", new XAttribute("class", "axis-label"), new XAttribute("transform", $"translate({SvgNumber.Format(left + BarWidth + 52)},{SvgNumber.Format(top + height / 2)}) rotate(90)"),
            new XAttribute("text-anchor", "middle"), new XAttribute("fill", TextColor), TextMetrics.Clean(chart.ValueLabel)));
        return bar;
    }

    private static string Description(HeatMapChart chart, double low, double high, int missing) =>
        TextMetrics.Clean($"Heat map of {chart.ValueLabel} over {chart.XAxis.DisplayText} ({chart.X.Length} columns, {Text(chart.X[0])} to {Text(chart.X[^1])}) and {chart.YAxis.DisplayText} ({chart.Y.Length} rows, {Text(chart.Y[0])} to {Text(chart.Y[^1])}); " +
            $"{(chart.ValueScale == ScaleKind.Log10 ? "log" : "linear")} colour scale from {Text(low)} to {Text(high)}" +
            (chart.Lines.Length > 0 ? $"; lines: {string.Join(", ", chart.Lines.Select(l => l.Name))}" : "") + (missing > 0 ? $"; {missing} cells without a value" : "") + ".");

    private static string Text(double value) => TickLabelFormatter.Format(value);

    private static string IdPrefix(HeatMapChart chart)
    {
        ulong hash = 14695981039346656037;
        void Add(string text) { foreach (char c in text) { hash ^= c; hash *= 1099511628211; } }
        void AddNumber(double value) { hash ^= (ulong)BitConverter.DoubleToInt64Bits(value); hash *= 1099511628211; }
        Add(chart.Title); Add(chart.ValueLabel); Add(chart.XAxis.DisplayText); Add(chart.YAxis.DisplayText);
        foreach (double v in chart.X) AddNumber(v);
        foreach (double v in chart.Y) AddNumber(v);
        foreach (var row in chart.Values) foreach (double v in row) AddNumber(v);
        foreach (var line in chart.Lines) { Add(line.Name); foreach (double v in line.X.Concat(line.Y)) AddNumber(v); }
        return "heat-" + (hash & 0xFFFFFFFF).ToString("x8", CultureInfo.InvariantCulture);
    }
}
