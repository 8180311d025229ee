using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Validation.Scenarios;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Running;

/// <summary>
/// A validation as the bound-check report document (report.json and the renderings made from it), with run kind
/// <c>validate</c>: each scenario is one entry of <c>claims</c> — verdict pass (conforms), fail (non-conforming, or the
/// implementation crashed, hung or broke the protocol) or inconclusive (blackbox could not decide, or the command
/// could not be started); a run that did not complete has a measured quantity named <c>could not run: CODE</c>. The
/// diagnosis is the first evidence line.
/// </summary>
public static class ValidationReport
{
    /// <summary>The document of <paramref name="run"/>.</summary>
    public static ReportDocument ToDocument(ValidationRun run, DateTimeOffset date, string machine)
    {
        ArgumentNullException.ThrowIfNull(run);
        var options = run.Options;
        double alphaPerAssertion = run.TotalAssertions > 0 ? ErrorBudget.Split(options.Alpha, run.TotalAssertions) : 0;
        var claims = run.Results.Select(result => Claim(result, options, alphaPerAssertion)).ToList();
        var counts = new VerdictCounts(
            run.Results.Count(r => r.Verdict == ScenarioVerdict.Conforms),
            run.Results.Count(r => r.Verdict == ScenarioVerdict.NonConforming || r.IsImplementationFault),
            run.Results.Count(r => r.Verdict == ScenarioVerdict.Inconclusive || (r.Verdict == ScenarioVerdict.CouldNotRun && !r.IsImplementationFault)));
        var info = new RunInfo("validate", ScenarioPreparation.ModeName(options.Mode), 0, options.Alpha, run.TotalAssertions, alphaPerAssertion, true, []);
        var environment = new RunEnvironment(ReportDocumentBuilder.FormatDate(date), machine, 1,
            run.Results.ToDictionary(r => r.Name, r => r.WallSeconds));
        return new ReportDocument(ReportDocument.CurrentSchemaVersion, new SuiteInfo(SuiteInfo.ToolName, ReportDocumentBuilder.SuiteVersion), info, environment, counts, claims);
    }

    private static ClaimReport Claim(ScenarioResult result, ValidationOptions options, double alphaPerAssertion)
    {
        bool oracle = result.Mode == ValidationMode.Oracle;
        string statement = oracle
            ? $"Under the harness's noise, every point the implementation queries and its output equal the reference Local SGD iterates within relative tolerance {ThreeSignificant(options.RelativeTolerance)} (|x − x_ref|∞ ≤ ρ·max(1, |x_ref|∞))."
            : "Under its own noise, the implementation's outputs have the reference's mean iterate, mean error and error distribution (and the declared speed-up), each at its share of the error budget.";
        IReadOnlyList<string> assumptions = oracle
            ? ["the implementation asks for every gradient at the point it uses", "float64 arithmetic (or a tolerance chosen for the implementation's precision)"]
            : ["the implementation's noise follows the documented problem family", "runs with different seeds are independent"];
        // An implementation that crashed, hung or broke the protocol failed the scenario; one the user's setup kept
        // from starting leaves it undecided.
        string verdict = VerdictText.Name(result.Verdict switch
        {
            ScenarioVerdict.Conforms => Verdict.Pass,
            ScenarioVerdict.NonConforming => Verdict.Fail,
            ScenarioVerdict.CouldNotRun when result.IsImplementationFault => Verdict.Fail,
            _ => Verdict.Inconclusive,
        });
        Quantity measured;
        Prediction predicted;
        double margin;
        IReadOnlyList<AssertionResult> assertions;
        if (result.Verdict == ScenarioVerdict.CouldNotRun && result.Assertions.Count == 0)
        {
            measured = new Quantity($"could not run: {result.Error?.Code ?? "unknown"}", double.NaN);
            predicted = new Prediction(oracle ? $"scaled deviation at most {ThreeSignificant(options.RelativeTolerance)}" : "no discrepancy");
            margin = double.NaN;
            assertions = [];
        }
        else if (oracle)
        {
            if (result.Divergence is { Kind: Oracle.DivergenceKind.SyncReport } reports)
            {
                // Every point matched; what differs is where the implementation says it averaged.
                measured = double.IsNaN(reports.Actual)
                    ? new Quantity($"no averaging reported where the schedule has step {ThreeSignificant(reports.Expected)}", double.NaN)
                    : new Quantity($"reported averaging step where the schedule has {(double.IsNaN(reports.Expected) ? "none" : ThreeSignificant(reports.Expected))}", reports.Actual);
                predicted = new Prediction("the schedule's sync steps", reports.Expected);
                margin = double.NaN;
            }
            else if (result.Divergence is null && result.Error is { } violation && result.Verdict == ScenarioVerdict.NonConforming)
            {
                // The points were never wrong; the run broke the protocol (a second result, a sync after T, …).
                measured = new Quantity($"protocol violation: {violation.Code}", double.NaN);
                predicted = new Prediction("every message allowed by the protocol");
                margin = double.NaN;
            }
            else
            {
                double deviation = result.Divergence?.Deviation ?? result.MaximumDeviation ?? double.NaN;
                measured = new Quantity(result.Divergence is null ? "largest scaled deviation" : "scaled deviation at the first divergence", deviation);
                predicted = new Prediction($"at most {ThreeSignificant(options.RelativeTolerance)}", High: options.RelativeTolerance);
                margin = options.RelativeTolerance - deviation;
            }
            assertions =
            [
                new AssertionResult("points, output and sync reports match the reference",
                    result.Verdict == ScenarioVerdict.Conforms ? Verdict.Pass : result.Verdict == ScenarioVerdict.NonConforming ? Verdict.Fail : Verdict.Inconclusive,
                    measured, predicted, margin, "exact comparison under common random numbers", Note: result.Diagnosis?.Describe()),
            ];
        }
        else
        {
            var worst = result.Assertions.OrderBy(a => a.Margin).First();
            measured = worst.Measured;
            predicted = worst.Predicted;
            margin = worst.Margin;
            assertions = result.Assertions;
        }
        var evidence = new List<string> { result.Summary };
        evidence.AddRange(result.Evidence);
        return new ClaimReport(result.Name, string.IsNullOrEmpty(result.Description) ? result.Name : result.Description, result.Source ?? "built-in scenario",
            statement, assumptions, oracle ? "exact" : "statistical", result.Design, verdict, measured, predicted, margin, alphaPerAssertion,
            assertions, evidence, [], oracle ? result.Design.Workers[0] * (long)result.Design.Horizons[0] : (long)result.Design.Replicates);
    }
}
