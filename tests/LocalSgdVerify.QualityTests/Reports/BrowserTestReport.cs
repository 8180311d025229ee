using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.QualityTests.Reports;

/// <summary>
/// A synthetic report for the browser test (no claim is run): two claims of each verdict, one not finished, figures of
/// every kind a report draws (<see cref="SyntheticFigures"/>), and text that an unescaping writer would turn into markup.
/// </summary>
internal static class BrowserTestReport
{
    public static ReportDocument Create()
    {
        ClaimReport[] claims =
        [
            Claim("spiridonoff.S1", "pass", [SyntheticFigures.ErrorVersusT()]),
            Claim("spiridonoff.S2", "fail", [SyntheticFigures.SpeedUp()]),
            Claim("spiridonoff.S3", "inconclusive", [SyntheticFigures.NTError()]),
            Claim("gu.uv-toy", "pass", [SyntheticFigures.UvToy(), SyntheticFigures.ErrorVersusT() with { Name = "second" }]),
            Claim("patel.exact-vs-mc", "fail", [SyntheticFigures.ExactVersusMonteCarlo()]),
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
}
