using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Model;

/// <summary>Schedule generators: the set I is strictly increasing, inside 1..T, ends at T, and has the shapes of claims.md §3.</summary>
public class CommunicationScheduleTests
{
    private static readonly IStepSizeSchedule Constant = new ConstantStepSize(0.1);

    private static int[] Steps(ICommunicationSchedule schedule, int totalSteps, int workers = 4, IStepSizeSchedule? stepSize = null)
        => SyncSteps.Of(schedule, new ScheduleContext(totalSteps, workers, stepSize ?? Constant));

    /// <summary>The generated cases of the properties below, named so that a failure prints what it ran.</summary>
    public sealed record StaticScheduleCase(int TotalSteps, int Workers, ICommunicationSchedule Schedule)
    {
        public override string ToString() => $"{Schedule.Kind} T={TotalSteps} N={Workers}";
    }

    /// <summary>T and R with R ≤ T.</summary>
    public sealed record HorizonAndRounds(int TotalSteps, int Rounds);

    /// <summary>R and T ≥ R(R+1)/2, so Spiridonoff's a = 2T/(R(R+1)) is at least 1.</summary>
    public sealed record RoundsWithRoom(int Rounds, int TotalSteps);

    /// <summary>FsCheck arbitraries of the cases (the replay pair of TestSeeds drives them).</summary>
    public static class Cases
    {
        public static Arbitrary<StaticScheduleCase> StaticSchedules() =>
            (from totalSteps in Gen.Choose(1, 3000)
             from workers in Gen.Choose(1, 64)
             from schedule in ScheduleGenerators.AnyStatic(totalSteps)
             select new StaticScheduleCase(totalSteps, workers, schedule)).ToArbitrary();

        public static Arbitrary<HorizonAndRounds> HorizonsAndRounds() =>
            (from totalSteps in Gen.Choose(1, 5000)
             from rounds in Gen.Choose(1, 5000)
             where rounds <= totalSteps
             select new HorizonAndRounds(totalSteps, rounds)).ToArbitrary();

        public static Arbitrary<RoundsWithRoom> RoundsWithRoomToGrow() =>
            (from rounds in Gen.Choose(1, 60)
             from extra in Gen.Choose(0, 5000)
             select new RoundsWithRoom(rounds, rounds * (rounds + 1) / 2 + extra)).ToArbitrary();
    }

    [ReplayedProperty(MaxTest = 300, Arbitrary = [typeof(Cases)])]
    public Property EveryStaticScheduleIsStrictlyIncreasingInsideTheHorizonAndEndsAtT(StaticScheduleCase c)
    {
        int[] steps = Steps(c.Schedule, c.TotalSteps, c.Workers, ScheduleGenerators.DecayingStepSize);
        bool increasing = steps.Zip(steps.Skip(1), (x, y) => y > x).All(b => b);
        return (steps[0] >= 1 && steps[^1] == c.TotalSteps && increasing).Label($"{c}: [{string.Join(",", steps.Take(20))}...]");
    }

    [Theory]
    [InlineData(10, 3, new[] { 3, 6, 9, 10 })]
    [InlineData(9, 3, new[] { 3, 6, 9 })]
    [InlineData(5, 7, new[] { 5 })]
    public void ConstantPeriodAveragesEveryHStepsAndOnceMoreAtT(int totalSteps, int period, int[] expected)
        => Assert.Equal(expected, Steps(new ConstantPeriod(period), totalSteps));

    [Fact]
    public void EveryStepAndOneShotAreTheExtremeSets()
    {
        Assert.Equal(Enumerable.Range(1, 17), Steps(new EveryStep(), 17));
        Assert.Equal([17], Steps(new OneShot(), 17));
    }

    [ReplayedProperty(MaxTest = 300, Arbitrary = [typeof(Cases)])]
    public bool ConstantRoundsMakesExactlyRRoundsOfNearlyEqualLength(HorizonAndRounds c)
    {
        int[] steps = Steps(new ConstantRounds(c.Rounds), c.TotalSteps);
        var lengths = steps.Zip(steps.Prepend(0), (s, previous) => s - previous).ToArray();
        return steps.Length == c.Rounds && lengths.Max() - lengths.Min() <= 1;
    }

    [Fact]
    public void ConstantRoundsRoundsTheBoundariesUp() =>
        // Hand-computed: T = 10, R = 3 gives H = 10/3 and τ = ⌈10/3⌉, ⌈20/3⌉, 10.
        Assert.Equal([4, 7, 10], Steps(new ConstantRounds(3), 10));

    [Fact]
    public void IncreasingIntervalsFollowSpiridonoffARTimesRPlusOneOverTwo()
    {
        // T = 100, R = 4: a = 2·100/(4·5) = 10, τ_r = ⌊10·r(r+1)/2⌋ = 10, 30, 60, 100.
        Assert.Equal([10, 30, 60, 100], Steps(new IncreasingIntervals(RoundCount.Fixed(4)), 100));
        // T = 1000, R = N = 20: a = 2000/420, so intervals grow about linearly.
        int[] steps = Steps(new IncreasingIntervals(RoundCount.PowerOfWorkers(1)), 1000, workers: 20);
        Assert.Equal(20, steps.Length);
    }

