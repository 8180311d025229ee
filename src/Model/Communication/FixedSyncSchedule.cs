namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// Base for schedules whose set I is a function of (T, N, η) computed up front; the planner walks the list.
/// Subclasses only compute the list.
/// </summary>
public abstract class FixedSyncSchedule : ICommunicationSchedule
{
    /// <inheritdoc/>
    public abstract string Kind { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyDictionary<string, double> Parameters { get; }

    /// <inheritdoc/>
    public bool DependsOnRun => false;

    /// <summary>The sync steps for this context; need not be sorted or unique, must lie in 1..T and contain T.</summary>
    protected abstract IEnumerable<int> Compute(ScheduleContext context);

    /// <inheritdoc/>
    public ISyncPlanner Start(ScheduleContext context)
    {
        var steps = SortedDistinct(Compute(context).Where(s => s >= 1).ToArray());
        if (steps.Length == 0 || steps[^1] != context.TotalSteps)
            throw new ScheduleException(Kind, $"does not end at T = {context.TotalSteps} (last sync step {(steps.Length == 0 ? "none" : steps[^1].ToString(System.Globalization.CultureInfo.InvariantCulture))})");
        return new ListPlanner(steps);
    }

    // Sorted and de-duplicated in place: four bytes per sync step (a set and a sort buffer took about eight times that,
    // which for an every-step schedule of T = 10⁷ was hundreds of megabytes).
    private static int[] SortedDistinct(int[] steps)
    {
        Array.Sort(steps);
        int kept = 0;
        for (int index = 0; index < steps.Length; index++)
            if (kept == 0 || steps[index] != steps[kept - 1]) steps[kept++] = steps[index];
        if (kept < steps.Length) Array.Resize(ref steps, kept);
        return steps;
    }

    private sealed class ListPlanner(int[] steps) : ISyncPlanner
    {
        public int NextSync(int roundStart, double errorAtRoundStart)
        {
            int index = Array.BinarySearch(steps, roundStart + 1);
            if (index < 0) index = ~index;
            return index < steps.Length ? steps[index] : roundStart;
        }
    }
}
