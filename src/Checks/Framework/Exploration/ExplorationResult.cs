using System.Text.Json;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>One configuration and its law's outcome.</summary>
public sealed record Explored<T>(T Configuration, LawOutcome Outcome);

/// <summary>A configuration reached by shrinking: where it ended, where it started and how many shrink steps were accepted.</summary>
public sealed record Shrunk<T>(string? Group, Explored<T> Final, Explored<T> Original, int Steps, int Evaluations);

/// <summary>
/// The typed result of an exploration (<see cref="Explorer"/>): every explored configuration with its outcome, the
/// worst ratio, the shrunk counterexample (for all) or witnesses (exists), the verdict, and the untyped
/// <see cref="ExplorationReport"/> record the report carries.
/// </summary>
public sealed class ExplorationResult<T>
{
    internal ExplorationResult(string kind, string law, AssumptionSpace<T> space, IReadOnlyList<Explored<T>> explored, Verdict verdict,
        Shrunk<T>? counterexample, IReadOnlyList<Shrunk<T>> witnesses)
    {
        Kind = kind;
        Law = law;
        Space = space;
        Explored = explored;
        Verdict = verdict;
        Counterexample = counterexample;
        Witnesses = witnesses;
        Worst = explored.Count == 0 ? null : explored.MaxBy(e => double.IsNaN(e.Outcome.Ratio) ? double.PositiveInfinity : e.Outcome.Ratio);
    }

    /// <summary><see cref="ExplorationReport.ForAllKind"/> or <see cref="ExplorationReport.ExistsKind"/>.</summary>
    public string Kind { get; }

    /// <summary>The law in words.</summary>
    public string Law { get; }

    /// <summary>The space explored.</summary>
    public AssumptionSpace<T> Space { get; }

    /// <summary>The drawn configurations in order, each with its outcome.</summary>
    public IReadOnlyList<Explored<T>> Explored { get; }

    /// <summary>The explored configuration with the largest measured/bound (NaN counts as largest).</summary>
    public Explored<T>? Worst { get; }

    /// <summary>For all: the first failing configuration shrunk; null when none failed.</summary>
    public Shrunk<T>? Counterexample { get; }

    /// <summary>Exists: one shrunk witness per group that has one.</summary>
    public IReadOnlyList<Shrunk<T>> Witnesses { get; }

    /// <summary>For all: fail when any configuration fails, inconclusive when any is undecided, else pass. Exists: pass when every group has a witness, fail when a group's configurations all decided against it, else inconclusive.</summary>
    public Verdict Verdict { get; }

    /// <summary>The largest measured/bound over the explored configurations (NaN when none).</summary>
    public double WorstRatio => Worst?.Outcome.Ratio ?? double.NaN;

    /// <summary>The report's record: counts, worst case, counterexample and witnesses with their scenarios.</summary>
    public ExplorationReport ToReport()
    {
        var witnesses = Witnesses.Select(w => Case(w.Final, w.Group, w.Steps)).ToList();
        return new ExplorationReport(Kind, Law, Explored.Count,
            new ExploredVerdicts(Explored.Count(e => e.Outcome.Verdict == Verdict.Pass), Explored.Count(e => e.Outcome.Verdict == Verdict.Fail),
                Explored.Count(e => e.Outcome.Verdict == Verdict.Inconclusive)),
            Worst is null ? null : Case(Worst, null, 0),
            Counterexample is null ? null : Case(Counterexample.Final, null, Counterexample.Steps),
            witnesses.FirstOrDefault(), witnesses);
    }

