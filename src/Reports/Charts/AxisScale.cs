namespace LocalSgdVerify.Reports.Charts;

/// <summary>Maps data values on one axis to pixel positions and back.</summary>
/// <remarks>With <c>t = (u(v) − u(min))/(u(max) − u(min))</c>, where u is the identity (linear) or log₁₀ (log),
/// the pixel is <c>PixelStart + t·(PixelEnd − PixelStart)</c>. Every step is a monotone floating-point operation,
/// so the map is monotone; t is exactly 0 at min and exactly 1 at max, so the range ends land on the pixel ends
/// exactly whenever <c>PixelStart + (PixelEnd − PixelStart)</c> is exact (for example integer pixel ends).
/// PixelEnd may be less than PixelStart (the y axis grows upward).</remarks>
public sealed class AxisScale
{
    private readonly double unitMinimum;
    private readonly double unitSpan;
    private readonly double pixelSpan;

    /// <summary>Scale from the data range [minimum, maximum] onto [pixelStart, pixelEnd].</summary>
    /// <exception cref="ArgumentException">A value is not finite, minimum ≥ maximum, the range is narrower than
    /// 1e-9 relative to its magnitude, a log range is not positive, or the pixel ends coincide.</exception>
    public AxisScale(ScaleKind kind, double minimum, double maximum, double pixelStart, double pixelEnd)
    {
        string? problem = AxisRangeRules.Describe(kind, minimum, maximum);
        if (problem is not null)
        {
            throw new ArgumentException($"Axis range [{minimum}, {maximum}]: {problem}.", nameof(minimum));
        }

        if (!double.IsFinite(pixelStart) || !double.IsFinite(pixelEnd) || pixelStart == pixelEnd)
        {
            throw new ArgumentException(
                $"Pixel range [{pixelStart}, {pixelEnd}] must be two different finite numbers.", nameof(pixelStart));
        }

        Kind = kind;
        Minimum = minimum;
        Maximum = maximum;
        PixelStart = pixelStart;
        PixelEnd = pixelEnd;
        unitMinimum = ToUnit(minimum);
        unitSpan = ToUnit(maximum) - unitMinimum;
        pixelSpan = pixelEnd - pixelStart;
    }

    /// <summary>Linear or log₁₀.</summary>
    public ScaleKind Kind { get; }

    /// <summary>Data value at <see cref="PixelStart"/>.</summary>
    public double Minimum { get; }

    /// <summary>Data value at <see cref="PixelEnd"/>.</summary>
    public double Maximum { get; }

    /// <summary>Pixel of <see cref="Minimum"/>.</summary>
    public double PixelStart { get; }

    /// <summary>Pixel of <see cref="Maximum"/>.</summary>
    public double PixelEnd { get; }

    /// <summary>Whether the value can be placed at all: finite, and positive on a log scale.</summary>
    public bool CanMap(double value) => double.IsFinite(value) && (Kind == ScaleKind.Linear || value > 0);

    /// <summary>Whether the value lies in [Minimum, Maximum].</summary>
    public bool Contains(double value) => value >= Minimum && value <= Maximum;

    /// <summary>Pixel position of a value; values outside the range map outside the pixel range.</summary>
    public double ToPixel(double value) => PixelStart + (Fraction(value) * pixelSpan);

    /// <summary>Data value at a pixel position: the inverse of <see cref="ToPixel"/> up to rounding.</summary>
    public double FromPixel(double pixel)
    {
        double unit = unitMinimum + (((pixel - PixelStart) / pixelSpan) * unitSpan);
        return Kind == ScaleKind.Linear ? unit : Math.Pow(10, unit);
    }

    /// <summary>Position as a fraction of the range, t = (u(v) − u(min))/(u(max) − u(min)).</summary>
    public double Fraction(double value) => (ToUnit(value) - unitMinimum) / unitSpan;

    private double ToUnit(double value) => Kind == ScaleKind.Linear ? value : Math.Log10(value);
}
