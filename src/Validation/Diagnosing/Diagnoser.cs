using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Protocol;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>
/// Names what is wrong with an oracle run that diverged: re-runs the reference under the same noise with each mutation
/// of <see cref="MutationCatalog"/>, and with each bug family of <see cref="Families.FittedFamilies"/> at the parameter
/// estimated from the trace, and keeps every one whose trace reproduces everything the implementation did (every
/// queried point, to the tolerance; the output; the reported sync steps). One match names the bug; several are all
/// named, because the run cannot tell them apart. Query-order violations without an earlier divergence name a
/// repeated or skipped worker. Deviations at the level of rounding are named as such
/// (<see cref="PrecisionDiagnosis"/>); when nothing reproduces the trace, the diagnosis is
/// <see cref="BugClasses.Unexplained"/> with the first divergence.
/// </summary>
public static class Diagnoser
{
    /// <summary>Diagnoses an implementation's trace; <paramref name="divergence"/> is its first divergence from the reference, if any.</summary>
    public static Diagnosis Diagnose(OracleRun run, ObservedTrace observed, Divergence? divergence, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(observed);
        if (divergence is null && FromProtocolError(run, observed) is { } early) return early;

        var observedPoints = new Dictionary<(int Step, int Worker), double[]>();
        foreach (var query in observed.Queries) observedPoints[(query.Step, query.Worker)] = query.Point;
        IEnumerable<Mutation> proposals = MutationCatalog.For(run, observed);
        // The fitted families change the points; when the reference's points already match (only the sync reports
        // differ), an estimate near the neutral value would "explain" a trace it has nothing to do with.
        if (!PointsMatch(VariantLoop.Run(run, LoopVariant.Reference(run)), observed, relativeTolerance))
            proposals = proposals.Concat(Families.FittedFamilies.Fit(run, observed, relativeTolerance));
        var matches = new List<(Mutation Mutation, double Deviation)>();
        foreach (var mutation in proposals)
            if (Replay(run, mutation.Variant, observed, observedPoints, relativeTolerance) is double deviation)
                matches.Add((mutation, deviation));
        if (matches.Count > 0) return FromMatches(matches, observed);
        if (FromProtocolError(run, observed) is { } late) return late;
        if (divergence is { Kind: DivergenceKind.SyncReport })
        {
            var reported = observed.SyncReports.Select(sync => sync.Step).ToArray();
            return new Diagnosis(BugClasses.SyncReportsDisagree,
                $"the points match the reference, but the implementation reports averaging after steps {StepListText.Describe(reported)} instead of {StepListText.Describe(run.SyncSteps)}",
                []);
        }
        if (PrecisionDiagnosis.Diagnose(run, observed, relativeTolerance) is { } precision) return precision;
        string where = divergence?.Describe() ?? "no divergence was recorded";
        return new Diagnosis(BugClasses.Unexplained, $"no known bug class reproduces the trace; {where}", []);
    }

    /// <summary>
    /// The diagnosis of the reproducing mutations: the first one's class and explanation, every other class as equally
    /// consistent, and the replay that proves each.
    /// </summary>
    private static Diagnosis FromMatches(List<(Mutation Mutation, double Deviation)> matches, ObservedTrace observed)
    {
        var (first, deviation) = matches[0];
        var others = matches.Select(match => match.Mutation.BugClass).Where(name => name != first.BugClass).Distinct().ToArray();
        var parts = new List<string> { $"all {Integer(observed.Queries.Count)} queried points" };
        if (observed.Result is not null) parts.Add("the output");
        if (observed.SyncReports.Count > 0) parts.Add("the sync reports");
        string what = parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
        var evidence = new List<string>
        {
            $"replaying the reference with this bug reproduces {what} (largest scaled deviation {ThreeSignificant(deviation)})",
        };
        foreach (string other in others)
        {
            var (mutation, _) = matches.First(match => match.Mutation.BugClass == other);
            evidence.Add($"equally consistent: {other}: {mutation.Explanation}");
        }
        return new Diagnosis(first.BugClass, first.Explanation, others) { Estimate = first.Estimate, Parameter = first.Parameter, Evidence = evidence };
    }

    /// <summary>
    /// Runs <paramref name="variant"/> and stops it at its first point that differs from the implementation's (most
    /// mutations differ within a few steps, so the whole catalog costs little more than one run), or after the last
    /// step the implementation reached; then checks the trace in full. Returns the largest scaled deviation when the
    /// variant reproduces the trace, otherwise null.
    /// </summary>
    private static double? Replay(OracleRun run, Oracle.LoopVariant variant, ObservedTrace observed,
        Dictionary<(int Step, int Worker), double[]> observedPoints, double relativeTolerance)
    {
        bool differs = false;
        int lastStep = observed.LastStep;
        var trace = VariantLoop.Run(run, variant, (step, worker, point) =>
        {
            if (observedPoints.TryGetValue((step, worker), out var seen) && !PointTolerance.Within(seen, point, relativeTolerance))
            {
                differs = true;
                return false;
            }
            return observed.Complete || step <= lastStep;
        });
        return differs ? null : Agreement(trace, observed, relativeTolerance);
    }

