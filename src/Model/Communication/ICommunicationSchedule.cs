using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Model.Communication;

/// <summary>What a communication schedule may depend on: the horizon T, the number of workers N and η_t.</summary>
public sealed record ScheduleContext(int TotalSteps, int Workers, IStepSizeSchedule StepSize);

/// <summary>
/// A communication schedule: the set I ⊆ {1..T}, T ∈ I, of steps after which the workers average
/// (claims.md §1, §3). A schedule is an immutable description; <see cref="Start"/> returns the per-run
/// planner that holds its state, so run-dependent rules (ADA-LUPA's loss rule) fit the same shape.
/// </summary>
public interface ICommunicationSchedule
{
    /// <summary>The kind used in scenario files and in the validation protocol, e.g. <c>constant-period</c>.</summary>
    string Kind { get; }

    /// <summary>Parameters for reports and the protocol.</summary>
    IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>True when the sync steps depend on the run (the loss of x̄), not only on (T, N, η).</summary>
    bool DependsOnRun { get; }

    /// <summary>Starts one run; the planner is asked for the next sync step at the start of every round.</summary>
    ISyncPlanner Start(ScheduleContext context);
}

/// <summary>The explicit state of a schedule during one run.</summary>
public interface ISyncPlanner
{
    /// <summary>
    /// Called at step <paramref name="roundStart"/> (0, or the step of the last averaging); returns the step
    /// s with roundStart &lt; s ≤ T after which the workers next average. <paramref name="errorAtRoundStart"/>
    /// is F(x̄^t) − F* when the schedule <see cref="ICommunicationSchedule.DependsOnRun"/>, otherwise NaN.
    /// </summary>
    int NextSync(int roundStart, double errorAtRoundStart);
}
