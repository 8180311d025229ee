namespace LocalSgdVerify.Reports.Charts;

/// <summary>A point in the unit square of the plot area (x to the right, y upward, both 0..1 over the axis ranges)
/// or, after <see cref="PlotFrame.ToPixel"/>, in SVG pixels.</summary>
internal readonly record struct PlotPoint(double X, double Y);
