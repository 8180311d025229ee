using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.InProcess;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>Runs and implementations shared by the validation tests.</summary>
internal static class ValidationFixtures
{
    /// <summary>
    /// A run on which every bug class shows: d = 3 with multiplicative noise (points differ per worker and depend on
    /// them), N = 4 (the divisor bugs differ), a decaying η (the step-size bugs differ), constant period 5 over T = 23
    /// (the last round is short, so the final averaging is not on the period).
    /// </summary>
    internal static LocalSgdConfiguration RichConfiguration(int workers = 4, int steps = 23, ICommunicationSchedule? schedule = null, OutputIterate? output = null) =>
        new(new SeparableQuadratic([1, 2, 3], 0.5, 0.5), workers, steps, [1.0, -1.0, 0.5], new CappedInverseTimeStepSize(2, 1, 0.3),
            schedule ?? new ConstantPeriod(5), output);

    /// <summary>The oracle run of <see cref="RichConfiguration"/>.</summary>
    internal static OracleRun RichRun(int workers = 4, int steps = 23, ICommunicationSchedule? schedule = null, OutputIterate? output = null) =>
        OracleRun.From(RichConfiguration(workers, steps, schedule, output), 77, 0);

    /// <summary>The trace an implementation that behaves like <paramref name="trace"/> would leave, with or without sync reports.</summary>
    internal static ObservedTrace Observe(OracleRun run, LoopTrace trace, bool reportSyncs)
    {
        var observed = new ObservedTrace { Result = trace.Output };
        for (int step = 1; step <= run.Steps; step++)
            for (int worker = 0; worker < run.Workers; worker++)
                if (trace.TryGetPoint(step, worker, out var point)) observed.Queries.Add(new GradientQuery(step, worker, point));
        if (reportSyncs)
            foreach (int step in trace.SyncSteps) observed.SyncReports.Add(new SyncEvent(step, null, 0, 0));
        return observed;
    }
}

/// <summary>A correct Local SGD in C# for the in-process interface (claims.md §1, sums in worker order).</summary>
internal class CorrectImplementation : ILocalSgdImplementation
{
    public virtual string Name => "csharp-correct";

    public double[] RunOracle(RunMessage run, IGradientSource oracle)
    {
        var models = Enumerable.Range(0, run.Workers).Select(_ => (double[])run.X0.Clone()).ToArray();
        var sync = run.Schedule.SyncSteps.ToHashSet();
        var virtualSum = new double[run.Dimension];
        for (int step = 1; step <= run.Steps; step++)
        {
            double stepSize = StepSize(run, step);
            for (int worker = 0; worker < run.Workers; worker++)
            {
                double[] gradient = oracle.Gradient(step, worker, models[worker]);
                for (int k = 0; k < run.Dimension; k++) models[worker][k] -= stepSize * gradient[k];
            }
            var average = WorkerAverage.Of(models);
            for (int k = 0; k < run.Dimension; k++) virtualSum[k] += 1.0 * average[k];
            if (Averages(sync, step, run.Steps))
            {
                // A hierarchical run declares each averaging's group size: contiguous groups of g workers average among themselves.
                int size = GroupSize(run, GroupSource(step));
                for (int first = 0; first < run.Workers; first += size)
                {
                    var mean = size == run.Workers ? average : WorkerAverage.Of(models[first..(first + size)]);
                    for (int worker = first; worker < first + size; worker++) mean.CopyTo(models[worker], 0);
                }
                oracle.ReportSync(step);
            }
        }
        return run.Output == OutputIterateNames.PolyakRuppert ? virtualSum.Select(value => value / run.Steps).ToArray() : models[0];
    }

    protected virtual double StepSize(RunMessage run, int step) => run.StepSizes[step - 1];

    protected virtual bool Averages(HashSet<int> sync, int step, int steps) => sync.Contains(step);

    /// <summary>The declared averaging whose group size the averaging after <paramref name="step"/> uses.</summary>
    protected virtual int GroupSource(int step) => step;

    private static int GroupSize(RunMessage run, int step)
    {
        int index = Array.IndexOf(run.Schedule.SyncSteps, step);
        return index >= 0 && run.Schedule.GroupSizes is { } sizes ? sizes[index] : run.Workers;
    }
}

/// <summary>The classic off-by-one: the schedule is checked with the counter already advanced, so every averaging comes one step late.</summary>
internal sealed class LateSyncImplementation : CorrectImplementation
{
    public override string Name => "csharp-late-sync";

    protected override bool Averages(HashSet<int> sync, int step, int steps) => sync.Contains(step - 1) || step == steps;

    protected override int GroupSource(int step) => step - 1;
}

/// <summary>The learning-rate scheduler stepped before the optimizer: step s uses η_{s+1}.</summary>
internal sealed class StepSizeAheadImplementation : CorrectImplementation
{
    public override string Name => "csharp-step-size-ahead";

    protected override double StepSize(RunMessage run, int step) => run.StepSizes[Math.Min(step, run.Steps - 1)];
}
