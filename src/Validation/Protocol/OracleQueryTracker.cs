using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// Bookkeeping of one oracle run: which step each worker asks for next, how many gradients were served, and the
/// order rules every correct Local SGD run obeys (spec §1: worker i's gradient at step s is taken at x_i^{s−1},
/// which exists only after step s−1; after a step in I the iterate is the average over all workers):
/// each (worker, step) exactly once, a worker's steps in order, and no worker past an averaging step k before
/// every worker has asked for step k.
/// </summary>
internal sealed class OracleQueryTracker
{
    private readonly RunMessage run;
    private readonly bool enforceSyncBarrier;
    private readonly int[] nextStep;

    internal OracleQueryTracker(RunMessage run, bool enforceSyncBarrier)
    {
        this.run = run;
        this.enforceSyncBarrier = enforceSyncBarrier;
        nextStep = new int[run.Workers];
        Array.Fill(nextStep, 1);
    }

    /// <summary>Gradients served so far.</summary>
    internal int GradientsServed { get; private set; }

    /// <summary>Step of the last gradient served.</summary>
    internal int? LastAnsweredStep { get; private set; }

    /// <summary>Worker of the last gradient served (null after a batch).</summary>
    internal int? LastAnsweredWorker { get; private set; }

    /// <summary>The largest s such that every worker received its gradients for steps 1..s.</summary>
    internal int LastCompleteStep => nextStep.Min() - 1;

    /// <summary>True when all N·T gradients were served.</summary>
    internal bool Complete => GradientsServed == run.Workers * run.Steps;

    /// <summary>Checks a single query; throws <see cref="ProtocolException"/> naming the broken rule.</summary>
    internal void Validate(QueryMessage query)
    {
        CheckWorker("query.worker", query.Worker);
        CheckStep("query.step", query.Step);
        CheckLength("query.x", query.X.Length, run.Dimension);
        CheckOrder(query.Worker, query.Step);
    }

    /// <summary>Checks a batch query (one row per worker, all at the same step).</summary>
    internal void Validate(QueryBatchMessage batch)
    {
        CheckStep("query_batch.step", batch.Step);
        CheckLength("query_batch.x (rows, one per worker)", batch.X.Length, run.Workers);
        for (var worker = 0; worker < batch.X.Length; worker++)
            CheckLength($"query_batch.x[{Integer(worker)}]", batch.X[worker].Length, run.Dimension);
        for (var worker = 0; worker < run.Workers; worker++) CheckOrder(worker, batch.Step);
    }

    /// <summary>Checks a sync report's fields (the lead's diagnosis judges whether the step is right).</summary>
    internal void Validate(SyncMessage sync)
    {
        CheckStep("sync.step", sync.Step);
        if (sync.Workers is { } workers)
            for (var index = 0; index < workers.Length; index++) CheckWorker($"sync.workers[{Integer(index)}]", workers[index]);
    }

    /// <summary>Records that worker's gradient for step was sent.</summary>
    internal void Served(int worker, int step)
    {
        nextStep[worker]++;
        GradientsServed++;
        LastAnsweredStep = step;
        LastAnsweredWorker = worker;
    }

    /// <summary>Records that every worker's gradient for step was sent.</summary>
    internal void ServedBatch(int step)
    {
        for (var worker = 0; worker < nextStep.Length; worker++) nextStep[worker]++;
        GradientsServed += nextStep.Length;
        LastAnsweredStep = step;
        LastAnsweredWorker = null;
    }

    private void CheckOrder(int worker, int step)
    {
        var expected = nextStep[worker];
        if (step < expected)
            throw Violation(QueryOrderRule.Duplicate, worker, step,
                $"its gradient for step {Integer(step)} was already served, and each (worker, step) is asked for exactly once");
        if (step > expected)
            throw Violation(QueryOrderRule.SkippedStep, worker, step,
                $"it has not yet asked for step {Integer(expected)}; each worker asks for steps 1, 2, …, T in order");
        if (!enforceSyncBarrier) return;
        var barrier = LastSyncStepBefore(step);
        if (barrier == 0) return;
        for (var other = 0; other < nextStep.Length; other++)
        {
            if (nextStep[other] > barrier) continue;
            throw Violation(QueryOrderRule.SyncBarrier, worker, step,
                $"the workers average after step {Integer(barrier)}, but worker {Integer(other)} has not yet asked for its gradient at step {Integer(nextStep[other])}, " +
                $"so the average after step {Integer(barrier)} cannot have been formed; averaging must happen after exactly the steps in sync_steps");
        }
    }

    private int LastSyncStepBefore(int step)
    {
        var sync = run.Schedule.SyncSteps;
        var index = Array.BinarySearch(sync, step - 1);
        if (index >= 0) return sync[index];
        var insertion = ~index;
        return insertion == 0 ? 0 : sync[insertion - 1];
    }

    private void CheckWorker(string field, int worker)
    {
        if (worker < 0 || worker >= run.Workers)
            throw new ProtocolException(new InvalidField(field, Integer(worker), $"a worker index in 0..{Integer(run.Workers - 1)}"));
    }

    private void CheckStep(string field, int step)
    {
        if (step < 1 || step > run.Steps)
            throw new ProtocolException(new InvalidField(field, Integer(step), $"a step in 1..{Integer(run.Steps)} (steps are numbered from 1)"));
    }

    private static void CheckLength(string field, int actual, int expected)
    {
        if (actual != expected) throw new ProtocolException(new WrongVectorLength(field, expected, actual));
    }

    private static ProtocolException Violation(QueryOrderRule rule, int worker, int step, string detail) =>
        new(new QueryOrderViolation(rule, worker, step, detail));
}
