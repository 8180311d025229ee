using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Scenarios;

namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>
/// A claim's law at one configuration: the measured quantity, the bound the theory gives there, and the verdict of the
/// per-configuration statement (for a "for all" law: the bound holds; for an existence law: the predicted failure is
/// seen, i.e. the configuration is a witness). <see cref="Ratio"/> = measured/bound is the tightness: how much of the
/// bound the configuration uses. <see cref="Replay"/> is the scenario that reproduces the configuration's own number
/// through <c>simulate</c>.
/// </summary>
/// <param name="Verdict">Pass (the statement holds here), Fail, or Inconclusive (a Monte Carlo interval straddles the bound).</param>
/// <param name="Measured">The measured quantity (an estimate for Monte Carlo laws).</param>
/// <param name="Bound">The bound or threshold it is compared with.</param>
/// <param name="Quantity">What <paramref name="Measured"/> is, in words ("relative gap |N·T·E F/C − 1|").</param>
/// <param name="Replay">The scenario replaying this configuration and the value <c>simulate</c> prints for it.</param>
public sealed record LawOutcome(Verdict Verdict, double Measured, double Bound, string Quantity, Replay Replay)
{
    /// <summary>measured/bound; for a bound of 0 (an exact equality such as "0 mismatched steps"), 0 when measured is 0, else +∞.</summary>
    public double Ratio => Bound == 0 ? (Measured == 0 ? 0 : double.PositiveInfinity) : Measured / Bound;

    /// <summary>The confidence interval of a Monte Carlo measurement, or null for an exact one.</summary>
    public Interval? Interval { get; init; }

    /// <summary>The detectable discrepancy of a Monte Carlo assertion at its sample size (claims.md §6), or null.</summary>
    public double? Detectable { get; init; }

    /// <summary>A short remark printed beside the case (the reference run of a paired ratio, say).</summary>
    public string? Note { get; init; }

    /// <summary>
    /// The signed distance to the decision boundary in the measured quantity's units (positive = room to spare, as in
    /// <see cref="Decision.Margin"/>); for an exact comparison with an upper bound, bound − measured.
    /// </summary>
    public double Margin { get; init; } = Bound - Measured;

    /// <summary>An exact comparison measured ≤ bound (Pass) or not (Fail); NaN (a diverged run) fails.</summary>
    public static LawOutcome AtMost(double measured, double bound, string quantity, Replay replay) =>
        new(measured <= bound ? Verdict.Pass : Verdict.Fail, measured, bound, quantity, replay);

    /// <summary>A Monte Carlo comparison decided on an interval (the decision's verdict and margin, the interval kept).</summary>
    public static LawOutcome FromDecision(Decision decision, Interval interval, double bound, string quantity, Replay replay, double detectable) =>
        new(decision.Verdict, interval.Estimate, bound, quantity, replay) { Interval = interval, Margin = decision.Margin, Detectable = detectable };
}

/// <summary>
/// What replays an explored configuration: the scenario (configuration, replicates, seed), and the number
/// <c>simulate</c> prints for it at its last checkpoint, the exact E[F(output)] − F* (<c>simulate --exact</c>) or
/// the Monte Carlo mean over the scenario's replicates.
/// </summary>
/// <param name="Scenario">The scenario; its replicates and seed are those the claim measured.</param>
/// <param name="Exact">True when <see cref="Value"/> is the exact column (<c>simulate --exact</c>), false for the Monte Carlo mean.</param>
/// <param name="Value">The value at the last checkpoint.</param>
public sealed record Replay(Scenario Scenario, bool Exact, double Value)
{
    /// <summary>Set when the law's measurement is not a number <c>simulate</c> prints (a path compared step by step): what the scenario then replays.</summary>
    public string? Unprinted { get; init; }

    /// <summary>"exact E[F(output)] − F* at T" or "Monte Carlo mean of F(output) − F* at T", for reports.</summary>
    public string Quantity => Unprinted ?? (Exact ? "exact E[F(output)] − F* at the last checkpoint (simulate --exact)" : "Monte Carlo mean of F(output) − F* at the last checkpoint (simulate)");

    /// <summary>A replay of a configuration whose measurement <c>simulate</c> does not print; its value is NaN.</summary>
    public static Replay OfPath(Scenario scenario, string what) => new(scenario, false, double.NaN) { Unprinted = what };
}
