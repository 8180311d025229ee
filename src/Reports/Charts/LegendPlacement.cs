namespace LocalSgdVerify.Reports.Charts;

/// <summary>Where the legend box goes.</summary>
internal enum LegendCorner
{
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    OutsideRight,
    OutsideBottom,
}

/// <summary>Legend box size and the choice of its corner.</summary>
/// <remarks>Each inner corner is scored by the number of "ink" samples under the box: marker centres, points every
/// few pixels along drawn lines, bars and reference lines, annotation anchors, and a grid of probe points that fall
/// inside error bands. The corner with the lowest score wins, ties in the order top-right, top-left, bottom-right,
/// bottom-left. If every corner covers some ink, or the box does not fit, the legend goes outside on the right,
/// unless that would leave the plot less than half the chart width (small charts): then the least covered inner
/// corner is used after all. The choice depends only on the geometry, so it is deterministic.</remarks>
internal static class LegendPlacement
{
    public const double FontSize = 11;
    public const double RowHeight = 16;
    public const double Padding = 6;
    public const double SwatchWidth = 22;
    public const double SwatchGap = 6;
    public const double Inset = 6;
    public const double OutsideGap = 10;
    private const double SampleSpacing = 4;
    private const double MarkerReach = 4;

    // Geometry is clipped to the plot, so no segment is longer than its diagonal; the cap only guards that invariant.
    private const int MaximumStepsPerSegment = 2000;

    private static readonly LegendCorner[] InsideCorners =
        [LegendCorner.TopRight, LegendCorner.TopLeft, LegendCorner.BottomRight, LegendCorner.BottomLeft];

    /// <summary>The step from one wrapped line of an entry to the next.</summary>
    public const double ContinuationLineHeight = 13;

    /// <summary>Width and height of the box for the given entries, each already wrapped into lines.</summary>
    public static (double Width, double Height) Size(IReadOnlyList<IReadOnlyList<string>> entries)
    {
        if (entries.Count == 0)
        {
            return (0, 0);
        }

        double textWidth = entries.SelectMany(lines => lines).Max(text => TextMetrics.Width(text, FontSize));
        return ((2 * Padding) + SwatchWidth + SwatchGap + textWidth + 2, RowTop(entries, entries.Count) + Padding - 4);
    }

    /// <summary>The top of entry <paramref name="index"/> inside the box (index = count gives the end of the last).</summary>
    public static double RowTop(IReadOnlyList<IReadOnlyList<string>> entries, int index) =>
        Padding + entries.Take(index).Sum(lines => RowHeight + (ContinuationLineHeight * (lines.Count - 1)));

    /// <summary>The box's top-left corner for an inner corner of the frame.</summary>
    public static (double X, double Y) Position(LegendCorner corner, PlotFrame frame, double width, double height) =>
        corner switch
        {
            LegendCorner.TopRight => (frame.Right - Inset - width, frame.Top + Inset),
            LegendCorner.TopLeft => (frame.Left + Inset, frame.Top + Inset),
            LegendCorner.BottomRight => (frame.Right - Inset - width, frame.Bottom - Inset - height),
            LegendCorner.BottomLeft => (frame.Left + Inset, frame.Bottom - Inset - height),
            _ => (frame.Right + OutsideGap, frame.Top),
        };

    /// <summary>The inner corner with the least ink under the box and that amount, or null when the box does not fit
    /// inside the frame at all.</summary>
    public static (LegendCorner Corner, int Score)? BestInnerCorner(ChartPlan plan, PlotFrame frame, double width, double height)
    {
        if (width > frame.Width - (2 * Inset) || height > frame.Height - (2 * Inset))
        {
            return null;
        }

        List<PlotPoint> ink = InkSamples(plan, frame);
        List<List<PlotPoint>> bands = [.. plan.Series.SelectMany(series => series.Bands)
            .Select(band => band.Select(frame.ToPixel).ToList())];

        (LegendCorner Corner, int Score)? best = null;
        foreach (LegendCorner corner in InsideCorners)
        {
            (double x, double y) = Position(corner, frame, width, height);
            int score = ink.Count(point => point.X >= x - MarkerReach && point.X <= x + width + MarkerReach
                && point.Y >= y - MarkerReach && point.Y <= y + height + MarkerReach);
            score += BandProbeHits(bands, x, y, width, height);
            if (best is null || score < best.Value.Score)
            {
                best = (corner, score);
            }
        }

        return best;
    }

    private static List<PlotPoint> InkSamples(ChartPlan plan, PlotFrame frame)
    {
        var ink = new List<PlotPoint>();
        foreach (SeriesGeometry series in plan.Series)
        {
            ink.AddRange(series.Markers.Select(frame.ToPixel));
            foreach (List<PlotPoint> line in series.Lines)
            {
                SamplePolyline(line.Select(frame.ToPixel).ToList(), closed: false, ink);
            }

            foreach (List<PlotPoint> band in series.Bands)
            {
                SamplePolyline(band.Select(frame.ToPixel).ToList(), closed: true, ink);
            }

            foreach (ErrorBarGeometry bar in series.Bars)
            {
                SamplePolyline([frame.ToPixel(bar.Start), frame.ToPixel(bar.End)], closed: false, ink);
            }
        }

        foreach (List<PlotPoint> line in plan.References.SelectMany(pieces => pieces))
        {
            SamplePolyline(line.Select(frame.ToPixel).ToList(), closed: false, ink);
        }

        ink.AddRange(plan.Annotations.Select(annotation => frame.ToPixel(annotation.Point)));
        return ink;
    }

    private static void SamplePolyline(List<PlotPoint> points, bool closed, List<PlotPoint> ink)
    {
        ink.Add(points[0]);
        int segments = closed ? points.Count : points.Count - 1;
        for (int index = 0; index < segments; index++)
        {
            PlotPoint from = points[index];
            PlotPoint to = points[(index + 1) % points.Count];
            double length = Math.Sqrt(((to.X - from.X) * (to.X - from.X)) + ((to.Y - from.Y) * (to.Y - from.Y)));
            int steps = (int)Math.Clamp(Math.Ceiling(length / SampleSpacing), 1, MaximumStepsPerSegment);
            for (int step = 1; step <= steps; step++)
            {
                double fraction = (double)step / steps;
                ink.Add(new PlotPoint(from.X + (fraction * (to.X - from.X)), from.Y + (fraction * (to.Y - from.Y))));
            }
        }
    }

    // A band can cover a corner without any of its outline under the box; probe the box interior too.
    private static int BandProbeHits(List<List<PlotPoint>> bands, double x, double y, double width, double height)
    {
        const int Columns = 6;
        const int Rows = 4;
        int hits = 0;
        for (int column = 0; column <= Columns; column++)
        {
            for (int row = 0; row <= Rows; row++)
            {
                var probe = new PlotPoint(x + (width * column / Columns), y + (height * row / Rows));
                if (bands.Any(band => Contains(band, probe)))
                {
                    hits++;
                }
            }
        }

        return hits;
    }

    // Even–odd ray casting.
    private static bool Contains(List<PlotPoint> polygon, PlotPoint probe)
    {
        bool inside = false;
        for (int index = 0, previous = polygon.Count - 1; index < polygon.Count; previous = index++)
        {
            PlotPoint a = polygon[index];
            PlotPoint b = polygon[previous];
            if ((a.Y > probe.Y) != (b.Y > probe.Y)
                && probe.X < a.X + ((probe.Y - a.Y) / (b.Y - a.Y) * (b.X - a.X)))
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
