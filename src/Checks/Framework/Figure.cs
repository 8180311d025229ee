namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// The data behind a claim's plot, independent of any renderer: axes (with units and linear/log scale), series
/// (points, optional interval bands) and reference lines such as a predicted slope. The report writers turn it
/// into SVG.
/// </summary>
public sealed record Figure(
    string Name,
    string Title,
    Axis X,
    Axis Y,
    IReadOnlyList<FigureSeries> Series,
    IReadOnlyList<ReferenceLine> ReferenceLines);

/// <summary>An axis: label with unit, and whether it is logarithmic.</summary>
public sealed record Axis(string Label, bool Logarithmic = false);

/// <summary>A series of points; Low/High (same length as Y) draw an interval band.</summary>
public sealed record FigureSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double>? Low = null, IReadOnlyList<double>? High = null, SeriesStyle Style = SeriesStyle.LineWithMarkers);

/// <summary>How a series is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>Line through the points.</summary>
    Line,

    /// <summary>Markers only.</summary>
    Markers,

    /// <summary>Line and markers.</summary>
    LineWithMarkers,
}

/// <summary>
/// A predicted line: y = Intercept·x^Slope on log–log axes (a power law), or y = Intercept + Slope·x on linear
/// axes; Slope = 0 draws a horizontal predicted constant.
/// </summary>
public sealed record ReferenceLine(string Name, double Slope, double Intercept);
