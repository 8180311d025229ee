namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// Averaging within contiguous groups (claims.md §1, hierarchical schedules): which group size each averaging of a
/// schedule uses, and the group average itself.
/// </summary>
public static class GroupAveraging
{
    /// <summary>
    /// The group size of the averaging after each of <paramref name="syncSteps"/> (N for all workers), or null when every
    /// averaging of the schedule is over all workers (every schedule but <see cref="HierarchicalSchedule"/>).
    /// </summary>
    public static int[]? Sizes(ICommunicationSchedule schedule, ScheduleContext context, IReadOnlyList<int> syncSteps)
    {
        if (schedule is not HierarchicalSchedule hierarchical) return null;
        var sizes = syncSteps.Select(step => hierarchical.GroupSizeAfter(step, context)).ToArray();
        return sizes.All(size => size == context.Workers) ? null : sizes;
    }

    /// <summary>
    /// Sets every worker of each contiguous group of <paramref name="groupSize"/> workers to the group's mean
    /// (1/g) Σ_{j in group} x_j, summed in worker order then divided by g, like the all-worker average.
    /// <paramref name="workers"/> holds x_i row by row (N × d); N must be a multiple of g.
    /// </summary>
    public static void AverageWithinGroups(Span<double> workers, int workerCount, int dimension, int groupSize)
    {
        for (int first = 0; first < workerCount; first += groupSize)
        {
            for (int k = 0; k < dimension; k++)
            {
                double sum = 0;
                for (int i = first; i < first + groupSize; i++) sum += workers[i * dimension + k];
                double mean = sum / groupSize;
                for (int i = first; i < first + groupSize; i++) workers[i * dimension + k] = mean;
            }
        }
    }
}
