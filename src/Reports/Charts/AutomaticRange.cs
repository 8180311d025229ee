namespace LocalSgdVerify.Reports.Charts;

/// <summary>Axis range from the data when none is given.</summary>
/// <remarks>The data interval [lo, hi] is widened by 5 % of its span on each side (of its log₁₀ span on a log axis),
/// so markers at the extremes are not cut in half by the frame. A (nearly) constant data set gets ±10 % of its value
/// (±1 around zero) on a linear axis and a factor 2 on a log axis. Values beyond ±1e300 (or below 1e-300 on a log
/// axis) are left to clipping so that the padded range stays finite.</remarks>
public static class AutomaticRange
{
    private const double PaddingFraction = 0.05;
    private const double Limit = 1e300;

    /// <summary>The range for <paramref name="axis"/>: its explicit range if set, else the padded range of the
    /// values the scale can show (finite; positive on a log axis), or null when there are none.</summary>
    public static AxisRange? Resolve(Axis axis, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(values);
        if (axis.Range is { } explicitRange)
        {
            return explicitRange;
        }

        double low = double.PositiveInfinity;
        double high = double.NegativeInfinity;
        foreach (double value in values)
        {
            if (!double.IsFinite(value) || (axis.Scale == ScaleKind.Log10 && value <= 0))
            {
                continue;
            }

            double bounded = axis.Scale == ScaleKind.Linear
                ? Math.Clamp(value, -Limit, Limit)
                : Math.Clamp(value, 1 / Limit, Limit);
            low = Math.Min(low, bounded);
            high = Math.Max(high, bounded);
        }

        if (low > high)
        {
            return null;
        }

        return axis.Scale == ScaleKind.Linear ? PadLinear(low, high) : PadLog(low, high);
    }

    private static AxisRange PadLinear(double low, double high)
    {
        if (AxisRangeRules.Describe(ScaleKind.Linear, low, high) is null)
        {
            double padding = PaddingFraction * (high - low);
            return new AxisRange(low - padding, high + padding);
        }

        double center = (low / 2) + (high / 2);
        double halfWidth = center == 0 ? 1 : 0.1 * Math.Abs(center);
        return new AxisRange(center - halfWidth, center + halfWidth);
    }

    private static AxisRange PadLog(double low, double high)
    {
        if (AxisRangeRules.Describe(ScaleKind.Log10, low, high) is null)
        {
            double logLow = Math.Log10(low);
            double logHigh = Math.Log10(high);
            double padding = PaddingFraction * (logHigh - logLow);
            return new AxisRange(Math.Pow(10, logLow - padding), Math.Pow(10, logHigh + padding));
        }

        return new AxisRange(low / 2, high * 2);
    }
}
