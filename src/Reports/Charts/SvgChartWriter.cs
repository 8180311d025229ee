using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static LocalSgdVerify.Reports.Charts.SvgElements;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>Turns a plan and its layout into the SVG element tree.</summary>
internal static class SvgChartWriter
{
    private const string FrameColor = "#333333";
    private const string GridColor = "#e2e2e2";
    private const string MinorGridColor = "#f2f2f2";
    private const string TextColor = "#222222";
    private const string NoteColor = "#555555";

    public static XElement Build(ChartPlan plan, ChartLayout layout, string idPrefix)
    {
        Chart chart = plan.Chart;
        PlotFrame frame = layout.Frame;
        string clipId = idPrefix + "-clip";
        var root = Element("svg",
            new XAttribute("version", "1.1"),
            new XAttribute("width", chart.Size.Width.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("height", chart.Size.Height.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("viewBox", $"0 0 {chart.Size.Width.ToString(CultureInfo.InvariantCulture)} {chart.Size.Height.ToString(CultureInfo.InvariantCulture)}"),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", "11"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{idPrefix}-title {idPrefix}-desc"),
            new XAttribute("class", "chart"),
            new XAttribute("data-chart-id", idPrefix),
            Element("title", new XAttribute("id", idPrefix + "-title"), TextMetrics.Clean(chart.Title)),
            Element("desc", new XAttribute("id", idPrefix + "-desc"), Description(plan)),
            Element("defs",
                Element("clipPath", new XAttribute("id", clipId),
                    Element("rect", Number("x", frame.Left), Number("y", frame.Top),
                        Number("width", frame.Width), Number("height", frame.Height)))),
            Element("rect", new XAttribute("class", "background"), new XAttribute("x", "0"), new XAttribute("y", "0"),
                new XAttribute("width", chart.Size.Width.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("height", chart.Size.Height.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("fill", "#ffffff")));

        for (int line = 0; line < layout.TitleLines.Count; line++)
        {
            root.Add(Element("text", new XAttribute("class", "chart-title"), Number("x", chart.Size.Width / 2.0),
                Number("y", ChartLayout.TitleBaseline + (ChartLayout.TitleLineHeight * line)), new XAttribute("text-anchor", "middle"),
                Number("font-size", layout.TitleSize), new XAttribute("font-weight", "bold"),
                new XAttribute("fill", TextColor), layout.TitleLines[line]));
        }

        if (plan.HasData && layout.XScale is not null && layout.YScale is not null)
        {
            root.Add(Grid(plan, layout));
        }

        root.Add(Element("rect", new XAttribute("class", "plot-frame"), Number("x", frame.Left), Number("y", frame.Top),
            Number("width", frame.Width), Number("height", frame.Height), new XAttribute("fill", "none"),
            new XAttribute("stroke", FrameColor), new XAttribute("stroke-width", "1")));
        root.Add(AxisLabels(layout));

        if (plan.HasData && layout.XScale is not null && layout.YScale is not null)
        {
            root.Add(XAxis(plan, layout));
            root.Add(YAxis(plan, layout));
            root.Add(ReferenceLines(plan, frame, clipId));
            for (int index = 0; index < plan.Series.Count; index++)
            {
                root.Add(SeriesGroup(chart.Series[index], index, plan.Series[index], plan.SeriesStyles[index], frame, clipId));
            }

            if (plan.Annotations.Count > 0)
            {
                root.Add(Annotations(plan, frame));
            }

            if (layout.HasLegend)
            {
                root.Add(Legend(plan, layout));
            }
        }
        else
        {
            // Empty groups keep "one element per series" true, so a page can still find every series by name.
            for (int index = 0; index < chart.Series.Length; index++)
            {
                root.Add(SeriesGroup(chart.Series[index], index, new SeriesGeometry(), plan.SeriesStyles[index], frame, clipId));
            }

            root.Add(Element("text", new XAttribute("class", "no-data"), Number("x", frame.Left + (frame.Width / 2)),
                Number("y", frame.Top + (frame.Height / 2)), new XAttribute("text-anchor", "middle"),
                new XAttribute("font-size", "14"), new XAttribute("fill", NoteColor), "no data"));
        }

        if (layout.NoteLines.Count > 0)
        {
            var notes = Element("g", new XAttribute("class", "notes"), new XAttribute("fill", NoteColor),
                Number("font-size", ChartLayout.NoteFontSize));
            for (int index = 0; index < layout.NoteLines.Count; index++)
            {
                notes.Add(Element("text", new XAttribute("class", "note"), new XAttribute("x", "8"),
                    Number("y", frame.Bottom + ChartLayout.FirstNoteOffset + (index * ChartLayout.NoteLineHeight)),
                    layout.NoteLines[index]));
            }

            root.Add(notes);
        }

        return root;
    }

    private static XElement Grid(ChartPlan plan, ChartLayout layout)
    {
        PlotFrame frame = layout.Frame;
        AxisScale x = layout.XScale!;
        AxisScale y = layout.YScale!;
        var minor = new StringBuilder();
        var major = new StringBuilder();
        foreach (double tick in plan.XTicks!.Minor)
        {
            minor.Append($"M{SvgNumber.Format(x.ToPixel(tick))} {SvgNumber.Format(frame.Top)} V{SvgNumber.Format(frame.Bottom)} ");
        }

        foreach (double tick in plan.YTicks!.Minor)
        {
            minor.Append($"M{SvgNumber.Format(frame.Left)} {SvgNumber.Format(y.ToPixel(tick))} H{SvgNumber.Format(frame.Right)} ");
        }

        foreach (double tick in plan.XTicks.Major)
        {
            major.Append($"M{SvgNumber.Format(x.ToPixel(tick))} {SvgNumber.Format(frame.Top)} V{SvgNumber.Format(frame.Bottom)} ");
        }

        foreach (double tick in plan.YTicks.Major)
        {
            major.Append($"M{SvgNumber.Format(frame.Left)} {SvgNumber.Format(y.ToPixel(tick))} H{SvgNumber.Format(frame.Right)} ");
        }

        var grid = Element("g", new XAttribute("class", "grid"), new XAttribute("fill", "none"),
            new XAttribute("stroke-width", "1"), new XAttribute("shape-rendering", "crispEdges"));
        if (minor.Length > 0)
        {
            grid.Add(Element("path", new XAttribute("class", "grid-minor"), new XAttribute("stroke", MinorGridColor),
                new XAttribute("d", minor.ToString().TrimEnd())));
        }

        if (major.Length > 0)
        {
            grid.Add(Element("path", new XAttribute("class", "grid-major"), new XAttribute("stroke", GridColor),
                new XAttribute("d", major.ToString().TrimEnd())));
        }

        return grid;
    }

    private static XElement XAxis(ChartPlan plan, ChartLayout layout)
    {
        PlotFrame frame = layout.Frame;
        return Axis("x-axis", "middle", plan.XTicks!, layout.XScale!, layout.XLabelEvery, layout.XTickLabels,
            (pixel, length) => $"M{SvgNumber.Format(pixel)} {SvgNumber.Format(frame.Bottom)} v{SvgNumber.Format(length)} ",
            pixel => [Number("x", pixel), Number("y", frame.Bottom + ChartLayout.XTickLabelOffset)]);
    }

    private static XElement YAxis(ChartPlan plan, ChartLayout layout)
    {
        PlotFrame frame = layout.Frame;
        // 0.35 em below the tick centres the digits on it; dominant-baseline is not honoured everywhere.
        return Axis("y-axis", "end", plan.YTicks!, layout.YScale!, layout.YLabelEvery, layout.YTickLabels,
            (pixel, length) => $"M{SvgNumber.Format(frame.Left)} {SvgNumber.Format(pixel)} h{SvgNumber.Format(-length)} ",
            pixel => [Number("x", frame.Left - ChartLayout.MajorTickLength - 3), Number("y", pixel + (0.35 * ChartLayout.TickFontSize))]);
    }

    // One axis: a tick mark (path text for a pixel and a length) at every minor and major tick, and the label of every
    // labelEvery-th major tick at the position labelPosition gives.
    private static XElement Axis(string className, string anchor, TickSet ticks, AxisScale scale, int labelEvery, IReadOnlyList<string> labels,
        Func<double, double, string> tickMark, Func<double, XAttribute[]> labelPosition)
    {
        var marks = new StringBuilder();
        var group = Element("g", new XAttribute("class", className), new XAttribute("fill", TextColor),
            new XAttribute("text-anchor", anchor));
        foreach (double tick in ticks.Minor)
        {
            marks.Append(tickMark(scale.ToPixel(tick), ChartLayout.MinorTickLength));
        }

        for (int index = 0; index < ticks.Major.Length; index++)
        {
            double pixel = scale.ToPixel(ticks.Major[index]);
            marks.Append(tickMark(pixel, ChartLayout.MajorTickLength));
            if (index % labelEvery == 0)
            {
                group.Add(Element("text", [new XAttribute("class", "tick-label"), .. labelPosition(pixel), labels[index]]));
            }
        }

        group.AddFirst(Element("path", new XAttribute("class", "ticks"), new XAttribute("stroke", FrameColor),
            new XAttribute("fill", "none"), new XAttribute("d", marks.ToString().TrimEnd())));
        return group;
    }

    private static XElement AxisLabels(ChartLayout layout)
    {
        PlotFrame frame = layout.Frame;
        double yCenter = frame.Top + (frame.Height / 2);
        return Element("g", new XAttribute("class", "axis-labels"), new XAttribute("fill", TextColor),
            Number("font-size", ChartLayout.AxisLabelFontSize), new XAttribute("text-anchor", "middle"),
            Element("text", new XAttribute("class", "axis-label x-axis-label"), Number("x", frame.Left + (frame.Width / 2)),
                Number("y", frame.Bottom + ChartLayout.XAxisLabelOffset), layout.XAxisText),
            Element("text", new XAttribute("class", "axis-label y-axis-label"), Number("x", layout.YAxisLabelX),
                Number("y", yCenter),
                new XAttribute("transform", $"rotate(-90 {SvgNumber.Format(layout.YAxisLabelX)} {SvgNumber.Format(yCenter)})"),
                layout.YAxisText));
    }

    private static XElement ReferenceLines(ChartPlan plan, PlotFrame frame, string clipId)
    {
        var group = Element("g", new XAttribute("class", "reference-lines"), new XAttribute("clip-path", $"url(#{clipId})"),
            new XAttribute("fill", "none"));
        for (int index = 0; index < plan.References.Count; index++)
        {
            if (plan.References[index].Count == 0)
            {
                continue;
            }

            ResolvedStyle style = plan.ReferenceStyles[index];
            group.Add(Element("path", new XAttribute("class", "reference-line"),
                new XAttribute("data-reference", TextMetrics.Clean(plan.Chart.ReferenceLines[index].Label)),
                new XAttribute("stroke", style.Color), new XAttribute("stroke-width", "1.5"),
                style.DashArray is null ? null : new XAttribute("stroke-dasharray", style.DashArray),
                new XAttribute("d", PathData(ToPixels(plan.References[index], frame), close: false))));
        }

        return group;
    }

    private static XElement SeriesGroup(
        Series series, int index, SeriesGeometry geometry, ResolvedStyle style, PlotFrame frame, string clipId)
    {
        var group = Element("g",
            new XAttribute("class", $"series series-{index.ToString(CultureInfo.InvariantCulture)} series-{KindName(series.Kind)}"),
            new XAttribute("data-series", TextMetrics.Clean(series.Name)),
            new XAttribute("data-series-index", index.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("clip-path", $"url(#{clipId})"));

        if (geometry.Bands.Count > 0)
        {
            group.Add(Element("path", new XAttribute("class", "band"), new XAttribute("fill", style.Color),
                new XAttribute("fill-opacity", "0.2"), new XAttribute("stroke", "none"),
                new XAttribute("d", PathData(ToPixels(geometry.Bands, frame), close: true))));
        }

        if (geometry.Lines.Count > 0)
        {
            group.Add(Element("path", new XAttribute("class", "line"), new XAttribute("fill", "none"),
                new XAttribute("stroke", style.Color), new XAttribute("stroke-width", "2"),
                new XAttribute("stroke-linejoin", "round"), new XAttribute("stroke-linecap", "round"),
                style.DashArray is null ? null : new XAttribute("stroke-dasharray", style.DashArray),
                new XAttribute("d", PathData(ToPixels(geometry.Lines, frame), close: false))));
        }

        if (geometry.Bars.Count > 0)
        {
            var bars = new StringBuilder();
            foreach (ErrorBarGeometry bar in geometry.Bars)
            {
                PlotPoint start = frame.ToPixel(bar.Start);
                PlotPoint end = frame.ToPixel(bar.End);
                bars.Append($"M{SvgNumber.Format(start.X)} {SvgNumber.Format(start.Y)} V{SvgNumber.Format(end.Y)} ");
                if (bar.CapAtStart)
                {
                    bars.Append($"M{SvgNumber.Format(start.X - 3)} {SvgNumber.Format(start.Y)} h6 ");
                }

                if (bar.CapAtEnd)
                {
                    bars.Append($"M{SvgNumber.Format(end.X - 3)} {SvgNumber.Format(end.Y)} h6 ");
                }
            }

            group.Add(Element("path", new XAttribute("class", "error-bars"), new XAttribute("fill", "none"),
                new XAttribute("stroke", style.Color), new XAttribute("stroke-width", "1.3"),
                new XAttribute("d", bars.ToString().TrimEnd())));
        }

        if (geometry.Markers.Count > 0)
        {
            var markers = Element("g", new XAttribute("class", "markers"), new XAttribute("fill", style.Color),
                new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "0.8"));
            foreach (PlotPoint point in geometry.Markers)
            {
                PlotPoint pixel = frame.ToPixel(point);
                markers.Add(Marker(style.Marker, pixel.X, pixel.Y, style.Color));
            }

            group.Add(markers);
        }

        return group;
    }

    private static XElement Annotations(ChartPlan plan, PlotFrame frame)
    {
        var group = Element("g", new XAttribute("class", "annotations"), new XAttribute("fill", TextColor));
        foreach ((Annotation annotation, PlotPoint point) in plan.Annotations)
        {
            PlotPoint pixel = frame.ToPixel(point);
            bool rightHalf = pixel.X > frame.Left + (frame.Width / 2);
            bool nearTop = pixel.Y - 8 < frame.Top + ChartLayout.TickFontSize;
            group.Add(Element("g", new XAttribute("class", "annotation"),
                Element("circle", Number("cx", pixel.X), Number("cy", pixel.Y), new XAttribute("r", "3"),
                    new XAttribute("fill", "none"), new XAttribute("stroke", FrameColor)),
                Element("text", Number("x", pixel.X + (rightHalf ? -6 : 6)), Number("y", pixel.Y + (nearTop ? 15 : -7)),
                    new XAttribute("text-anchor", rightHalf ? "end" : "start"), TextMetrics.Clean(annotation.Text))));
        }

        return group;
    }

    private static XElement Legend(ChartPlan plan, ChartLayout layout)
    {
        (double x, double y) = layout.LegendOrigin;
        var legend = Element("g", new XAttribute("class", "legend"), new XAttribute("data-corner", CornerName(layout.LegendCorner)),
            new XAttribute("transform", $"translate({SvgNumber.Format(x)} {SvgNumber.Format(y)})"),
            Element("rect", new XAttribute("x", "0"), new XAttribute("y", "0"), Number("width", layout.LegendWidth),
                Number("height", layout.LegendHeight), new XAttribute("rx", "3"), new XAttribute("fill", "#ffffff"),
                new XAttribute("fill-opacity", "0.92"), new XAttribute("stroke", "#bbbbbb")));
        const double SwatchLeft = LegendPlacement.Padding;
        const double SwatchRight = LegendPlacement.Padding + LegendPlacement.SwatchWidth;
        const double SwatchMiddle = (SwatchLeft + SwatchRight) / 2;
        for (int index = 0; index < plan.LegendEntries.Count; index++)
        {
            LegendEntry entry = plan.LegendEntries[index];
            double rowMiddle = LegendPlacement.RowTop(layout.LegendTexts, index) + 6;
            var row = Element("g", new XAttribute("class", "legend-entry"), new XAttribute("data-legend", entry.Text));
            string color = entry.Style.Color;
            XAttribute? dash = entry.Style.DashArray is null ? null : new XAttribute("stroke-dasharray", entry.Style.DashArray);
            XElement SwatchLine(string width) => Element("path", new XAttribute("fill", "none"), new XAttribute("stroke", color),
                new XAttribute("stroke-width", width), dash,
                new XAttribute("d", $"M{SvgNumber.Format(SwatchLeft)} {SvgNumber.Format(rowMiddle)} H{SvgNumber.Format(SwatchRight)}"));
            XElement SwatchMarker() => Element("g", new XAttribute("fill", color), new XAttribute("stroke", "#ffffff"),
                new XAttribute("stroke-width", "0.8"), Marker(entry.Style.Marker, SwatchMiddle, rowMiddle, color));

            if (entry.WithBand)
            {
                row.Add(Element("rect", Number("x", SwatchLeft), Number("y", rowMiddle - 5),
                    Number("width", LegendPlacement.SwatchWidth), new XAttribute("height", "10"),
                    new XAttribute("fill", color), new XAttribute("fill-opacity", "0.3")));
            }

            switch (entry.Kind)
            {
                case null:
                    row.Add(SwatchLine("1.5"));
                    break;
                case SeriesKind.Line:
                    row.Add(SwatchLine("2"));
                    break;
                case SeriesKind.LineWithMarkers:
                    row.Add(SwatchLine("2"), SwatchMarker());
                    break;
                case SeriesKind.Scatter:
                    row.Add(SwatchMarker());
                    break;
                case SeriesKind.ErrorBand:
                    row.Add(Element("rect", Number("x", SwatchLeft), Number("y", rowMiddle - 5),
                        Number("width", LegendPlacement.SwatchWidth), new XAttribute("height", "10"),
                        new XAttribute("fill", color), new XAttribute("fill-opacity", "0.3")));
                    break;
                case SeriesKind.ErrorBars:
                    row.Add(Element("path", new XAttribute("fill", "none"), new XAttribute("stroke", color),
                        new XAttribute("stroke-width", "1.3"),
                        new XAttribute("d", $"M{SvgNumber.Format(SwatchMiddle)} {SvgNumber.Format(rowMiddle - 6)} V{SvgNumber.Format(rowMiddle + 6)} "
                            + $"M{SvgNumber.Format(SwatchMiddle - 3)} {SvgNumber.Format(rowMiddle - 6)} h6 "
                            + $"M{SvgNumber.Format(SwatchMiddle - 3)} {SvgNumber.Format(rowMiddle + 6)} h6")),
                        SwatchMarker());
                    break;
            }

            IReadOnlyList<string> lines = layout.LegendTexts[index];
            for (int line = 0; line < lines.Count; line++)
            {
                row.Add(Element("text", Number("x", SwatchRight + LegendPlacement.SwatchGap),
                    Number("y", rowMiddle + (0.35 * LegendPlacement.FontSize) + (LegendPlacement.ContinuationLineHeight * line)),
                    new XAttribute("fill", TextColor), lines[line]));
            }

            legend.Add(row);
        }

        return legend;
    }

    private static string Description(ChartPlan plan)
    {
        Chart chart = plan.Chart;
        var text = new StringBuilder();
        string title = TextMetrics.Clean(chart.Title);
        text.Append(title.Length > 0 ? $"Chart: {title}. " : "Chart. ");
        if (!plan.HasData)
        {
            text.Append("No data to draw. ");
        }

        text.Append(AxisDescription("Horizontal", chart.XAxis, plan.HasData ? plan.XRange : null));
        text.Append(AxisDescription("Vertical", chart.YAxis, plan.HasData ? plan.YRange : null));
        if (chart.Series.Length > 0)
        {
            text.Append("Series: ")
                .Append(string.Join("; ", chart.Series.Select(series =>
                    $"{TextMetrics.Clean(series.Name)} ({KindName(series.Kind)}, {series.X.Length.ToString(CultureInfo.InvariantCulture)} points)")))
                .Append(". ");
        }

        if (chart.ReferenceLines.Length > 0)
        {
            text.Append("Reference lines: ")
                .Append(string.Join("; ", chart.ReferenceLines.Select(line => TextMetrics.Clean(line.Label))))
                .Append(". ");
        }

        if (plan.Notes.Count > 0)
        {
            text.Append("Notes: ").Append(string.Join("; ", plan.Notes)).Append('.');
        }

        return text.ToString().TrimEnd();
    }

    private static string AxisDescription(string which, Axis axis, AxisRange? range)
    {
        string scale = axis.Scale == ScaleKind.Linear ? "linear" : "logarithmic";
        string extent = range is { } shown
            ? $" from {TickLabelFormatter.Brief(shown.Minimum)} to {TickLabelFormatter.Brief(shown.Maximum)}"
            : string.Empty;
        return $"{which} axis: {TextMetrics.Clean(axis.DisplayText)}, {scale} scale{extent}. ";
    }

    private static IEnumerable<IReadOnlyList<PlotPoint>> ToPixels(IEnumerable<List<PlotPoint>> pieces, PlotFrame frame) =>
        pieces.Select(piece => (IReadOnlyList<PlotPoint>)piece.Select(frame.ToPixel).ToList());

    private static string KindName(SeriesKind kind) => kind switch
    {
        SeriesKind.Line => "line",
        SeriesKind.Scatter => "scatter",
        SeriesKind.LineWithMarkers => "line-markers",
        SeriesKind.ErrorBand => "band",
        _ => "error-bars",
    };

    private static string CornerName(LegendCorner corner) => corner switch
    {
        LegendCorner.TopRight => "top-right",
        LegendCorner.TopLeft => "top-left",
        LegendCorner.BottomRight => "bottom-right",
        LegendCorner.BottomLeft => "bottom-left",
        LegendCorner.OutsideBottom => "outside-bottom",
        _ => "outside-right",
    };
}
