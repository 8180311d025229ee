using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Protocol;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>
/// Names what is wrong with an oracle run that diverged: re-runs the reference with each mutation of
/// <see cref="MutationCatalog"/> under the same noise and picks the first whose trace reproduces everything the
/// implementation did (every queried point, to the tolerance; the output; the reported sync steps). Query-order
/// violations without an earlier divergence name a repeated or skipped worker. When nothing reproduces the trace,
/// the diagnosis is <see cref="BugClasses.Unexplained"/> with the first divergence.
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
        var matches = MutationCatalog.For(run, observed)
            .Where(mutation => Reproduces(run, mutation.Variant, observed, observedPoints, relativeTolerance))
            .ToList();
        if (matches.Count > 0)
        {
            var first = matches[0];
            var others = matches.Select(mutation => mutation.BugClass).Where(name => name != first.BugClass).Distinct().ToArray();
            return new Diagnosis(first.BugClass, first.Explanation, others);
        }
        if (FromProtocolError(run, observed) is { } late) return late;
        if (divergence is { Kind: DivergenceKind.SyncReport })
        {
            var reported = observed.SyncReports.Select(sync => sync.Step).ToArray();
            return new Diagnosis(BugClasses.SyncReportsDisagree,
                $"the points match the reference, but the implementation reports averaging after steps {StepListText.Describe(reported)} instead of {StepListText.Describe(run.SyncSteps)}",
                []);
        }
        string where = divergence?.Describe() ?? "no divergence was recorded";
        return new Diagnosis(BugClasses.Unexplained, $"no known bug class reproduces the trace; {where}", []);
    }

    /// <summary>
    /// Runs <paramref name="variant"/> and stops it at its first point that differs from the implementation's (most
    /// mutations differ within a few steps, so the whole catalog costs little more than one run), or after the last
    /// step the implementation reached; then checks the trace in full.
    /// </summary>
    private static bool Reproduces(OracleRun run, Oracle.LoopVariant variant, ObservedTrace observed,
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
        return !differs && Reproduces(trace, observed, relativeTolerance);
    }

    /// <summary>True when <paramref name="trace"/> reproduces every query, the output and the sync reports of <paramref name="observed"/>.</summary>
    public static bool Reproduces(LoopTrace trace, ObservedTrace observed, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(observed);
        foreach (var query in observed.Queries)
        {
            if (!trace.TryGetPoint(query.Step, query.Worker, out var point)) return false;
            if (!PointTolerance.Within(query.Point, point, relativeTolerance)) return false;
        }
        if (observed.Result is { } result && (trace.Output is null || !PointTolerance.Within(result, trace.Output, relativeTolerance))) return false;
        if (observed.SyncReports.Count > 0)
        {
            var reported = observed.SyncReports.Select(sync => sync.Step).ToList();
            var made = trace.SyncSteps;
            bool consistent = observed.Complete
                ? reported.SequenceEqual(made)
                : reported.Count <= made.Count && reported.SequenceEqual(made.Take(reported.Count));
            if (!consistent) return false;
        }
        return true;
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
