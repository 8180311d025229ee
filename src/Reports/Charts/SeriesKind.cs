namespace LocalSgdVerify.Reports.Charts;

/// <summary>How a data series is drawn.</summary>
public enum SeriesKind
{
    /// <summary>Straight segments joining consecutive points (X, Y); a non-drawable point leaves a gap.</summary>
    Line,

    /// <summary>A marker at each point (X, Y).</summary>
    Scatter,

    /// <summary>Line and a marker at each point.</summary>
    LineWithMarkers,

    /// <summary>Shaded area between the curves (X, Low) and (X, High), e.g. a confidence band.</summary>
    ErrorBand,

    /// <summary>A marker at (X, Y) with a vertical bar from Low to High.</summary>
    ErrorBars,
}