    /// <summary>
    /// One assertion summing up an exact exploration: "the law holds at all K configurations" (for all) or "a witness
    /// exists" (exists), measured as the worst ratio, with the counterexample or witness in its note.
    /// </summary>
    public AssertionResult SummaryAssertion(string id, string method)
    {
        bool forAll = Kind == ExplorationReport.ForAllKind;
        double worst = WorstRatio;
        string name = forAll ? $"law holds at every one of {Explored.Count} explored configurations: {Law}"
            : $"a witness exists among {Explored.Count} explored configurations: {Law}";
        var prediction = forAll ? new Prediction("≤ 1 at every configuration (measured within its bound)", null, null, 1)
            : new Prediction("> 1 at some configuration (the predicted failure is seen)", null, 1, null);
        string? note = forAll
            ? Counterexample is { } c ? $"counterexample after {c.Steps} shrink steps: {Describe(c.Final)}" : null
            : Witnesses.Count > 0 ? string.Join("; ", Witnesses.Select(w => $"witness{(w.Group is null ? "" : $" ({w.Group})")} after {w.Steps} shrink steps: {Describe(w.Final)}")) : null;
        return new AssertionResult(name, Verdict, new Quantity(forAll ? "worst ratio measured/bound" : "largest ratio measured/threshold", worst),
            prediction, forAll ? 1 - worst : worst - 1, method, Note: note) { Id = id };
    }

    /// <summary>
    /// For an existence search: one assertion per group, "a witness exists" (Pass with the shrunk witness in its note;
    /// Fail when every configuration of the group decided against it; else Inconclusive). These carry the claim's verdict
    /// for the search; the per-configuration rows (<see cref="Explorer.SearchRowPrefix"/>) only record each configuration's decision.
    /// </summary>
    public IReadOnlyList<AssertionResult> WitnessAssertions(string idPrefix, IReadOnlyList<string>? groups = null, Func<T, string>? groupOf = null)
    {
        var keys = groups ?? [""];
        var assertions = new List<AssertionResult>();
        for (int g = 0; g < keys.Count; g++)
        {
            string key = keys[g];
            var witness = Witnesses.FirstOrDefault(w => (w.Group ?? "") == key);
            var members = Explored.Where(e => (groupOf?.Invoke(e.Configuration) ?? "") == key).ToList();
            int found = members.Count(e => e.Outcome.Verdict == Verdict.Pass);
            var verdict = witness is not null ? Verdict.Pass : members.Count > 0 && members.All(e => e.Outcome.Verdict == Verdict.Fail) ? Verdict.Fail : Verdict.Inconclusive;
            string subject = key.Length == 0 ? Law : $"{key}: {Law}";
            assertions.Add(new AssertionResult($"a witness exists ({subject})", verdict, new Quantity("explored configurations that are witnesses", found),
                new Prediction("≥ 1", null, 1, null), found - 1, $"existence search over {members.Count} explored configurations, each decided by its own row",
                Note: witness is null ? null : $"witness after {witness.Steps} shrink steps: {Describe(witness.Final)}") { Id = keys.Count == 1 ? idPrefix : $"{idPrefix}-{g + 1}" });
        }
        return assertions;
    }

    /// <summary>"configuration: quantity = measured vs bound (ratio r)".</summary>
    public string Describe(Explored<T> explored) =>
        $"{Space.Describe(explored.Configuration)}: {explored.Outcome.Quantity} = {NumberText.Compact(explored.Outcome.Measured)} vs {NumberText.Compact(explored.Outcome.Bound)} (ratio {NumberText.Compact(explored.Outcome.Ratio)})";

    private ExploredCase Case(Explored<T> explored, string? group, int steps)
    {
        var outcome = explored.Outcome;
        return new ExploredCase(group, Space.Describe(explored.Configuration), ScenarioElement(outcome.Replay.Scenario), outcome.Quantity, outcome.Measured,
            outcome.Bound, outcome.Ratio, VerdictText.Name(outcome.Verdict), outcome.Replay.Quantity, outcome.Replay.Value, steps, outcome.Note);
    }

    private static JsonElement ScenarioElement(Scenario scenario)
    {
        using var document = JsonDocument.Parse(ScenarioWriter.ToJson(scenario));
        return document.RootElement.Clone();
    }
}
