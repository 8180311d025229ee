namespace LocalSgdVerify.Reports.Charts;

/// <summary>Pixel positions of every part of the chart, derived from the plan and the size alone.</summary>
/// <remarks>Widths come from <see cref="TextMetrics"/> estimates. The plot frame has integer edges so that axis range
/// ends map onto them exactly. Notes take lines under the x-axis label but never squeeze the plot below 45 % of the
/// height; the rest are summarised in one line and kept in the SVG description.</remarks>
internal sealed class ChartLayout
{
    public const double TitleFontSize = 15;
    public const double SmallTitleFontSize = 13;
    public const double AxisLabelFontSize = 12;
    public const double TickFontSize = 11;
    public const double NoteFontSize = 11;
    public const double NoteLineHeight = 14;
    public const double MajorTickLength = 5;
    public const double MinorTickLength = 3;
    public const double TitleBaseline = 23;
    public const double XTickLabelOffset = 17;
    public const double XAxisLabelOffset = 36;
    public const double FirstNoteOffset = 54;
    private const double TickLabelGap = 4;
    private const double MinimumPlotHeightFraction = 0.45;
    private const double LegendTextWidthFraction = 0.35;
    private const double MinimumPlotWidthFraction = 0.5;

    public required string TitleText { get; init; }

    public required double TitleSize { get; init; }

    public required PlotFrame Frame { get; init; }

    public required string XAxisText { get; init; }

    public required string YAxisText { get; init; }

    public required double YAxisLabelX { get; init; }

    public required IReadOnlyList<string> NoteLines { get; init; }

    public required IReadOnlyList<string> XTickLabels { get; init; }

    public required IReadOnlyList<string> YTickLabels { get; init; }

    /// <summary>Only every n-th x tick gets its label, so neighbouring labels never touch.</summary>
    public required int XLabelEvery { get; init; }

    /// <summary>Only every n-th y tick gets its label.</summary>
    public required int YLabelEvery { get; init; }

    public required IReadOnlyList<string> LegendTexts { get; init; }

    public required double LegendWidth { get; init; }

    public required double LegendHeight { get; init; }

    public required LegendCorner LegendCorner { get; init; }

    public AxisScale? XScale { get; init; }

    public AxisScale? YScale { get; init; }

    public bool HasLegend => LegendTexts.Count > 0;

    public static ChartLayout Compute(ChartPlan plan)
    {
        ChartLayout inside = Compute(plan, legendOutside: false);
        if (!inside.HasLegend)
        {
            return inside;
        }

        (LegendCorner Corner, int Score)? best =
            LegendPlacement.BestInnerCorner(plan, inside.Frame, inside.LegendWidth, inside.LegendHeight);
        if (best is not { Score: 0 })
        {
            ChartLayout outside = Compute(plan, legendOutside: true);
            if (best is null || outside.Frame.Width >= MinimumPlotWidthFraction * plan.Chart.Size.Width)
            {
                return outside;
            }
        }

        LegendCorner corner = best!.Value.Corner;
        return new ChartLayout
            {
                TitleText = inside.TitleText,
                TitleSize = inside.TitleSize,
                Frame = inside.Frame,
                XAxisText = inside.XAxisText,
                YAxisText = inside.YAxisText,
                YAxisLabelX = inside.YAxisLabelX,
                NoteLines = inside.NoteLines,
                XTickLabels = inside.XTickLabels,
                YTickLabels = inside.YTickLabels,
                XLabelEvery = inside.XLabelEvery,
                YLabelEvery = inside.YLabelEvery,
                LegendTexts = inside.LegendTexts,
                LegendWidth = inside.LegendWidth,
                LegendHeight = inside.LegendHeight,
                LegendCorner = corner,
                XScale = inside.XScale,
                YScale = inside.YScale,
            };
    }

