using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>The figure every exploration can draw: each explored configuration's ratio measured/bound against one of its parameters, with the line ratio = 1.</summary>
public static class ExplorationFigures
{
    /// <summary>
    /// Ratios measured/bound of the explored configurations against <paramref name="parameter"/> (one series per verdict,
    /// so passing and failing configurations read apart), the counterexample or witnesses marked, and ratio = 1 drawn.
    /// </summary>
    public static Figure Ratios<T>(string name, string title, ExplorationResult<T> result, Func<T, double> parameter, Axis x, bool logarithmicRatio = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var series = new List<FigureSeries>();
        foreach (var verdict in new[] { Verdict.Pass, Verdict.Inconclusive, Verdict.Fail })
        {
            var points = result.Explored.Where(e => e.Outcome.Verdict == verdict && double.IsFinite(e.Outcome.Ratio)).ToList();
            if (points.Count == 0) continue;
            string label = result.Kind == ExplorationReport.ForAllKind
                ? verdict switch { Verdict.Pass => "law holds", Verdict.Fail => "law fails", _ => "undecided" }
                : verdict switch { Verdict.Pass => "witness", Verdict.Fail => "no failure seen", _ => "undecided" };
            series.Add(new FigureSeries($"{label} ({points.Count})", points.Select(e => parameter(e.Configuration)).ToArray(),
                points.Select(e => Floor(e.Outcome.Ratio, logarithmicRatio)).ToArray(), Style: SeriesStyle.Markers));
        }
        IReadOnlyList<Shrunk<T>> shrunk = result.Counterexample is { } c ? [c] : result.Witnesses;
        if (shrunk.Count > 0)
            series.Add(new FigureSeries(result.Kind == ExplorationReport.ForAllKind ? "counterexample (shrunk)" : "witness (shrunk)",
                shrunk.Select(s => parameter(s.Final.Configuration)).ToArray(), shrunk.Select(s => Floor(s.Final.Outcome.Ratio, logarithmicRatio)).ToArray(), Style: SeriesStyle.Markers));
        return new Figure(name, title, x, new Axis("ratio measured / bound", logarithmicRatio), series, [new ReferenceLine("ratio = 1 (the bound)", 0, 1)]);
    }

    // A log axis cannot show 0: exact agreement is drawn at 1e-6 of the bound.
    private static double Floor(double ratio, bool logarithmic) => logarithmic ? Math.Max(ratio, 1e-6) : ratio;
}
