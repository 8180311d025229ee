using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework.Kit;

/// <summary>A figure series from confidence intervals: the estimates as the line, the intervals as its band (an unbounded end drawn at the estimate).</summary>
public static class IntervalSeries
{
    /// <summary>The series of <paramref name="intervals"/> at <paramref name="x"/>.</summary>
    public static FigureSeries Of(string name, IReadOnlyList<double> x, IReadOnlyList<Interval> intervals, SeriesStyle style = SeriesStyle.LineWithMarkers)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        return new FigureSeries(name, x, intervals.Select(i => i.Estimate).ToArray(),
            intervals.Select(i => double.IsFinite(i.Low) ? i.Low : i.Estimate).ToArray(),
            intervals.Select(i => double.IsFinite(i.High) ? i.High : i.Estimate).ToArray(), style);
    }
}