    private static ChartLayout Compute(ChartPlan plan, bool legendOutside)
    {
        Chart chart = plan.Chart;
        double width = chart.Size.Width;
        double height = chart.Size.Height;

        string title = TextMetrics.Clean(chart.Title);
        double titleSize = TextMetrics.Width(title, TitleFontSize) <= width - 20 ? TitleFontSize : SmallTitleFontSize;
        title = TextMetrics.Fit(title, titleSize, width - 20);
        double top = title.Length == 0 ? 14 : 38;

        List<string> legendTexts = plan.HasData
            ? [.. plan.LegendEntries.Select(entry => TextMetrics.Fit(entry.Text, LegendPlacement.FontSize, width * LegendTextWidthFraction))]
            : [];
        (double legendWidth, double legendHeight) = LegendPlacement.Size(legendTexts);

        List<string> xLabels = plan.XTicks is null ? [] : [.. plan.XTicks.Major.Select(TickLabelFormatter.Format)];
        List<string> yLabels = plan.YTicks is null ? [] : [.. plan.YTicks.Major.Select(TickLabelFormatter.Format)];
        double yLabelWidth = yLabels.Count == 0 ? 0 : yLabels.Max(label => TextMetrics.Width(label, TickFontSize));
        string yAxisFull = TextMetrics.Clean(chart.YAxis.DisplayText);
        double yAxisBand = yAxisFull.Length == 0 ? 8 : 24;
        double left = Math.Ceiling(yAxisBand + yLabelWidth + MajorTickLength + TickLabelGap);

        double lastXLabelHalf = xLabels.Count == 0 ? 0 : TextMetrics.Width(xLabels[^1], TickFontSize) / 2;
        double right = Math.Max(16, Math.Ceiling(lastXLabelHalf + 4));
        if (legendOutside)
        {
            right = Math.Max(right, Math.Ceiling(legendWidth + LegendPlacement.OutsideGap + 8));
        }

        List<string> notes = NoteLinesThatFit(plan.Notes, width, height, top);
        double bottom = notes.Count == 0 ? 44 : FirstNoteOffset + (NoteLineHeight * (notes.Count - 1)) + 8;

        var frame = new PlotFrame(left, top, Math.Round(width - right), Math.Round(height - bottom));
        AxisScale? xScale = plan.HasData ? frame.HorizontalScale(chart.XAxis.Scale, plan.XRange) : null;
        AxisScale? yScale = plan.HasData ? frame.VerticalScale(chart.YAxis.Scale, plan.YRange) : null;

        return new ChartLayout
        {
            TitleText = title,
            TitleSize = titleSize,
            Frame = frame,
            XAxisText = TextMetrics.Fit(TextMetrics.Clean(chart.XAxis.DisplayText), AxisLabelFontSize, frame.Width),
            YAxisText = TextMetrics.Fit(yAxisFull, AxisLabelFontSize, frame.Height),
            YAxisLabelX = 16,
            NoteLines = notes,
            XTickLabels = xLabels,
            YTickLabels = yLabels,
            XLabelEvery = LabelStride(plan.XTicks, xScale, xLabels, horizontal: true),
            YLabelEvery = LabelStride(plan.YTicks, yScale, yLabels, horizontal: false),
            LegendTexts = legendTexts,
            LegendWidth = legendWidth,
            LegendHeight = legendHeight,
            LegendCorner = legendOutside ? LegendCorner.OutsideRight : LegendCorner.TopRight,
            XScale = xScale,
            YScale = yScale,
        };
    }

    private static List<string> NoteLinesThatFit(IReadOnlyList<string> notes, double width, double height, double top)
    {
        int fitting = 0;
        while (fitting < notes.Count)
        {
            double bottom = FirstNoteOffset + (NoteLineHeight * fitting) + 8;
            if (height - top - bottom < MinimumPlotHeightFraction * height)
            {
                break;
            }

            fitting++;
        }

        List<string> lines = [.. notes.Take(fitting).Select(note => TextMetrics.Fit(note, NoteFontSize, width - 16))];
        if (fitting < notes.Count && fitting > 0)
        {
            int hidden = notes.Count - fitting + 1;
            lines[^1] = $"… and {hidden} more notes (listed in the chart description)";
        }

        return lines;
    }

    private static int LabelStride(TickSet? ticks, AxisScale? scale, List<string> labels, bool horizontal)
    {
        if (ticks is null || scale is null || ticks.Major.Length < 2)
        {
            return 1;
        }

        double smallestGap = double.PositiveInfinity;
        for (int index = 1; index < ticks.Major.Length; index++)
        {
            smallestGap = Math.Min(smallestGap,
                Math.Abs(scale.ToPixel(ticks.Major[index]) - scale.ToPixel(ticks.Major[index - 1])));
        }

        double needed = horizontal
            ? labels.Max(label => TextMetrics.Width(label, TickFontSize)) + 8
            : TickFontSize + 3;
        int stride = 1;
        while (stride * smallestGap < needed && stride < ticks.Major.Length)
        {
            stride++;
        }

        return stride;
    }
}
