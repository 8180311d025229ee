using System.Text.Json;

namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>
/// What a claim's search over its assumption space found (report.json <c>exploration</c>): the kind of statement
/// ("for_all": the law must hold at every configuration; "exists": the predicted failure must be seen at one), the law
/// in words, how many configurations were explored and how their verdicts fell, the worst ratio measured/bound over
/// them (how loose the bound is, and where), and the shrunk counterexample or witnesses. A pure function of the
/// claim's seed and profile.
/// </summary>
/// <param name="Kind">"for_all" or "exists".</param>
/// <param name="Law">The law checked at each configuration, in words.</param>
/// <param name="Configurations">Configurations explored (drawn from the space; shrink candidates are not counted).</param>
/// <param name="Verdicts">How the explored configurations' verdicts fell.</param>
/// <param name="Worst">The explored configuration with the largest measured/bound (for "exists": the strongest witness candidate), or null when nothing was explored.</param>
/// <param name="Counterexample">For "for_all": the first failing configuration, shrunk while it still fails; null when the law held everywhere.</param>
/// <param name="Witness">For "exists": the first witness found, shrunk while it stays a witness; null when none was found.</param>
/// <param name="Witnesses">For "exists" over several groups (one per schedule that should fail): every group's witness, the first being <paramref name="Witness"/>; empty otherwise.</param>
public sealed record ExplorationReport(
    string Kind,
    string Law,
    int Configurations,
    ExploredVerdicts Verdicts,
    ExploredCase? Worst,
    ExploredCase? Counterexample,
    ExploredCase? Witness,
    IReadOnlyList<ExploredCase> Witnesses)
{
    /// <summary>The kind of a law that must hold at every configuration.</summary>
    public const string ForAllKind = "for_all";

    /// <summary>The kind of a law whose predicted failure must be seen at some configuration.</summary>
    public const string ExistsKind = "exists";
}

/// <summary>How many explored configurations passed, failed and were inconclusive (for "exists", pass = witness).</summary>
public sealed record ExploredVerdicts(int Pass, int Fail, int Inconclusive);

/// <summary>
/// One configuration of an exploration as the report shows it: the configuration in words and as a scenario object
/// (scenario.md; <c>simulate</c> reads it as it is), the measured value, the bound and their ratio, the verdict there,
/// the number <c>simulate</c> prints for the scenario, and how many shrink steps led to it.
/// </summary>
/// <param name="Group">The group of an existence search (the schedule that should fail), or null.</param>
/// <param name="Description">The configuration in one line.</param>
/// <param name="Scenario">The scenario object: name, description, problem, workers, steps, x0, step_size, communication, output, checkpoints, divergence_bound, replicates, seed, confidence_level.</param>
/// <param name="Quantity">What <paramref name="Measured"/> is.</param>
/// <param name="Measured">The measured value.</param>
/// <param name="Bound">The bound or threshold.</param>
/// <param name="Ratio">measured/bound.</param>
/// <param name="Verdict">pass, fail or inconclusive at this configuration.</param>
/// <param name="ReplayQuantity">What <c>simulate</c> prints for the scenario that <paramref name="ReplayValue"/> is.</param>
/// <param name="ReplayValue">That value: the claim's own measurement of it.</param>
/// <param name="ShrinkSteps">Accepted shrink steps from the drawn configuration (0 for a drawn one).</param>
/// <param name="Note">A remark (the paired reference run, the interval), or null.</param>
public sealed record ExploredCase(
    string? Group,
    string Description,
    JsonElement Scenario,
    string Quantity,
    double Measured,
    double Bound,
    double Ratio,
    string Verdict,
    string ReplayQuantity,
    double ReplayValue,
    int ShrinkSteps,
    string? Note);
