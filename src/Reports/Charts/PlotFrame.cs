namespace LocalSgdVerify.Reports.Charts;

/// <summary>The plot rectangle in SVG pixels (y grows downward) and the map from unit coordinates into it.</summary>
/// <remarks>Unit x = t of the x scale and unit y = t of the y scale, so <c>pixel x = Left + t·(Right − Left)</c> and
/// <c>pixel y = Bottom + t·(Top − Bottom)</c>: exactly <see cref="AxisScale.ToPixel"/> of a scale with those pixel
/// ends. Geometry is built in unit coordinates first so that notes and clipping do not depend on the layout, which
/// itself depends on how many notes there are.</remarks>
internal readonly record struct PlotFrame(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public PlotPoint ToPixel(PlotPoint unit) =>
        new(Left + (unit.X * (Right - Left)), Bottom + (unit.Y * (Top - Bottom)));

    public bool Contains(PlotPoint pixel) =>
        pixel.X >= Left && pixel.X <= Right && pixel.Y >= Top && pixel.Y <= Bottom;

    public AxisScale HorizontalScale(ScaleKind kind, AxisRange range) =>
        new(kind, range.Minimum, range.Maximum, Left, Right);

    public AxisScale VerticalScale(ScaleKind kind, AxisRange range) =>
        new(kind, range.Minimum, range.Maximum, Bottom, Top);
}
