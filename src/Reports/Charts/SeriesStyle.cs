namespace LocalSgdVerify.Reports.Charts;

/// <summary>Look of one series or reference line. Every member left null takes the default for the item's position
/// (colour and marker shape from <see cref="ChartPalette"/> by series index; solid line for series, dashed for
/// reference lines).</summary>
public sealed record SeriesStyle
{
    /// <summary>Colour as "#rrggbb"; null picks <see cref="ChartPalette.ColorAt"/> of the series index.</summary>
    public string? Color { get; init; }

    /// <summary>Line pattern; null gives solid lines for series and <see cref="DashPattern.Dashed"/> for reference lines.</summary>
    public DashPattern? Dash { get; init; }

    /// <summary>Marker shape; null picks <see cref="ChartPalette.MarkerAt"/> of the series index.</summary>
    public MarkerShape? Marker { get; init; }
}
