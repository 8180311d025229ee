namespace LocalSgdVerify.Reports.Charts;

/// <summary>A style with every default filled in.</summary>
internal readonly record struct ResolvedStyle(string Color, DashPattern Dash, MarkerShape Marker)
{
    private static readonly DashPattern[] ReferenceDashes = [DashPattern.Dashed, DashPattern.Dotted, DashPattern.DashDot];

    /// <summary>Series k: palette colour k, solid, palette marker k, unless the style says otherwise.</summary>
    public static ResolvedStyle ForSeries(SeriesStyle? style, int index) => new(
        style?.Color ?? ChartPalette.ColorAt(index),
        style?.Dash ?? DashPattern.Solid,
        style?.Marker ?? ChartPalette.MarkerAt(index));

    /// <summary>Reference line k: grey, dashed / dotted / dash-dot in turn, unless the style says otherwise.</summary>
    public static ResolvedStyle ForReference(SeriesStyle? style, int index) => new(
        style?.Color ?? ChartPalette.ReferenceColor,
        style?.Dash ?? ReferenceDashes[index % ReferenceDashes.Length],
        style?.Marker ?? MarkerShape.Circle);

    /// <summary>SVG stroke-dasharray, or null for a solid line.</summary>
    public string? DashArray => Dash switch
    {
        DashPattern.Dashed => "6 4",
        DashPattern.Dotted => "1.5 3",
        DashPattern.DashDot => "8 3 1.5 3",
        _ => null,
    };
}
