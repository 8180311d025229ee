using System.Globalization;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>Ready-made charts for bound-check reports. Each returns an ordinary <see cref="Chart"/>, so a report can
/// still change it with a <c>with</c> expression (add notes, fix a range) before rendering.</summary>
public static class ReportCharts
{
    private static readonly Axis IterationsLogAxis = new("T", "iterations", ScaleKind.Log10);

    /// <summary>Log–log error against the number of iterations T for one curve, with the predicted power law
    /// <c>error ∝ T^slope</c> drawn through the measured point at the largest T (where asymptotic rates apply).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="errorLabel">Vertical axis label, e.g. "E[F(x̄_T) − F*]".</param>
    /// <param name="iterations">T values (positive).</param>
    /// <param name="errors">Measured error at each T.</param>
    /// <param name="predictedSlope">Predicted log–log slope, e.g. −1 for O(1/T).</param>
    public static Chart ErrorVersusIterations(string title, string errorLabel, IReadOnlyList<double> iterations,
        IReadOnlyList<double> errors, double predictedSlope) =>
        ErrorVersusIterations(title, errorLabel, iterations, [new NamedValues("measured", errors)], predictedSlope);

    /// <summary>Log–log error against T for several curves (e.g. one per schedule), with the predicted power law
    /// <c>error ∝ T^slope</c> through the first curve's point at the largest T that a log axis can show. Without such
    /// a point the line is left out and a note says so.</summary>
    public static Chart ErrorVersusIterations(string title, string errorLabel, IReadOnlyList<double> iterations,
        IReadOnlyList<NamedValues> errors, double predictedSlope)
    {
        ArgumentNullException.ThrowIfNull(iterations);
        ArgumentNullException.ThrowIfNull(errors);
        var chart = new Chart(title, IterationsLogAxis, new Axis(errorLabel, null, ScaleKind.Log10),
            [.. errors.Select(curve => Series.LineWithMarkers(curve.Name, iterations, curve.Values))]);
        string slopeLabel = "predicted slope " + predictedSlope.ToString("G4", CultureInfo.InvariantCulture);
        (double X, double Y)? anchor = errors.Count == 0 ? null : LastPositivePoint(iterations, errors[0].Values);
        return anchor is { } point
            ? chart with { ReferenceLines = [new PowerLawReferenceLine(slopeLabel, predictedSlope, point.X, point.Y)] }
            : chart with { Notes = [$"{slopeLabel}: not drawn (no positive value to anchor it)"] };
    }

    /// <summary>Speed-up S(N) against the number of workers N, one curve per schedule, with the ideal linear
    /// speed-up S(N) = N as a reference.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="workers">Worker counts N.</param>
    /// <param name="speedUpBySchedule">S(N) = E f(single worker) / E f(x̄) for each schedule, one value per N.</param>
    /// <param name="scale">Scale of both axes; log–log shows the gap from linear speed-up as a ratio.</param>
    public static Chart SpeedUpVersusWorkers(string title, IReadOnlyList<double> workers,
        IReadOnlyList<NamedValues> speedUpBySchedule, ScaleKind scale = ScaleKind.Linear)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(speedUpBySchedule);
        return new Chart(title, new Axis("N", "workers", scale), new Axis("speed-up S(N)", null, scale),
            [.. speedUpBySchedule.Select(curve => Series.LineWithMarkers(curve.Name, workers, curve.Values))])
        {
            ReferenceLines = [new StraightReferenceLine("ideal S(N) = N", 1, 0)],
        };
    }

    /// <summary>An estimated quantity against T with its interval as a shaded band and, if given, the predicted
    /// constant it should approach (e.g. the limit of N·T·E F).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="quantityLabel">Vertical axis label.</param>
    /// <param name="iterations">T values.</param>
    /// <param name="estimate">Point estimate at each T.</param>
    /// <param name="low">Interval lower ends.</param>
    /// <param name="high">Interval upper ends.</param>
    /// <param name="predictedConstant">Predicted level, drawn as a horizontal line; null for none.</param>
    /// <param name="intervalLabel">Legend text of the band, e.g. "95% interval".</param>
    /// <param name="iterationScale">Scale of the T axis (log by default: T usually spans decades).</param>
    public static Chart QuantityVersusIterations(string title, string quantityLabel, IReadOnlyList<double> iterations,
        IReadOnlyList<double> estimate, IReadOnlyList<double> low, IReadOnlyList<double> high,
        double? predictedConstant = null, string intervalLabel = "95% interval",
        ScaleKind iterationScale = ScaleKind.Log10)
    {
        ArgumentNullException.ThrowIfNull(iterations);
        string color = ChartPalette.ColorAt(0);
        var chart = new Chart(title, IterationsLogAxis with { Scale = iterationScale }, new Axis(quantityLabel),
        [
            Series.Band(intervalLabel, iterations, low, high, new SeriesStyle { Color = color }),
            Series.LineWithMarkers("estimate", iterations, estimate, new SeriesStyle { Color = color, Marker = MarkerShape.Circle }),
        ]);
        return predictedConstant is { } level
            ? chart with
            {
                ReferenceLines = [new HorizontalReferenceLine(
                    "predicted " + level.ToString("G4", CultureInfo.InvariantCulture), level)],
            }
            : chart;
    }

    /// <summary>Exact values (from the moment recursions) against Monte Carlo means with their interval band.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xAxis">Horizontal axis, e.g. new Axis("t", "steps").</param>
    /// <param name="yAxis">Vertical axis, e.g. new Axis("E (x̄_t − w*)²").</param>
    /// <param name="x">Shared x grid.</param>
    /// <param name="exact">Exact value at each x.</param>
    /// <param name="monteCarloMean">Monte Carlo mean at each x.</param>
    /// <param name="low">Interval lower ends.</param>
    /// <param name="high">Interval upper ends.</param>
    /// <param name="intervalLabel">Legend text of the band.</param>
    public static Chart ExactVersusMonteCarlo(string title, Axis xAxis, Axis yAxis, IReadOnlyList<double> x,
        IReadOnlyList<double> exact, IReadOnlyList<double> monteCarloMean, IReadOnlyList<double> low,
        IReadOnlyList<double> high, string intervalLabel = "95% interval")
    {
        ArgumentNullException.ThrowIfNull(x);
        string monteCarloColor = ChartPalette.ColorAt(0);
        return new Chart(title, xAxis, yAxis,
        [
            Series.Band("Monte Carlo " + intervalLabel, x, low, high, new SeriesStyle { Color = monteCarloColor }),
            Series.Line("exact", x, exact, new SeriesStyle { Color = ChartPalette.ColorAt(1) }),
            Series.Scatter("Monte Carlo mean", x, monteCarloMean,
                new SeriesStyle { Color = monteCarloColor, Marker = MarkerShape.Circle }),
        ]);
    }

    private static (double X, double Y)? LastPositivePoint(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        (double X, double Y)? best = null;
        for (int index = 0; index < Math.Min(x.Count, y.Count); index++)
        {
            bool usable = double.IsFinite(x[index]) && double.IsFinite(y[index]) && x[index] > 0 && y[index] > 0;
            if (usable && (best is null || x[index] > best.Value.X))
            {
                best = (x[index], y[index]);
            }
        }

        return best;
    }
}
