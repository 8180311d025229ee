using System.Globalization;

namespace LocalSgdVerify.Model.Communication;

/// <summary>An explicit list of sync steps; it must be strictly increasing, within 1..T and end at T.</summary>
public sealed class ExplicitSchedule : FixedSyncSchedule
{
    private readonly int[] steps;

    /// <summary>Builds the schedule; the list is checked against T when a run starts.</summary>
    public ExplicitSchedule(IReadOnlyList<int> steps)
    {
        if (steps.Count == 0) throw new ProblemParameterException("communication.steps", "[]", "a non-empty, strictly increasing list of steps ending at T");
        for (int i = 0; i < steps.Count; i++)
        {
            if (steps[i] < 1) throw new ProblemParameterException($"communication.steps[{i}]", steps[i].ToString(CultureInfo.InvariantCulture), "a step >= 1");
            if (i > 0 && steps[i] <= steps[i - 1])
                throw new ProblemParameterException($"communication.steps[{i}]", steps[i].ToString(CultureInfo.InvariantCulture), $"a step > {steps[i - 1]} (the list must be strictly increasing)");
        }
        this.steps = steps.ToArray();
    }

    /// <summary>The steps as given.</summary>
    public IReadOnlyList<int> Steps => steps;

    /// <inheritdoc/>
    public override string Kind => "explicit";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["rounds"] = steps.Length };

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        if (steps[^1] != context.TotalSteps)
            throw new ScheduleException(Kind, $"ends at step {steps[^1]}, not at T = {context.TotalSteps}");
        return steps;
    }
}