    [ReplayedProperty(MaxTest = 300, Arbitrary = [typeof(Cases)])]
    public Property IncreasingIntervalsAreNonDecreasingUpToFloorEffectsAndHaveRRoundsWhenAIsAtLeastOne(RoundsWithRoom c)
    {
        int[] steps = Steps(new IncreasingIntervals(RoundCount.Fixed(c.Rounds)), c.TotalSteps);
        var lengths = steps.Zip(steps.Prepend(0), (s, previous) => s - previous).ToArray();
        bool growing = lengths.Zip(lengths.Skip(1), (x, y) => y - x >= -1).All(b => b);
        return (steps.Length == c.Rounds && growing).Label($"R={c.Rounds} T={c.TotalSteps}: {string.Join(",", lengths)}");
    }

    [Fact]
    public void RoundsAsAPowerOfNRoundUpExactlyAtPerfectPowers()
    {
        var context = new ScheduleContext(1000, 16, Constant);
        Assert.Equal(4, RoundCount.PowerOfWorkers(0.5).For(context));
        Assert.Equal(8, RoundCount.PowerOfWorkers(0.75).For(context));
        Assert.Equal(16, RoundCount.PowerOfWorkers(1).For(context));
        Assert.Equal(3, RoundCount.PowerOfWorkers(0.5).For(context with { Workers = 5 }));
    }

    [Fact]
    public void StichPeriodIsFloorOfRootTOverN()
    {
        Assert.Equal(Enumerable.Range(1, 20).Select(r => 5 * r), Steps(new StichPeriod(), 100, workers: 4));
        Assert.Equal(3, StichPeriod.PeriodFor(100, 10)); // √10 = 3.16
    }

    [Fact]
    public void HaddadpourPeriodIsFloorOfCubeRootOfTSquaredOverP()
    {
        // (100²/1)^{1/3} = 21.54: τ = 21, then 42, 63, 84 and the final sync at 100.
        Assert.Equal([21, 42, 63, 84, 100], Steps(new HaddadpourPeriod(), 100, workers: 1));
        // Rounds grow like (pT)^{1/3}: 8× the horizon gives about 2× the rounds.
        int small = Steps(new HaddadpourPeriod(), 10_000, workers: 8).Length;
        int large = Steps(new HaddadpourPeriod(), 80_000, workers: 8).Length;
        Assert.InRange((double)large / small, 1.8, 2.2);
    }

    [Fact]
    public void AdaLupaLinearGrowsPeriodsByAlphaTau0AndTruncatesTheLastRound()
    {
        // τ0 = 2, E = 4, T = 100: α = 200/(5·4·2) = 5, lengths 2, 12, 22, 32, then 42 truncated to 32.
        Assert.Equal([2, 14, 36, 68, 100], Steps(new AdaLupaLinear(2, 4), 100));
    }

    [Fact]
    public void AdaLupaLossRuleMultipliesTau0ByTheRoundedUpCubeRootOfTheLossRatio()
    {
        var planner = new AdaLupaLoss(5).Start(new ScheduleContext(100, 2, Constant));
        Assert.Equal(5, planner.NextSync(0, 1.0));
        Assert.Equal(5 + 15, planner.NextSync(5, 0.1));     // ⌈10^{1/3}⌉ = ⌈2.15⌉ = 3
        Assert.Equal(20 + 5, planner.NextSync(20, 2.0));    // loss went up: back to τ0
        Assert.Equal(100, planner.NextSync(98, 1e-6));      // 100·5 steps truncated to what remains
    }

    [Fact]
    public void QsrUsesHBaseInWarmUpThenAlphaOverEtaSquared()
    {
        // η = 0.1, α = 0.2: (α/η)² = 4 > H_base = 2; warm-up of 3 steps keeps H_base for rounds starting at 0 and 2.
        Assert.Equal([2, 4, 8, 10], Steps(new QuadraticSynchronizationRule(2, 0.2, 3), 10));
    }

    [Fact]
    public void QsrRoundsLengthenAsTheStepSizeDecays()
    {
        int[] steps = Steps(new QuadraticSynchronizationRule(1, 0.5), 2000, stepSize: new InverseTimeStepSize(1.0, 10.0));
        var lengths = steps.Zip(steps.Prepend(0), (s, previous) => s - previous).ToArray();
        // η_t = 1/(t+10): H = ⌊(0.5(t+10))²⌋ at a round starting at t, so each round is longer than the last.
        Assert.True(lengths.Take(lengths.Length - 1).Zip(lengths.Skip(1).Take(lengths.Length - 2), (x, y) => y >= x).All(b => b),
            string.Join(",", lengths));
        Assert.Equal(25, lengths[0]); // ⌊(0.5·10)²⌋
    }

    [Fact]
    public void GrowingPhasesHaveLengthsCeilN0TimesPhaseToTheG()
        => Assert.Equal([2, 6, 12, 20], Steps(new GrowingPhases(2, 1.0), 20));

    [Fact]
    public void AnExplicitListThatMissesTIsReportedAsNeverReachingT()
    {
        var error = Assert.Throws<ScheduleException>(() => Steps(new ExplicitSchedule([3, 6]), 10));
        Assert.Contains("T = 10", error.Message);
    }
}
