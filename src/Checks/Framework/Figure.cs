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
    IReadOnlyList<ReferenceLine> ReferenceLines)
{
    /// <summary>
    /// The cells of a heat map (a phase diagram), or null for a line chart. A heat-map figure draws its
    /// <see cref="Series"/> as lines over the cells (boundaries such as R = N) and has no reference lines; its data is
    /// also written beside the plot as CSV.
    /// </summary>
    public HeatMap? HeatMap { get; init; }
}

/// <summary>
/// A value for each cell of the grid X × Y (X along the figure's x axis, Y along its y axis, each on its axis's scale):
/// Values[row][column] belongs to (X[column], Y[row]); NaN marks a cell without a value.
/// </summary>
public sealed record HeatMap(IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<IReadOnlyList<double>> Values, string ValueLabel, bool LogarithmicValues = false);

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
