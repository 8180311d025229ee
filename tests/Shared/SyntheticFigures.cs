using LocalSgdVerify.Checks.Framework;

namespace LocalSgdVerify.TestSupport;

/// <summary>
/// Hand-made figures of each kind a report draws (log–log with a predicted slope and an interval band, speed-up per
/// schedule, N·T·error with a predicted constant, the uv toy's curve, exact against Monte Carlo with a NaN gap), for
/// the synthetic reports of the report and browser tests.
/// </summary>
public static class SyntheticFigures
{
    /// <summary>Text that breaks naive writers: table pipes, Markdown emphasis, HTML tags, quotes, an ampersand, a backtick.</summary>
    public const string Awkward = "a | b *not bold* _x_ <script>alert('x')</script> & \"q\" `c` [link](#) # 5 < 7 > 3";

    public static Figure ErrorVersusT() => new("error-vs-T", "Error vs T (log–log)", new Axis("T (steps)", true), new Axis("E F(x̄_T) − F*", true),
        [new FigureSeries("every-step", [10, 100, 1000, 10000], [0.1, 0.011, 0.0012, 0.00011], [0.09, 0.01, 0.0011, 0.0001], [0.11, 0.012, 0.0013, 0.00012]),
         new FigureSeries("one-shot", [10, 100, 1000, 10000], [0.2, 0.02, 0.002, 0.0002])],
        [new ReferenceLine("predicted slope -1", -1, 1)]);

    public static Figure SpeedUp() => new("speed up", "Speed-up S(N) per schedule", new Axis("N (workers)", true), new Axis("S(N)", true),
        [new FigureSeries("every-step", [1, 2, 4, 8], [1, 1.9, 3.7, 7.1]), new FigureSeries("one-shot", [1, 2, 4, 8], [1, 1.5, 2.2, 3.0], Style: SeriesStyle.Markers)],
        [new ReferenceLine("ideal S = N", 1, 1)]);

    public static Figure NTError() => new("n-t-error", "N·T·error vs T", new Axis("T (steps)", true), new Axis("N·T·E F"),
        [new FigureSeries("estimate", [100, 1000, 10000], [3.2, 3.5, 3.6], [2.9, 3.2, 3.3], [3.5, 3.8, 3.9])],
        [new ReferenceLine("C = 3.6", 0, 3.6)]);

    public static Figure UvToy() => new("uv", "u² − v² against steps per H", new Axis("steps per round H"), new Axis("u² − v²"),
        [new FigureSeries("measured", [1, 2, 4, 8, 16], [0.01, 0.04, 0.15, 0.62, 2.4], Style: SeriesStyle.Markers),
         new FigureSeries("predicted curve", [1, 2, 4, 8, 16], [0.0098, 0.039, 0.156, 0.62, 2.5], Style: SeriesStyle.Line)],
        [new ReferenceLine("zero (no drift)", 0, 0)]);

    public static Figure ExactVersusMonteCarlo() => new("exact-vs-mc", "Exact vs Monte Carlo " + Awkward, new Axis("t (steps)"), new Axis("E (x̄_t − w*)²", true),
        [new FigureSeries("Monte Carlo", [1, 2, 3, 4, 5], [1.0, 0.52, 0.27, 0.14, double.NaN], [0.9, 0.47, 0.24, 0.12, double.NaN], [1.1, 0.57, 0.3, 0.16, double.NaN], SeriesStyle.Markers),
         new FigureSeries("exact", [1, 2, 3, 4, 5], [1.0, 0.5, 0.25, 0.125, 0.0625], Style: SeriesStyle.Line)],
        []);
}
