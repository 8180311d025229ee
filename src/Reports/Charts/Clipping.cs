namespace LocalSgdVerify.Reports.Charts;

/// <summary>Clips segments, polylines and polygons to the unit square [0, 1]², so that every coordinate written to
/// the SVG stays near the plot even when a point lies a million plot widths away. The SVG clip path then only trims
/// stroke widths and markers at the frame.</summary>
internal static class Clipping
{
    private const double Low = 0;
    private const double High = 1;

    /// <summary>Liang–Barsky: the part of segment pq inside the square, if any. An end that is inside is returned
    /// unchanged (bit for bit), which is how <see cref="Polyline"/> recognises that two clipped segments join.</summary>
    public static bool Segment(PlotPoint p, PlotPoint q, out PlotPoint start, out PlotPoint end)
    {
        double dx = q.X - p.X;
        double dy = q.Y - p.Y;
        double enter = 0;
        double leave = 1;
        start = p;
        end = q;
        if (!Update(-dx, p.X - Low, ref enter, ref leave)
            || !Update(dx, High - p.X, ref enter, ref leave)
            || !Update(-dy, p.Y - Low, ref enter, ref leave)
            || !Update(dy, High - p.Y, ref enter, ref leave))
        {
            return false;
        }

        if (enter > 0)
        {
            start = Inside(new PlotPoint(p.X + (enter * dx), p.Y + (enter * dy)));
        }

        if (leave < 1)
        {
            end = Inside(new PlotPoint(p.X + (leave * dx), p.Y + (leave * dy)));
        }

        return true;
    }

    /// <summary>The visible pieces of a polyline; a piece with one point is an isolated visible vertex.</summary>
    public static List<List<PlotPoint>> Polyline(IReadOnlyList<PlotPoint> points)
    {
        var pieces = new List<List<PlotPoint>>();
        if (points.Count == 1)
        {
            if (IsInside(points[0]))
            {
                pieces.Add([points[0]]);
            }

            return pieces;
        }

        List<PlotPoint>? current = null;
        for (int index = 0; index + 1 < points.Count; index++)
        {
            if (!Segment(points[index], points[index + 1], out PlotPoint start, out PlotPoint end))
            {
                current = null;
                continue;
            }

            if (current is not null && current[^1] == start)
            {
                current.Add(end);
            }
            else
            {
                current = [start, end];
                pieces.Add(current);
            }
        }

        return pieces;
    }

    /// <summary>Sutherland–Hodgman clipping of a closed polygon against the four sides of the square.</summary>
    public static List<PlotPoint> Polygon(IReadOnlyList<PlotPoint> polygon)
    {
        List<PlotPoint> result = [.. polygon];
        result = ClipAgainst(result, p => p.X >= Low, (a, b) => CrossVertical(a, b, Low));
        result = ClipAgainst(result, p => p.X <= High, (a, b) => CrossVertical(a, b, High));
        result = ClipAgainst(result, p => p.Y >= Low, (a, b) => CrossHorizontal(a, b, Low));
        result = ClipAgainst(result, p => p.Y <= High, (a, b) => CrossHorizontal(a, b, High));
        return result;
    }

    public static bool IsInside(PlotPoint point) =>
        point.X >= Low && point.X <= High && point.Y >= Low && point.Y <= High;

    private static bool Update(double direction, double distance, ref double enter, ref double leave)
    {
        if (direction == 0)
        {
            return distance >= 0;
        }

        double crossing = distance / direction;
        if (direction < 0)
        {
            enter = Math.Max(enter, crossing);
        }
        else
        {
            leave = Math.Min(leave, crossing);
        }

        return enter <= leave;
    }

    private static List<PlotPoint> ClipAgainst(
        List<PlotPoint> polygon, Func<PlotPoint, bool> keeps, Func<PlotPoint, PlotPoint, PlotPoint> crossing)
    {
        var output = new List<PlotPoint>(polygon.Count + 4);
        for (int index = 0; index < polygon.Count; index++)
        {
            PlotPoint current = polygon[index];
            PlotPoint previous = polygon[(index + polygon.Count - 1) % polygon.Count];
            bool currentIn = keeps(current);
            bool previousIn = keeps(previous);
            if (currentIn)
            {
                if (!previousIn)
                {
                    output.Add(crossing(previous, current));
                }

                output.Add(current);
            }
            else if (previousIn)
            {
                output.Add(crossing(previous, current));
            }
        }

        return output;
    }

    private static PlotPoint CrossVertical(PlotPoint a, PlotPoint b, double x) =>
        new(x, Math.Clamp(a.Y + ((x - a.X) / (b.X - a.X) * (b.Y - a.Y)), Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y)));

    private static PlotPoint CrossHorizontal(PlotPoint a, PlotPoint b, double y) =>
        new(Math.Clamp(a.X + ((y - a.Y) / (b.Y - a.Y) * (b.X - a.X)), Math.Min(a.X, b.X), Math.Max(a.X, b.X)), y);

    // Rounding in p + t·d can land a hair outside the square; the crossing is on the boundary by construction.
    private static PlotPoint Inside(PlotPoint point) =>
        new(Math.Clamp(point.X, Low, High), Math.Clamp(point.Y, Low, High));
}