    /// <summary>True when <paramref name="trace"/> reproduces every query, the output and the sync reports of <paramref name="observed"/>.</summary>
    public static bool Reproduces(LoopTrace trace, ObservedTrace observed, double relativeTolerance) =>
        Agreement(trace, observed, relativeTolerance) is not null;

    /// <summary>
    /// The largest scaled deviation between <paramref name="trace"/> and <paramref name="observed"/> when the trace
    /// reproduces every query, the output and the sync reports; null when it does not.
    /// </summary>
    public static double? Agreement(LoopTrace trace, ObservedTrace observed, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(observed);
        double largest = 0;
        foreach (var query in observed.Queries)
        {
            if (!trace.TryGetPoint(query.Step, query.Worker, out var point)) return null;
            double deviation = PointTolerance.Deviation(query.Point, point, out _);
            if (!(deviation <= relativeTolerance)) return null;
            largest = Math.Max(largest, deviation);
        }
        if (observed.Result is { } result)
        {
            if (trace.Output is null) return null;
            double deviation = PointTolerance.Deviation(result, trace.Output, out _);
            if (!(deviation <= relativeTolerance)) return null;
            largest = Math.Max(largest, deviation);
        }
        if (observed.SyncReports.Count > 0)
        {
            var reported = observed.SyncReports.Select(sync => sync.Step).ToList();
            var made = trace.SyncSteps;
            bool consistent = observed.Complete
                ? reported.SequenceEqual(made)
                : reported.Count <= made.Count && reported.SequenceEqual(made.Take(reported.Count));
            if (!consistent) return null;
        }
        return largest;
    }

    /// <summary>True when every queried point and the output of <paramref name="observed"/> lie within the tolerance of <paramref name="trace"/> (sync reports aside).</summary>
    private static bool PointsMatch(LoopTrace trace, ObservedTrace observed, double relativeTolerance)
    {
        foreach (var query in observed.Queries)
            if (!trace.TryGetPoint(query.Step, query.Worker, out var point) || !PointTolerance.Within(query.Point, point, relativeTolerance)) return false;
        return observed.Result is not { } result || (trace.Output is { } output && PointTolerance.Within(result, output, relativeTolerance));
    }

    /// <summary>
    /// The bug a query-order error or a premature result points to: a (worker, step) asked twice is a repeated worker;
    /// a worker that is missing from a step others completed (a skipped step, an averaging step crossed while a worker
    /// never asked, a result before all N·T gradients) is a skipped worker; otherwise the averaging barrier was crossed.
    /// </summary>
    private static Diagnosis? FromProtocolError(OracleRun run, ObservedTrace observed)
    {
        var asked = Enumerable.Range(0, run.Workers)
            .Select(worker => observed.Queries.Where(query => query.Worker == worker).Select(query => query.Step).DefaultIfEmpty(0).Max())
            .ToArray();
        int furthest = asked.DefaultIfEmpty(0).Max();
        int lagging = Array.FindIndex(asked, step => step < furthest);
        switch (observed.Error)
        {
            case QueryOrderViolation { Rule: QueryOrderRule.Duplicate } violation:
                return new Diagnosis(BugClasses.WorkerRepeated,
                    $"worker {Integer(violation.Worker)}'s gradient for step {Integer(violation.Step)} was requested a second time: a worker is repeated (or several gradients are drawn per step, e.g. micro-batches counted as steps)", []);
            case QueryOrderViolation { Rule: QueryOrderRule.SkippedStep } violation:
                return new Diagnosis(BugClasses.WorkerSkipped,
                    $"worker {Integer(violation.Worker)} asked for step {Integer(violation.Step)} before asking for every earlier step: a step of worker {Integer(violation.Worker)} was skipped", []);
            case QueryOrderViolation violation when lagging >= 0 && asked[lagging] == 0:
                return new Diagnosis(BugClasses.WorkerSkipped,
                    $"worker {Integer(lagging)} never asked for a gradient, while worker {Integer(violation.Worker)} reached step {Integer(violation.Step)}: worker {Integer(lagging)} is skipped", []);
            case QueryOrderViolation violation:
                return new Diagnosis(BugClasses.SyncBarrierCrossed,
                    $"worker {Integer(violation.Worker)} asked for step {Integer(violation.Step)} before every worker had reached the averaging step before it: {violation.Detail}", []);
            case UnexpectedMessage { Violation: ProtocolViolation.ResultBeforeRunComplete } when lagging < 0 && furthest < run.Steps:
                return new Diagnosis(BugClasses.RunEndedEarly,
                    $"every worker stopped after asking for step {Integer(furthest)} of {Integer(run.Steps)} and the result came then: the run ended {Integer(run.Steps - furthest)} step{(run.Steps - furthest == 1 ? "" : "s")} early (a loop bound off by one, or an early exit)", []);
            case UnexpectedMessage { Violation: ProtocolViolation.ResultBeforeRunComplete }:
                string missing = lagging >= 0
                    ? $"worker {Integer(lagging)} asked only up to step {Integer(asked[lagging])}"
                    : $"the workers asked only up to step {Integer(furthest)} of {Integer(run.Steps)}";
                return new Diagnosis(BugClasses.WorkerSkipped,
                    $"the result came before every worker had asked for every step ({missing}): a worker or steps were skipped", []);
            default:
                return null;
        }
    }
}
