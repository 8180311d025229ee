using LocalSgdVerify.Model;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>Round arithmetic of communication schedules: how many rounds a schedule makes and how long each one is.</summary>
public static class ScheduleRounds
{
    /// <summary>Rounds of a constant period τ with the final sync at T always made: R = ⌈T/τ⌉.</summary>
    public static int OfConstantPeriod(int totalSteps, int period)
    {
        ProblemParameterException.RequireAtLeast("steps", totalSteps, 1);
        ProblemParameterException.RequireAtLeast("period", period, 1);
        return (int)((totalSteps + (long)period - 1) / period);
    }

    /// <summary>For each step t (0-based) the length of the round containing it, from a schedule's sync steps.</summary>
    public static int[] LengthByStep(IReadOnlyList<int> syncSteps, int totalSteps)
    {
        var lengths = new int[totalSteps];
        int start = 0;
        foreach (int sync in syncSteps)
        {
            for (int t = start; t < sync && t < totalSteps; t++) lengths[t] = sync - start;
            start = sync;
        }
        return lengths;
    }
}
