using System.Collections.Immutable;
using LocalSgdVerify.Reports.Charts;
using CheckAxis = LocalSgdVerify.Checks.Framework.Axis;
using CheckFigure = LocalSgdVerify.Checks.Framework.Figure;
using CheckReferenceLine = LocalSgdVerify.Checks.Framework.ReferenceLine;
using CheckSeries = LocalSgdVerify.Checks.Framework.FigureSeries;
using CheckSeriesStyle = LocalSgdVerify.Checks.Framework.SeriesStyle;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// Turns a claim's <see cref="CheckFigure"/> (renderer-free data) into a chart of the SVG module. Each series keeps
/// one palette colour for its line and for its interval band (drawn first, underneath, under the same name, so the
/// legend shows both in one entry). A reference line
/// (Slope, Intercept) becomes the power law y = Intercept·x^Slope when both axes are logarithmic, the straight line
/// y = Intercept + Slope·x otherwise, and a horizontal line y = Intercept whenever Slope = 0 (Figure.cs).
/// </summary>
public static class FigureCharts
{
    /// <summary>The chart of a figure, 600 × 400 (readable at 600 px wide).</summary>
    public static Chart ToChart(CheckFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var series = ImmutableArray.CreateBuilder<Series>();
        for (int index = 0; index < figure.Series.Count; index++)
        {
            CheckSeries data = figure.Series[index];
            string color = ChartPalette.ColorAt(index);
            var style = new SeriesStyle { Color = color, Marker = ChartPalette.MarkerAt(index) };
            if (data.Low is { } low && data.High is { } high)
                series.Add(Series.Band(data.Name, data.X, low, high, new SeriesStyle { Color = color }));
            // A plain line lying on an earlier series would vanish under it (identical paths are what the identity
            // claims show): it gets its markers, whose shapes differ by series, so every series stays visible.
            bool hidden = data.Style == CheckSeriesStyle.Line && Enumerable.Range(0, index).Any(earlier => Coincide(figure.Series[earlier], data));
            series.Add(data.Style switch
            {
                CheckSeriesStyle.Line when !hidden => Series.Line(data.Name, data.X, data.Y, style),
                CheckSeriesStyle.Markers => Series.Scatter(data.Name, data.X, data.Y, style),
                _ => Series.LineWithMarkers(data.Name, data.X, data.Y, style),
            });
        }
        bool logLog = figure.X.Logarithmic && figure.Y.Logarithmic;
        return new Chart(figure.Title, ToAxis(figure.X), ToAxis(figure.Y), series.ToImmutable())
        {
            ReferenceLines = [.. figure.ReferenceLines.Select(line => ToReferenceLine(line, logLog))],
        };
    }

    /// <summary>
    /// True when <paramref name="later"/> would be drawn over <paramref name="earlier"/>: the same x values and every y
    /// within 0.1 % of the earlier one (below a pixel on a 400-pixel plot of either scale).
    /// </summary>
    public static bool Coincide(CheckSeries earlier, CheckSeries later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (earlier.X.Count != later.X.Count || earlier.Y.Count != later.Y.Count || later.Y.Count == 0) return false;
        for (int i = 0; i < later.X.Count; i++)
        {
            if (earlier.X[i] != later.X[i]) return false;
            double a = earlier.Y[i], b = later.Y[i];
            if (!(Math.Abs(a - b) <= 1e-3 * Math.Max(Math.Abs(a), Math.Abs(b))) && a != b) return false;
        }
        return true;
    }

    /// <summary>The chart's axis: the figure's label (it carries the unit) on a linear or base-10 log scale.</summary>
    public static Axis ToAxis(CheckAxis axis) => new(axis.Label, null, axis.Logarithmic ? ScaleKind.Log10 : ScaleKind.Linear);

    /// <summary>A reference line as the chart module draws it (see the type's summary for the three cases).</summary>
    public static ReferenceLine ToReferenceLine(CheckReferenceLine line, bool logLog) =>
        line.Slope == 0 ? new HorizontalReferenceLine(line.Name, line.Intercept)
        : logLog ? new PowerLawReferenceLine(line.Name, line.Slope, 1, line.Intercept)
        : new StraightReferenceLine(line.Name, line.Slope, line.Intercept);

    /// <summary>The heat map of a figure that has one: its cells, and its series as lines over them.</summary>
    public static HeatMapChart ToHeatMap(CheckFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var map = figure.HeatMap ?? throw new ArgumentException($"figure '{figure.Name}' has no heat map", nameof(figure));
        return new HeatMapChart(figure.Title, ToAxis(figure.X), ToAxis(figure.Y), [.. map.X], [.. map.Y],
            [.. map.Values.Select(row => row.ToImmutableArray())], map.ValueLabel, map.LogarithmicValues ? ScaleKind.Log10 : ScaleKind.Linear)
        {
            Lines = [.. figure.Series.Select(series => new HeatMapLine(series.Name, [.. series.X], [.. series.Y]))],
        };
    }

    /// <summary>Null when the figure can be drawn, else why not (unequal array lengths and the like).</summary>
    public static string? Problem(CheckFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        try { return figure.HeatMap is null ? ChartValidation.FirstProblem(ToChart(figure)) : ToHeatMap(figure).Problem(); }
        catch (ArgumentException error) { return error.Message; }
    }

    /// <summary>The figure as SVG, or null with the reason when its data cannot be drawn (the report says so instead of failing).</summary>
    public static (string? Svg, string? Problem) TryRender(CheckFigure figure, ChartRenderOptions options)
    {
        string? problem = Problem(figure);
        if (problem is not null) return (null, problem);
        return (figure.HeatMap is null ? ChartRenderer.RenderSvg(ToChart(figure), options) : HeatMapRenderer.RenderSvg(ToHeatMap(figure), options), null);
    }
}
