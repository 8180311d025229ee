namespace LocalSgdVerify.Reports.Charts;

/// <summary>A line drawn from a formula rather than from data: a prediction, a bound or an ideal. Reference lines are
/// listed in the legend under <see cref="Label"/>, drawn dashed in <see cref="ChartPalette.ReferenceColor"/> unless
/// styled, and take no part in the automatic axis range except horizontal and vertical lines, whose level is
/// included so that a predicted constant is always visible.</summary>
/// <param name="Label">Legend text, e.g. "predicted slope −1".</param>
public abstract record ReferenceLine(string Label)
{
    /// <summary>Colour and dash; null takes the reference defaults.</summary>
    public SeriesStyle? Style { get; init; }

    /// <summary>The line's y at a given x, or NaN where it has no value (horizontal: constant; vertical: none).</summary>
    public abstract double ValueAt(double x);
}

/// <summary>The constant <c>y = Y</c>, e.g. a predicted limit of N·T·E F.</summary>
public sealed record HorizontalReferenceLine(string Label, double Y) : ReferenceLine(Label)
{
    /// <inheritdoc />
    public override double ValueAt(double x) => Y;
}

/// <summary>The vertical line <c>x = X</c>, e.g. a threshold time.</summary>
public sealed record VerticalReferenceLine(string Label, double X) : ReferenceLine(Label)
{
    /// <inheritdoc />
    public override double ValueAt(double x) => double.NaN;
}

/// <summary>The straight line <c>y = Intercept + Slope·x</c> in data units, e.g. the ideal speed-up y = x.
/// On log axes it is drawn as the curve it becomes there.</summary>
public sealed record StraightReferenceLine(string Label, double Slope, double Intercept) : ReferenceLine(Label)
{
    /// <inheritdoc />
    public override double ValueAt(double x) => Intercept + (Slope * x);
}

/// <summary>The power law <c>y = AnchorY·(x/AnchorX)^Exponent</c> through the point (AnchorX, AnchorY): a straight
/// line of slope <see cref="Exponent"/> on log–log axes, e.g. a predicted rate O(1/T) has exponent −1.</summary>
public sealed record PowerLawReferenceLine(string Label, double Exponent, double AnchorX, double AnchorY)
    : ReferenceLine(Label)
{
    /// <inheritdoc />
    public override double ValueAt(double x) => AnchorY * Math.Pow(x / AnchorX, Exponent);
}
