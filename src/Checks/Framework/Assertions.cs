using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>The assertion shapes claims share: an exact fact, and a decision on a confidence interval.</summary>
public static class Assertions
{
    /// <summary>
    /// An exact fact: |measured − predicted| ≤ tolerance·max(|predicted|, tiny). Pass or Fail, never inconclusive;
    /// the margin is tolerance − relative gap. <paramref name="id"/> is the assertion's key (<see cref="AssertionResult.Id"/>).
    /// </summary>
    public static AssertionResult ExactlyEqual(string name, double measured, double predicted, double relativeTolerance, string unit = "", string? note = null, string? id = null)
    {
        double scale = Math.Max(Math.Abs(predicted), 1e-300);
        double gap = Math.Abs(measured - predicted) / scale;
        var verdict = gap <= relativeTolerance ? Verdict.Pass : Verdict.Fail;
        return new AssertionResult(name, verdict, new Quantity(name, measured, unit),
            new Prediction($"= {NumberText.Compact(predicted)} (relative tolerance {NumberText.Compact(relativeTolerance)})", predicted),
            relativeTolerance - gap, $"exact, relative gap {NumberText.Compact(gap)}", Note: note) { Id = id };
    }

    /// <summary>
    /// A statistical assertion from a decision on an interval: the interval is the measured quantity, the method names its
    /// construction and assumption, and α and the detectable discrepancy (claims.md §6) are recorded beside it.
    /// <paramref name="id"/> is the assertion's key (<see cref="AssertionResult.Id"/>).
    /// </summary>
    public static AssertionResult FromInterval(string name, Decision decision, Interval estimate, string quantityName, Prediction prediction,
        double alpha, double detectable, string? note = null, string? id = null) =>
        new(name, decision.Verdict, new Quantity(quantityName, estimate.Estimate, "", estimate.Low, estimate.High, estimate.Level), prediction, decision.Margin,
            $"{estimate.Method}; assumes {estimate.Assumption}", alpha, detectable, note) { Id = id };
}
