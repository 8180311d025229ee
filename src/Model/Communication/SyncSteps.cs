namespace LocalSgdVerify.Model.Communication;

/// <summary>Turns a schedule into its explicit set I and checks the planner's answers.</summary>
public static class SyncSteps
{
    /// <summary>
    /// The sync steps of a schedule that does not depend on the run, in increasing order, ending at T.
    /// Throws <see cref="ScheduleException"/> if the schedule never reaches T or is not increasing.
    /// </summary>
    public static int[] Of(ICommunicationSchedule schedule, ScheduleContext context)
    {
        if (schedule.DependsOnRun)
            throw new InvalidOperationException($"communication schedule '{schedule.Kind}' depends on the run's loss; its sync steps exist only per run.");
        var planner = schedule.Start(context);
        var steps = new List<int>();
        int current = 0;
        while (current < context.TotalSteps)
        {
            current = Next(schedule.Kind, planner, current, double.NaN, context.TotalSteps);
            steps.Add(current);
        }
        return steps.ToArray();
    }

    /// <summary>Asks the planner for the next sync step and checks it lies in (roundStart, T].</summary>
    public static int Next(string kind, ISyncPlanner planner, int roundStart, double errorAtRoundStart, int totalSteps)
    {
        int next = planner.NextSync(roundStart, errorAtRoundStart);
        if (next <= roundStart)
            throw new ScheduleException(kind, $"returned sync step {next} at round start {roundStart} and so never reaches T = {totalSteps}");
        if (next > totalSteps)
            throw new ScheduleException(kind, $"returned sync step {next} beyond T = {totalSteps}");
        return next;
    }

    /// <summary>Truncates a round that would overrun the horizon to the steps that remain.</summary>
    public static int Truncate(int roundStart, long length, int totalSteps)
        => (int)Math.Min(totalSteps, roundStart + Math.Max(1, length));
}
