using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.QualityTests.Reports;

/// <summary>
/// A synthetic report for the browser test (no claim is run): two claims of each verdict, one not finished, figures of
/// every kind a report draws (log–log with a predicted slope and an interval band, speed-up per schedule, N·T·error
/// with a predicted constant, the uv toy's curve, exact against Monte Carlo with a NaN gap), and text that an
/// unescaping writer would turn into markup.
/// </summary>
internal static class BrowserTestReport
{
    public static ReportDocument Create()
    {
        ClaimReport[] claims =
        [
            Claim("spiridonoff.S1", "pass", [ErrorVersusT()]),
            Claim("spiridonoff.S2", "fail", [SpeedUp()]),
            Claim("spiridonoff.S3", "inconclusive", [NTError()]),
            Claim("gu.uv-toy", "pass", [UvToy(), ErrorVersusT() with { Name = "second" }]),
            Claim("patel.exact-vs-mc", "fail", [ExactVersusMonteCarlo()]),
            Claim("stich.speed-up", "inconclusive", []) with { Title = "Title with <b>tags</b> & \"quotes\" that must stay text" },
        ];
        int assertions = claims.Sum(c => c.Design.Assertions);
        return new ReportDocument(ReportDocument.CurrentSchemaVersion, new SuiteInfo("LocalSgdVerify", "0.1.0"),
            new RunInfo("check", "ci", 20261121, 1e-4, assertions, 1e-4 / assertions, false, ["woodworth.lower-bound"]),
            new RunEnvironment("2026-11-21T09:30:00Z", "browser test", 2, claims.ToDictionary(c => c.Id, _ => 1.5)),
            new VerdictCounts(2, 2, 2), claims);
    }

    private static ClaimReport Claim(string id, string verdict, IReadOnlyList<Figure> figures)
    {
        var parsed = verdict switch { "pass" => Verdict.Pass, "fail" => Verdict.Fail, _ => Verdict.Inconclusive };
        double margin = verdict switch { "pass" => 0.04, "fail" => -0.3, _ => -0.01 };
        var measured = new Quantity("slope of log error vs log T", -0.97, "", -1.01, -0.93, 1 - 2.5e-6);
        return new ClaimReport(id, $"Synthetic claim {id}", "synthetic source for the browser test", "A statement with x̄_T, σ² and N·T.",
            ["assumption one", "assumption two"], "statistical",
            new ClaimDesign("kink function", [1, 2, 4, 8], [100, 1000, 10000], ["every-step", "one-shot"], 512, 2),
            verdict, measured, new Prediction("-1 (error ∝ 1/T)", -1), margin, 2.5e-6,
            [new AssertionResult("slope", parsed, measured, new Prediction("-1", -1), margin, "least squares, t interval", 2.5e-6, 0.05)],
            [$"evidence line for {id}"], figures, 1000);
    }

    private static Figure ErrorVersusT() => new("error-vs-T", "Error against T (log–log)", new Axis("T (steps)", true), new Axis("E F(x̄_T) − F*", true),
        [new FigureSeries("every-step", [10, 100, 1000, 10000], [0.1, 0.011, 0.0012, 0.00011], [0.09, 0.01, 0.0011, 0.0001], [0.11, 0.012, 0.0013, 0.00012])],
        [new ReferenceLine("predicted slope -1", -1, 1)]);

    private static Figure SpeedUp() => new("speed-up", "Speed-up against N per schedule", new Axis("N (workers)", true), new Axis("S(N)", true),
        [new FigureSeries("every-step", [1, 2, 4, 8], [1, 1.9, 3.7, 7.1]), new FigureSeries("one-shot", [1, 2, 4, 8], [1, 1.5, 2.2, 3.0])],
        [new ReferenceLine("ideal S = N", 1, 1)]);

    private static Figure NTError() => new("n-t-error", "N·T·error against T", new Axis("T (steps)", true), new Axis("N·T·E F"),
        [new FigureSeries("estimate", [100, 1000, 10000], [3.2, 3.5, 3.6], [2.9, 3.2, 3.3], [3.5, 3.8, 3.9])],
        [new ReferenceLine("predicted C = 3.6", 0, 3.6)]);

    private static Figure UvToy() => new("uv", "u² − v² against steps per H", new Axis("steps per round H"), new Axis("u² − v²"),
        [new FigureSeries("measured", [1, 2, 4, 8, 16], [0.01, 0.04, 0.15, 0.62, 2.4], Style: SeriesStyle.Markers),
         new FigureSeries("predicted curve", [1, 2, 4, 8, 16], [0.0098, 0.039, 0.156, 0.62, 2.5], Style: SeriesStyle.Line)],
        []);

    private static Figure ExactVersusMonteCarlo() => new("exact-vs-mc", "Exact against Monte Carlo", new Axis("t (steps)"), new Axis("E (x̄_t − w*)²", true),
        [new FigureSeries("Monte Carlo", [1, 2, 3, 4, 5], [1.0, 0.52, 0.27, 0.14, double.NaN], [0.9, 0.47, 0.24, 0.12, double.NaN], [1.1, 0.57, 0.3, 0.16, double.NaN], SeriesStyle.Markers),
         new FigureSeries("exact", [1, 2, 3, 4, 5], [1.0, 0.5, 0.25, 0.125, 0.0625], Style: SeriesStyle.Line)],
        []);
}
