namespace LocalSgdVerify.Reports.Charts;

/// <summary>Pixel positions of every part of the chart, derived from the plan and the size alone.</summary>
/// <remarks>Widths come from <see cref="TextMetrics"/> estimates. The plot frame has integer edges so that axis range
/// ends map onto them exactly. Notes take lines under the x-axis label but never squeeze the plot below 45 % of the
/// height; the rest are summarised in one line and kept in the SVG description.</remarks>
internal sealed record ChartLayout
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
    public const double TitleLineHeight = 17;
    public const double XTickLabelOffset = 17;
    public const double XAxisLabelOffset = 36;
    public const double FirstNoteOffset = 54;
    private const double TickLabelGap = 4;
    private const double MinimumPlotHeightFraction = 0.45;
    private const double LegendTextWidthFraction = 0.35;
    private const double OutsideLegendTextWidthFraction = 0.22;
    private const double LegendBottomGap = 4;
    private const double MinimumPlotWidthFraction = 0.5;

    /// <summary>The title, wrapped onto as many lines as it needs (never shortened).</summary>
    public required IReadOnlyList<string> TitleLines { get; init; }

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

    /// <summary>Each legend entry's text, wrapped into lines.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> LegendTexts { get; init; }

    public required double LegendWidth { get; init; }

    public required double LegendHeight { get; init; }

    public required LegendCorner LegendCorner { get; init; }

    /// <summary>The legend box's top-left corner on the canvas.</summary>
    public (double X, double Y) LegendOrigin { get; init; }

    public AxisScale? XScale { get; init; }

    public AxisScale? YScale { get; init; }

    public bool HasLegend => LegendTexts.Count > 0;

    /// <summary>
    /// The layout: the legend goes in an inner corner only when no ink lies under it; otherwise outside on the right
    /// (its text wrapped narrower), or under the plot when the right side would leave the plot less than half the
    /// chart's width. A legend never covers data.
    /// </summary>
    public static ChartLayout Compute(ChartPlan plan)
    {
        ChartLayout inside = Compute(plan, LegendCorner.TopRight);
        if (!inside.HasLegend)
        {
            return inside;
        }

        (LegendCorner Corner, int Score)? best =
            LegendPlacement.BestInnerCorner(plan, inside.Frame, inside.LegendWidth, inside.LegendHeight);
        if (best is { Score: 0 })
        {
            LegendCorner corner = best.Value.Corner;
            return inside with
            {
                LegendCorner = corner,
                LegendOrigin = LegendPlacement.Position(corner, inside.Frame, inside.LegendWidth, inside.LegendHeight),
            };
        }

        ChartLayout right = Compute(plan, LegendCorner.OutsideRight);
        return right.Frame.Width >= MinimumPlotWidthFraction * plan.Chart.Size.Width ? right : Compute(plan, LegendCorner.OutsideBottom);
    }

    private static ChartLayout Compute(ChartPlan plan, LegendCorner legendCorner)
    {
        Chart chart = plan.Chart;
        double width = chart.Size.Width;
        double height = chart.Size.Height;

        string title = TextMetrics.Clean(chart.Title);
        double titleSize = TextMetrics.Width(title, TitleFontSize) <= width - 20 ? TitleFontSize : SmallTitleFontSize;
        IReadOnlyList<string> titleLines = title.Length == 0 ? [] : TextMetrics.Wrap(title, titleSize, width - 20);
        double top = titleLines.Count == 0 ? 14 : 38 + (TitleLineHeight * (titleLines.Count - 1));

        double legendTextWidth = width * legendCorner switch
        {
            LegendCorner.OutsideRight => OutsideLegendTextWidthFraction,
            LegendCorner.OutsideBottom => 0.8,
            _ => LegendTextWidthFraction,
        };
        List<IReadOnlyList<string>> legendTexts = plan.HasData
            ? [.. plan.LegendEntries.Select(entry => TextMetrics.Wrap(entry.Text, LegendPlacement.FontSize, legendTextWidth))]
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
        if (legendCorner == LegendCorner.OutsideRight && legendTexts.Count > 0)
        {
            right = Math.Max(right, Math.Ceiling(legendWidth + LegendPlacement.OutsideGap + 8));
        }

        double legendBelow = legendCorner == LegendCorner.OutsideBottom && legendTexts.Count > 0 ? legendHeight + LegendBottomGap : 0;
        List<string> notes = NoteLinesThatFit(plan.Notes, width, height - legendBelow, top);
        double textBelow = notes.Count == 0 ? 44 : FirstNoteOffset + (NoteLineHeight * (notes.Count - 1)) + 8;
        double bottom = textBelow + legendBelow;

        var frame = new PlotFrame(left, top, Math.Round(width - right), Math.Round(height - bottom));
        AxisScale? xScale = plan.HasData ? frame.HorizontalScale(chart.XAxis.Scale, plan.XRange) : null;
        AxisScale? yScale = plan.HasData ? frame.VerticalScale(chart.YAxis.Scale, plan.YRange) : null;

        return new ChartLayout
        {
            TitleLines = titleLines,
            TitleSize = titleSize,
            Frame = frame,
            XAxisText = TextMetrics.Clean(chart.XAxis.DisplayText),
            YAxisText = yAxisFull,
            YAxisLabelX = 16,
            NoteLines = notes,
            XTickLabels = xLabels,
            YTickLabels = yLabels,
            XLabelEvery = LabelStride(plan.XTicks, xScale, xLabels, horizontal: true),
            YLabelEvery = LabelStride(plan.YTicks, yScale, yLabels, horizontal: false),
            LegendTexts = legendTexts,
            LegendWidth = legendWidth,
            LegendHeight = legendHeight,
            LegendCorner = legendCorner,
            LegendOrigin = legendCorner switch
            {
                LegendCorner.OutsideBottom => (frame.Left, frame.Bottom + textBelow),
                _ => LegendPlacement.Position(legendCorner, frame, legendWidth, legendHeight),
            },
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

        List<string> lines = [.. notes.Take(fitting)];
        if (fitting < notes.Count && fitting > 0)
        {
            int hidden = notes.Count - fitting + 1;
            lines[^1] = $"{hidden} more notes are listed in the chart description";
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
