using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Validation.Trace;

/// <summary>
/// The set I a trace header declares, produced step by step from the schedule's planner instead of held as a list,
/// so a header declaring T = 10⁹ costs no memory: the checker walks it in order, as many times as it needs. A
/// hierarchical schedule also says, step by step, the size of the groups each averaging is within.
/// </summary>
public sealed class DeclaredSchedule
{
    private readonly ICommunicationSchedule schedule;
    private readonly ScheduleContext context;

    /// <summary>Walks <paramref name="schedule"/> once (throwing <see cref="ScheduleException"/> when it never reaches T) and counts I.</summary>
    public DeclaredSchedule(ICommunicationSchedule schedule, int workers, int steps)
    {
        this.schedule = schedule;
        context = new ScheduleContext(steps, workers, new ConstantStepSize(1));
        long count = 0;
        int smallestGap = int.MaxValue, previous = 0;
        foreach (int step in Steps())
        {
            count++;
            smallestGap = Math.Min(smallestGap, step - previous);
            previous = step;
        }
        Count = count;
        SmallestGap = smallestGap;
    }

    /// <summary>|I|.</summary>
    public long Count { get; }

    /// <summary>The smallest distance between consecutive sync steps, counting the first from step 0.</summary>
    public int SmallestGap { get; }

    /// <summary>I in increasing order, ending at T.</summary>
    public IEnumerable<int> Steps()
    {
        var planner = schedule.Start(context);
        int current = 0;
        while (current < context.TotalSteps)
        {
            current = SyncSteps.Next(schedule.Kind, planner, current, double.NaN, context.TotalSteps);
            yield return current;
        }
    }

    /// <summary>N.</summary>
    public int Workers => context.Workers;

    /// <summary>
    /// The size of the contiguous groups of workers that average after declared sync step <paramref name="step"/>: N
    /// except at the level steps of a hierarchical schedule (<see cref="HierarchicalSchedule.GroupSizeAfter"/>).
    /// </summary>
    public int GroupSizeAfter(int step) => schedule is HierarchicalSchedule hierarchical ? hierarchical.GroupSizeAfter(step, context) : context.Workers;

    /// <summary>
    /// Why the workers average in groups of <see cref="GroupSizeAfter"/> after <paramref name="step"/>: "the warm-up
    /// (steps 1..W)", "the final averaging", "levels[ℓ] (group_size g, period p)" or "the schedule" for a flat one.
    /// </summary>
    public string ReasonFor(int step)
    {
        if (schedule is not HierarchicalSchedule hierarchical) return "the schedule";
        if (step == context.TotalSteps) return "the final averaging";
        if (step <= hierarchical.WarmupSteps) return $"the warm-up (steps 1..{Model.Text.NumberText.Integer(hierarchical.WarmupSteps)})";
        int size = GroupSizeAfter(step);
        for (int l = 0; l < hierarchical.Levels.Count; l++)
        {
            var level = hierarchical.Levels[l];
            if (level.GroupSize == size && step % level.Period == 0)
                return $"levels[{Model.Text.NumberText.Integer(l)}] (group_size {Model.Text.NumberText.Integer(level.GroupSize)}, period {Model.Text.NumberText.Integer(level.Period)})";
        }
        return "the schedule";
    }

    /// <summary>"10, 20, 30, 40, …, 1000": the first few steps and the last.</summary>
    public string Describe(int shown = 4)
    {
        var first = Steps().Take(shown + 1).ToList();
        if (Count <= shown + 1) return string.Join(", ", first.Select(step => Model.Text.NumberText.Integer(step)));
        return string.Join(", ", first.Take(shown).Select(step => Model.Text.NumberText.Integer(step))) + ", …, " + Model.Text.NumberText.Integer(context.TotalSteps);
    }
}
