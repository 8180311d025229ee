using System.Text.RegularExpressions;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>Checks a chart description before drawing and names the first problem found: which field, which value,
/// what is allowed. Data values themselves are never rejected: NaN, ±∞ and values a log axis cannot show are drawn
/// as gaps with a note.</summary>
public static partial class ChartValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> describing the first problem, if any.</summary>
    public static void Validate(Chart chart)
    {
        string? problem = FirstProblem(chart);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(chart));
        }
    }

    /// <summary>Null when the chart can be drawn, else a message naming the field, the value and what is allowed.</summary>
    public static string? FirstProblem(Chart? chart)
    {
        if (chart is null)
        {
            return "Chart is null.";
        }

        if (chart.Title is null)
        {
            return "Chart.Title is null; use an empty string for no title.";
        }

        if (chart.Size.Width < ChartSize.MinimumWidth || chart.Size.Width > ChartSize.MaximumSide
            || chart.Size.Height < ChartSize.MinimumHeight || chart.Size.Height > ChartSize.MaximumSide)
        {
            return $"Chart.Size is {chart.Size.Width} × {chart.Size.Height}; width must lie in "
                + $"[{ChartSize.MinimumWidth}, {ChartSize.MaximumSide}] and height in "
                + $"[{ChartSize.MinimumHeight}, {ChartSize.MaximumSide}].";
        }

        string? axisProblem = AxisProblem("Chart.XAxis", chart.XAxis) ?? AxisProblem("Chart.YAxis", chart.YAxis);
        if (axisProblem is not null)
        {
            return axisProblem;
        }

        if (chart.Series.IsDefault || chart.ReferenceLines.IsDefault || chart.Annotations.IsDefault || chart.Notes.IsDefault)
        {
            return "Chart.Series, ReferenceLines, Annotations and Notes must be initialised (use [] for none).";
        }

        for (int index = 0; index < chart.Series.Length; index++)
        {
            string? seriesProblem = SeriesProblem($"Chart.Series[{index}]", chart.Series[index]);
            if (seriesProblem is not null)
            {
                return seriesProblem;
            }
        }

        for (int index = 0; index < chart.ReferenceLines.Length; index++)
        {
            ReferenceLine? line = chart.ReferenceLines[index];
            string field = $"Chart.ReferenceLines[{index}]";
            if (line is null || line.Label is null)
            {
                return $"{field} or its Label is null.";
            }

            string? styleProblem = StyleProblem(field, line.Style);
            if (styleProblem is not null)
            {
                return styleProblem;
            }
        }

        for (int index = 0; index < chart.Annotations.Length; index++)
        {
            if (chart.Annotations[index] is null || chart.Annotations[index].Text is null)
            {
                return $"Chart.Annotations[{index}] or its Text is null.";
            }
        }

        for (int index = 0; index < chart.Notes.Length; index++)
        {
            if (chart.Notes[index] is null)
            {
                return $"Chart.Notes[{index}] is null.";
            }
        }

        return null;
    }

    private static string? AxisProblem(string field, Axis? axis)
    {
        if (axis is null || axis.Label is null)
        {
            return $"{field} or its Label is null.";
        }

        if (axis.Scale is not (ScaleKind.Linear or ScaleKind.Log10))
        {
            return $"{field}.Scale is {axis.Scale}; allowed: Linear, Log10.";
        }

        if (axis.Range is { } range)
        {
            string? problem = AxisRangeRules.Describe(axis.Scale, range.Minimum, range.Maximum);
            if (problem is not null)
            {
                return $"{field}.Range is [{range.Minimum}, {range.Maximum}] on a {axis.Scale} axis: {problem}.";
            }
        }

        return null;
    }

    private static string? SeriesProblem(string field, Series? series)
    {
        if (series is null || series.Name is null)
        {
            return $"{field} or its Name is null.";
        }

        field = $"{field} (\"{series.Name}\")";
        if (series.X.IsDefault || series.Y.IsDefault || series.Low.IsDefault || series.High.IsDefault)
        {
            return $"{field}: X, Y, Low and High must be initialised (use [] for unused arrays).";
        }

        bool usesY = series.Kind is SeriesKind.Line or SeriesKind.Scatter or SeriesKind.LineWithMarkers or SeriesKind.ErrorBars;
        bool usesInterval = series.Kind is SeriesKind.ErrorBand or SeriesKind.ErrorBars;
        if (!Enum.IsDefined(series.Kind))
        {
            return $"{field}.Kind is {series.Kind}; allowed: {string.Join(", ", Enum.GetNames<SeriesKind>())}.";
        }

        int length = series.X.Length;
        string? lengthProblem =
            ArrayProblem(field, series.Kind, "Y", series.Y.Length, usesY, length)
            ?? ArrayProblem(field, series.Kind, "Low", series.Low.Length, usesInterval, length)
            ?? ArrayProblem(field, series.Kind, "High", series.High.Length, usesInterval, length);
        return lengthProblem ?? StyleProblem(field, series.Style);
    }

    private static string? ArrayProblem(string field, SeriesKind kind, string name, int actual, bool used, int expected)
    {
        if (used && actual != expected)
        {
            return $"{field}: {name} has {actual} values but X has {expected}; a {kind} series needs them of equal length.";
        }

        if (!used && actual != 0)
        {
            return $"{field}: {name} has {actual} values but a {kind} series does not use {name}; leave it empty.";
        }

        return null;
    }

    private static string? StyleProblem(string field, SeriesStyle? style)
    {
        if (style?.Color is { } color && !ColorPattern().IsMatch(color))
        {
            return $"{field}.Style.Color is \"{color}\"; expected \"#rrggbb\" with six hexadecimal digits.";
        }

        if (style?.Dash is { } dash && !Enum.IsDefined(dash))
        {
            return $"{field}.Style.Dash is {dash}; allowed: {string.Join(", ", Enum.GetNames<DashPattern>())}.";
        }

        if (style?.Marker is { } marker && !Enum.IsDefined(marker))
        {
            return $"{field}.Style.Marker is {marker}; allowed: {string.Join(", ", Enum.GetNames<MarkerShape>())}.";
        }

        return null;
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();
}
