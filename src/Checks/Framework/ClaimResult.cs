using System.Text.Json.Serialization;
using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// The outcome of one claim: the headline measured value beside the predicted value or bound, the verdict, the
/// margin (signed distance to the decision boundary in the measured quantity's units; positive = room to spare),
/// every assertion behind the verdict, the evidence in words and the figures' data.
/// </summary>
public sealed record ClaimResult(
    string Id,
    Verdict Verdict,
    Quantity Measured,
    Prediction Predicted,
    double Margin,
    IReadOnlyList<AssertionResult> Assertions,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<Figure> Figures,
    long SamplesUsed)
{
    /// <summary>
    /// The replicates per experiment the verdict rests on: what the deciding look of a staged run handed out
    /// (<see cref="ClaimContext.Replicates"/>); equal to <see cref="ReplicatesMaximum"/> when the claim was evaluated at
    /// its maximum, and 0 for a claim that runs no replicates.
    /// </summary>
    public int ReplicatesUsed { get; init; }

    /// <summary>The profile's maximum replicates per experiment (0 for a claim that runs no replicates).</summary>
    public int ReplicatesMaximum { get; init; }

    /// <summary>
    /// What the claim's search over its assumption space found (configurations explored, worst ratio, counterexample or
    /// witnesses), or null for a claim checked at fixed configurations only.
    /// </summary>
    public Exploration.ExplorationReport? Exploration { get; init; }

    /// <summary>
    /// Why this claim's assertions cannot tell the prediction from a plausible wrong one at this design (for example a
    /// band so wide that the alternative passes too), or null when they can. Declared by the claim; reports flag it
    /// beside the verdict so a pass is not read as evidence it is not.
    /// </summary>
    public string? CannotDiscriminate { get; init; }

    /// <summary>Combines assertions: any fail fails; otherwise any inconclusive is inconclusive; else pass.</summary>
    public static Verdict Combine(IEnumerable<AssertionResult> assertions)
    {
        var verdicts = assertions.Select(a => a.Verdict).ToList();
        if (verdicts.Contains(Verdict.Fail)) return Verdict.Fail;
        if (verdicts.Contains(Verdict.Inconclusive) || verdicts.Count == 0) return Verdict.Inconclusive;
        return Verdict.Pass;
    }
}

/// <summary>A measured number with its name and unit, and its interval when it is an estimate.</summary>
public sealed record Quantity(string Name, double Value, string Unit = "", double? Low = null, double? High = null, double? Level = null);

/// <summary>A predicted value, or a bound / range, in words and numbers.</summary>
public sealed record Prediction(string Description, double? Value = null, double? Low = null, double? High = null);

/// <summary>
/// One decision inside a claim: what was compared, how (method and its assumption), the interval, the share of
/// the error budget it spent, and the smallest discrepancy it could have detected at its sample size.
/// </summary>
public sealed record AssertionResult(
    string Name,
    Verdict Verdict,
    Quantity Measured,
    Prediction Predicted,
    double Margin,
    string Method,
    double? Alpha = null,
    double? DetectableDiscrepancy = null,
    string? Note = null)
{
    /// <summary>
    /// A short kebab-case key the claim gives the assertion ("decay-exponent-h100", "ratio-to-every-step"), unique within
    /// the claim's result, so that tests find an assertion without matching its wording. An in-process handle only:
    /// report.json does not carry it, so a report read back has none.
    /// </summary>
    [JsonIgnore]
    public string? Id { get; init; }

    /// <summary>
    /// The share of the replicates at which this verdict would first have been reached, f = (h/D)² with intervals
    /// shrinking like 1/√n (see <see cref="Framework.ReplicatesNeeded"/>); derived from the fields above, never stored.
    /// </summary>
    public ReplicatesNeeded ReplicatesNeeded => ReplicatesNeeded.For(this);
}
