using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Checks.Framework.Kit;

/// <summary>
/// The assertion of one explored Monte Carlo configuration: its law's outcome (interval, verdict, margin, detectable
/// discrepancy) as a row of the claim's evidence, spending one share α of the error budget. Claims count these in their
/// design before the run.
/// </summary>
public static class LawAssertions
{
    /// <summary>An assertion from a statistical law outcome (it must carry its interval).</summary>
    public static AssertionResult FromOutcome(string id, string name, LawOutcome outcome, Prediction prediction, double alpha)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var interval = outcome.Interval ?? throw new ArgumentException("a statistical law outcome carries its interval", nameof(outcome));
        return new AssertionResult(name, outcome.Verdict, new Quantity(outcome.Quantity, interval.Estimate, "", interval.Low, interval.High, interval.Level),
            prediction, outcome.Margin, $"{interval.Method}; assumes {interval.Assumption}", alpha, outcome.Detectable,
            outcome.Note is null ? $"bound {NumberText.Compact(outcome.Bound)}" : outcome.Note) { Id = id };
    }
}
