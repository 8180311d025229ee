namespace LocalSgdVerify.Reports.Charts;

/// <summary>An explicit closed data interval [<paramref name="Minimum"/>, <paramref name="Maximum"/>] shown on an axis.
/// The renderer checks it (finite, Minimum &lt; Maximum, positive on a log axis) and reports a bad one by name.</summary>
/// <param name="Minimum">Value at the left (x) or bottom (y) edge of the plot area.</param>
/// <param name="Maximum">Value at the right (x) or top (y) edge of the plot area.</param>
public readonly record struct AxisRange(double Minimum, double Maximum);
