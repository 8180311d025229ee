using LocalSgdVerify.Checks.Framework;
using Xunit;

namespace LocalSgdVerify.Tests.Framework;

/// <summary>Round arithmetic of schedules, against counts made by hand.</summary>
public sealed class ScheduleRoundsTests
{
    [Theory]
    [InlineData(10, 3, 4)]
    [InlineData(9, 3, 3)]
    [InlineData(1, 5, 1)]
    [InlineData(1000, 1, 1000)]
    public void RoundsOfConstantPeriodIsTheCeilingOfTOverTau(int steps, int period, int rounds)
        => Assert.Equal(rounds, ScheduleRounds.OfConstantPeriod(steps, period));

    [Fact]
    public void EveryStepBelongsToARoundOfTheLengthBetweenItsSyncs()
    {
        // Syncs at 3, 4, 10 of T = 10: steps 0–2 in a round of 3, step 3 in a round of 1, steps 4–9 in a round of 6.
        Assert.Equal([3, 3, 3, 1, 6, 6, 6, 6, 6, 6], ScheduleRounds.LengthByStep([3, 4, 10], 10));
    }
}
