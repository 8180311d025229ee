using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>
/// The search over a claim's assumption space (claims.md §4a; design §4). The claim's examples (the paper's own
/// configurations) come first; then K configurations are drawn from the claim's seed (<see cref="ClaimContext.SeedFor"/>("exploration")), each is measured through the claim's context (so exact units
/// shard and Monte Carlo units stage and shard like any other), and then
/// <list type="bullet">
/// <item>for a "for all" law, the first failing configuration (in draw order) is shrunk greedily: the first shrink
/// candidate that still fails is taken and shrinking starts again from it, until no candidate fails or the shrink
/// budget is spent;</item>
/// <item>for an existence law, the first witness of each group is shrunk the same way while it stays a witness.</item>
/// </list>
/// The drawn set, and so every measurement key and count, depends only on the seed and K; only shrinking asks for
/// configurations chosen by measured values (the one place the store contract allows it). Shrinking never changes a
/// verdict: it only makes the counterexample or witness smaller.
/// </summary>
public static class Explorer
{
    /// <summary>The label mixed into the claim's seed for the draw.</summary>
    public const string SeedLabel = "exploration";

    /// <summary>The id prefix of an existence search's per-configuration rows, which do not decide the claim (see <see cref="ExplorationResult{T}.WitnessAssertions"/>).</summary>
    public const string SearchRowPrefix = "search-";

    /// <summary>The claim's verdict when some of its assertions are existence-search rows: every other assertion combined.</summary>
    public static Verdict CombineWithoutSearchRows(IEnumerable<AssertionResult> assertions) =>
        ClaimResult.Combine(assertions.Where(a => a.Id is null || !a.Id.StartsWith(SearchRowPrefix, StringComparison.Ordinal)));

    /// <summary>Shrink candidates measured at most, per shrink (exact laws cost little; Monte Carlo claims pass a smaller budget).</summary>
    public const int DefaultShrinkBudget = 200;

    /// <summary>
    /// Checks a law that must hold at every configuration of <paramref name="space"/>: measures the
    /// <paramref name="examples"/> (the paper's own configurations, always explored first), then <paramref name="count"/>
    /// drawn ones, with <paramref name="law"/>, and shrinks the first failure.
    /// </summary>
    public static ExplorationResult<T> ForAll<T>(ClaimContext context, AssumptionSpace<T> space, int count, string lawText, Func<T, LawOutcome> law,
        IReadOnlyList<T>? examples = null, int shrinkBudget = DefaultShrinkBudget)
    {
        var explored = Measure(context, space, count, law, examples);
        Verdict verdict = explored.Any(e => e.Outcome.Verdict == Verdict.Fail) ? Verdict.Fail
            : explored.Count == 0 || explored.Any(e => e.Outcome.Verdict == Verdict.Inconclusive) ? Verdict.Inconclusive : Verdict.Pass;
        var first = explored.FirstOrDefault(e => e.Outcome.Verdict == Verdict.Fail);
        var counterexample = first is null ? null : Shrink(context, space, first, null, _ => true, law, o => o.Verdict == Verdict.Fail, shrinkBudget);
        return new ExplorationResult<T>(ExplorationReport.ForAllKind, lawText, space, explored, verdict, counterexample, []);
    }

