using System.Collections.Immutable;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>One named data series. Arrays are copied on construction, so a series never changes after it is built.
/// Which arrays are used depends on <see cref="Kind"/>: X and Y for lines and markers; X, Low and High for an error
/// band; X, Y, Low and High for error bars. Unused arrays are empty. NaN and ±∞ are allowed and are drawn as gaps
/// with a note on the chart.</summary>
public sealed record Series
{
    /// <summary>Builds a series; prefer the named factories (<see cref="Line"/>, <see cref="Scatter"/>, ...).</summary>
    public Series(string name, SeriesKind kind, IEnumerable<double> x, IEnumerable<double>? y,
        IEnumerable<double>? low = null, IEnumerable<double>? high = null, SeriesStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        Name = name;
        Kind = kind;
        X = [.. x];
        Y = y is null ? [] : [.. y];
        Low = low is null ? [] : [.. low];
        High = high is null ? [] : [.. high];
        Style = style;
    }

    /// <summary>Name shown in the legend and written to the series' <c>data-series</c> attribute.</summary>
    public string Name { get; init; }

    /// <summary>How the series is drawn.</summary>
    public SeriesKind Kind { get; init; }

    /// <summary>Horizontal coordinates.</summary>
    public ImmutableArray<double> X { get; init; }

    /// <summary>Vertical coordinates (empty for <see cref="SeriesKind.ErrorBand"/>).</summary>
    public ImmutableArray<double> Y { get; init; }

    /// <summary>Lower ends of bands or bars (empty unless the kind is ErrorBand or ErrorBars).</summary>
    public ImmutableArray<double> Low { get; init; }

    /// <summary>Upper ends of bands or bars (empty unless the kind is ErrorBand or ErrorBars).</summary>
    public ImmutableArray<double> High { get; init; }

    /// <summary>Colour, dash and marker; null takes every default.</summary>
    public SeriesStyle? Style { get; init; }

    /// <summary>Points (x[i], y[i]) joined by straight segments.</summary>
    public static Series Line(string name, IEnumerable<double> x, IEnumerable<double> y, SeriesStyle? style = null) =>
        new(name, SeriesKind.Line, x, y, style: style);

    /// <summary>A marker at each point (x[i], y[i]).</summary>
    public static Series Scatter(string name, IEnumerable<double> x, IEnumerable<double> y, SeriesStyle? style = null) =>
        new(name, SeriesKind.Scatter, x, y, style: style);

    /// <summary>Points joined by segments, with a marker at each.</summary>
    public static Series LineWithMarkers(string name, IEnumerable<double> x, IEnumerable<double> y,
        SeriesStyle? style = null) =>
        new(name, SeriesKind.LineWithMarkers, x, y, style: style);

    /// <summary>Shaded area between (x[i], low[i]) and (x[i], high[i]).</summary>
    public static Series Band(string name, IEnumerable<double> x, IEnumerable<double> low, IEnumerable<double> high,
        SeriesStyle? style = null) =>
        new(name, SeriesKind.ErrorBand, x, null, low, high, style);

    /// <summary>Marker at (x[i], y[i]) with a vertical bar from low[i] to high[i].</summary>
    public static Series ErrorBars(string name, IEnumerable<double> x, IEnumerable<double> y,
        IEnumerable<double> low, IEnumerable<double> high, SeriesStyle? style = null) =>
        new(name, SeriesKind.ErrorBars, x, y, low, high, style);
}
