using LocalSgdVerify.Checks.Framework;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// A figure in words, for readers who cannot see the picture (GitHub job summaries cannot show local SVG files,
/// screen readers, plain-text CI logs): what is plotted against what on which scales, each series' extent, the
/// reference lines, and, when the figure is small, its data as rows.
/// </summary>
public static class FigureDescription
{
    /// <summary>Largest number of data rows printed as a table; bigger figures are summarised and left to report.json.</summary>
    public const int MaximumDataRows = 40;

    /// <summary>"y against x (log–log). Series: a (5 points, y = 2 at x = 10 to 0.1 at x = 1000, with interval band). Reference lines: slope -1."</summary>
    public static string Summary(Figure figure)
    {
        if (figure.HeatMap is { } map) return HeatMapSummary(figure, map);
        string scales = (figure.X.Logarithmic, figure.Y.Logarithmic) switch
        {
            (true, true) => "log–log axes",
            (true, false) => "log x axis",
            (false, true) => "log y axis",
            _ => "linear axes",
        };
        var parts = new List<string> { $"{figure.Y.Label} against {figure.X.Label} ({scales})." };
        if (figure.Series.Count > 0)
            parts.Add("Series: " + string.Join("; ", figure.Series.Select(SeriesSummary)) + ".");
        if (figure.ReferenceLines.Count > 0)
            parts.Add("Reference lines: " + string.Join("; ", figure.ReferenceLines.Select(line => line.Name)) + ".");
        return string.Join(" ", parts);
    }

    /// <summary>Total number of points over all series.</summary>
    public static int PointCount(Figure figure) => figure.Series.Sum(s => s.X.Count);

    /// <summary>The data as (series, x, y, interval) rows, when there are at most <see cref="MaximumDataRows"/> of them; else null (a heat map's data is in its CSV).</summary>
    public static IReadOnlyList<(string Series, string X, string Y, string Interval)>? DataRows(Figure figure)
    {
        if (figure.HeatMap is not null || PointCount(figure) > MaximumDataRows) return null;
        var rows = new List<(string, string, string, string)>();
        foreach (FigureSeries series in figure.Series)
        {
            int count = Math.Min(series.X.Count, series.Y.Count);
            for (int index = 0; index < count; index++)
            {
                string interval = series.Low is { } low && series.High is { } high && index < low.Count && index < high.Count
                    ? $"[{ReportText.Number(low[index])}, {ReportText.Number(high[index])}]"
                    : "";
                rows.Add((series.Name, ReportText.Number(series.X[index]), ReportText.Number(series.Y[index]), interval));
            }
        }
        return rows;
    }

    // "value over x and y (8 × 7 cells, from 0.2 at x = 64, y = 1 to 1 at x = 1, y = 1). Lines: R = N."
    private static string HeatMapSummary(Figure figure, HeatMap map)
    {
        var cells = new List<(double X, double Y, double Value)>();
        for (int row = 0; row < map.Y.Count && row < map.Values.Count; row++)
            for (int column = 0; column < map.X.Count && column < map.Values[row].Count; column++)
                if (double.IsFinite(map.Values[row][column])) cells.Add((map.X[column], map.Y[row], map.Values[row][column]));
        string Cell((double X, double Y, double Value) c) => $"{ReportText.Number(c.Value)} at {figure.X.Label} = {ReportText.Number(c.X)}, {figure.Y.Label} = {ReportText.Number(c.Y)}";
        string extent = cells.Count == 0 ? "no finite values" : $"from {Cell(cells.MinBy(c => c.Value))} to {Cell(cells.MaxBy(c => c.Value))}";
        string lines = figure.Series.Count > 0 ? $" Lines: {string.Join("; ", figure.Series.Select(s => s.Name))}." : "";
        return $"Heat map of {map.ValueLabel} over {figure.X.Label} and {figure.Y.Label} ({map.X.Count} × {map.Y.Count} cells, {extent}); data in the CSV beside the plot.{lines}";
    }

    private static string SeriesSummary(FigureSeries series)
    {
        var finite = Enumerable.Range(0, Math.Min(series.X.Count, series.Y.Count))
            .Where(i => double.IsFinite(series.X[i]) && double.IsFinite(series.Y[i])).ToList();
        string points = $"{series.X.Count} point{(series.X.Count == 1 ? "" : "s")}";
        string Point(int i) => $"{ReportText.Number(series.Y[i])} at x = {ReportText.Number(series.X[i])}";
        string range = finite.Count switch
        {
            0 => ", no finite values",
            1 => $", y = {Point(finite[0])}",
            _ => $", y = {Point(finite[0])} to {Point(finite[^1])}",
        };
        string band = series.Low is not null && series.High is not null ? ", with interval band" : "";
        return $"{series.Name} ({points}{range}{band})";
    }
}