    /// <summary>
    /// Searches for configurations where a predicted failure is seen (the law's verdict is Pass at a witness): draws
    /// <paramref name="count"/> configurations, measures each, and shrinks the first witness of every group
    /// (<paramref name="groups"/> lists them in report order; <paramref name="groupOf"/> places a configuration; without
    /// groups there is one). Pass when every group has a witness; fail when some group's configurations all decided
    /// against it; inconclusive otherwise.
    /// </summary>
    public static ExplorationResult<T> Exists<T>(ClaimContext context, AssumptionSpace<T> space, int count, string lawText, Func<T, LawOutcome> law,
        IReadOnlyList<string>? groups = null, Func<T, string>? groupOf = null, IReadOnlyList<T>? examples = null, int shrinkBudget = DefaultShrinkBudget)
    {
        if ((groups is null) != (groupOf is null)) throw new ArgumentException("groups and groupOf come together");
        var explored = Measure(context, space, count, law, examples);
        var keys = groups ?? [""];
        string GroupOf(T configuration) => groupOf?.Invoke(configuration) ?? "";
        var witnesses = new List<Shrunk<T>>();
        var verdicts = new List<Verdict>();
        foreach (string key in keys)
        {
            var members = explored.Where(e => GroupOf(e.Configuration) == key).ToList();
            var first = members.FirstOrDefault(e => e.Outcome.Verdict == Verdict.Pass);
            if (first is not null)
            {
                witnesses.Add(Shrink(context, space, first, groups is null ? null : key, c => GroupOf(c) == key, law, o => o.Verdict == Verdict.Pass, shrinkBudget));
                verdicts.Add(Verdict.Pass);
            }
            else verdicts.Add(members.Count > 0 && members.All(e => e.Outcome.Verdict == Verdict.Fail) ? Verdict.Fail : Verdict.Inconclusive);
        }
        Verdict verdict = verdicts.Contains(Verdict.Fail) ? Verdict.Fail : verdicts.Contains(Verdict.Inconclusive) ? Verdict.Inconclusive : Verdict.Pass;
        return new ExplorationResult<T>(ExplorationReport.ExistsKind, lawText, space, explored, verdict, null, witnesses);
    }

    private static List<Explored<T>> Measure<T>(ClaimContext context, AssumptionSpace<T> space, int count, Func<T, LawOutcome> law, IReadOnlyList<T>? examples)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(law);
        var configurations = (examples ?? []).Concat(space.Draw(context.SeedFor(SeedLabel), count)).ToList();
        var explored = new List<Explored<T>>(configurations.Count);
        for (int i = 0; i < configurations.Count; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            explored.Add(new Explored<T>(configurations[i], Evaluate(context, law, configurations[i])));
            context.Report((i + 1.0) / Math.Max(1, configurations.Count));
        }
        return explored;
    }

    // In a shard run, a configuration whose exact units belong to other shards sees NaN stand-ins: its outcome says
    // nothing, so it counts as inconclusive, and is neither shrunk as a counterexample nor taken as a witness. The shard
    // then asks for exactly the drawn configurations (it computes its own), as the merge will when they all hold; a
    // search the merge's real outcomes send elsewhere (a true counterexample's shrinking) is computed by the merge.
    private static LawOutcome Evaluate<T>(ClaimContext context, Func<T, LawOutcome> law, T configuration)
    {
        if (!context.Gathering) return law(configuration);
        long before = context.Measurements.StandInsAnswered;
        var outcome = law(configuration);
        return context.Measurements.StandInsAnswered == before ? outcome : outcome with { Verdict = Verdict.Inconclusive };
    }

    // Greedy shrinking: take the first candidate (inside the space and the group) that keeps the property, repeat.
    private static Shrunk<T> Shrink<T>(ClaimContext context, AssumptionSpace<T> space, Explored<T> start, string? group, Func<T, bool> inGroup,
        Func<T, LawOutcome> law, Func<LawOutcome, bool> keeps, int budget)
    {
        var current = start;
        int steps = 0, evaluations = 0;
        bool moved = true;
        while (moved && evaluations < budget)
        {
            moved = false;
            foreach (T candidate in space.Shrink(current.Configuration))
            {
                if (evaluations >= budget) break;
                if (!inGroup(candidate)) continue;
                context.Cancellation.ThrowIfCancellationRequested();
                evaluations++;
                var outcome = Evaluate(context, law, candidate);
                if (!keeps(outcome)) continue;
                current = new Explored<T>(candidate, outcome);
                steps++;
                moved = true;
                break;
            }
        }
        return new Shrunk<T>(group, current, start, steps, evaluations);
    }
}
