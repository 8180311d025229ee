using System.Text;
using LocalSgdVerify.Model.Text;
using CheckFigure = LocalSgdVerify.Checks.Framework.Figure;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// The data behind a figure as CSV, written beside its SVG (plots/&lt;name&gt;.csv) so a reader can replot or check it.
/// One writer for every figure: a comment line with the title, a header of quoted names, then one record per point,
/// numbers in round-trip form and an empty field where a value is absent.
/// A heat map gives "x label, y label, value label" per cell; a chart gives "series, x label, y label, low, high" per
/// point, low and high being the interval band drawn around the series (empty when it has none).
/// </summary>
public static class FigureCsv
{
    /// <summary>The CSV text (LF line ends, trailing newline).</summary>
    public static string Write(CheckFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var text = new StringBuilder();
        text.Append("# ").Append(Quote(figure.Title)).Append('\n');
        if (figure.HeatMap is { } map)
        {
            Record(text, [Quote(figure.X.Label), Quote(figure.Y.Label), Quote(map.ValueLabel)]);
            for (int row = 0; row < map.Y.Count && row < map.Values.Count; row++)
                for (int column = 0; column < map.X.Count && column < map.Values[row].Count; column++)
                    Record(text, [Number(map.X[column]), Number(map.Y[row]), Number(map.Values[row][column])]);
            return text.ToString();
        }
        Record(text, ["\"series\"", Quote(figure.X.Label), Quote(figure.Y.Label), "\"low\"", "\"high\""]);
        foreach (var series in figure.Series)
        {
            int count = Math.Min(series.X.Count, series.Y.Count);
            for (int index = 0; index < count; index++)
                Record(text, [Quote(series.Name), Number(series.X[index]), Number(series.Y[index]), Optional(series.Low, index), Optional(series.High, index)]);
        }
        return text.ToString();
    }

    private static void Record(StringBuilder text, IReadOnlyList<string> fields) => text.AppendJoin(',', fields).Append('\n');

    private static string Number(double value) => NumberText.RoundTrip(value);

    private static string Optional(IReadOnlyList<double>? values, int index) => values is not null && index < values.Count ? Number(values[index]) : "";

    // A CSV field: quoted, with quotes doubled, and line breaks replaced so one record stays on one line.
    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ') + "\"";
}
