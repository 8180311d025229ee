namespace LocalSgdVerify.Reports.Charts;

/// <summary>One legend row: the swatch to draw and the text beside it.</summary>
/// <param name="Text">Cleaned series name or reference label.</param>
/// <param name="Kind">Series kind (decides the swatch), or null for a reference line.</param>
/// <param name="Style">Resolved colour, dash and marker.</param>
/// <param name="WithBand">The series has an interval band of the same name: one entry shows both (band swatch behind the line).</param>
internal sealed record LegendEntry(string Text, SeriesKind? Kind, ResolvedStyle Style, bool WithBand = false)
{
    public static LegendEntry ForSeries(Series series, ResolvedStyle style) =>
        new(TextMetrics.Clean(series.Name), series.Kind, style);

    public static LegendEntry ForReference(ReferenceLine line, ResolvedStyle style) =>
        new(TextMetrics.Clean(line.Label), null, style);
}
