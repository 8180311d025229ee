using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.Simulation.Kernels;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.Tests.Exact;
using LocalSgdVerify.Tests.Scenarios;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Model;

/// <summary>
/// The hierarchical schedule (claims.md §1): its laws against the flat schedules it generalises, the reference loop's
/// group averages against a loop that applies every firing level in turn, the exact class-moment recursion against the
/// full second-moment matrix, and the scenario reader's spelling and messages.
/// </summary>
public sealed class HierarchicalScheduleTests
{
    private static readonly SeparableQuadratic Problem = new([0.5, 1.5, 2.5], 0.4, 0.7);

    private static LocalSgdConfiguration Configuration(int workers, int steps, ICommunicationSchedule schedule) =>
        new(Problem, workers, steps, [1.0, -0.5, 2.0], new InverseTimeStepSize(0.8, 4), schedule);

    private static Gen<(int Workers, int Steps, int Period)> Cases =>
        from workers in Gen.Choose(1, 8)
        from steps in Gen.Choose(1, 40)
        from period in Gen.Choose(1, 12)
        select (workers, steps, Math.Min(period, steps));

    [Fact]
    public void OneLevelOverAllWorkersIsTheConstantPeriodBitForBit()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var hierarchical = Configuration(c.Workers, c.Steps, new HierarchicalSchedule([new AveragingLevel(c.Workers, c.Period)]));
            var flat = Configuration(c.Workers, c.Steps, new ConstantPeriod(c.Period));
            Assert.Equal(flat.StaticSyncSteps, hierarchical.StaticSyncSteps);
            var expected = ReferenceLocalSgd.Run(flat, 17, 3);
            var actual = ReferenceLocalSgd.Run(hierarchical, 17, 3);
            Assert.Equal(expected.FinalWorkers, actual.FinalWorkers);
            Assert.Equal(expected.Errors, actual.Errors);
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void GroupsOfOneWorkerNeverAverageBeforeTheFinalStep()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var hierarchical = Configuration(c.Workers, c.Steps, new HierarchicalSchedule([new AveragingLevel(1, c.Period)]));
            var oneShot = Configuration(c.Workers, c.Steps, new OneShot());
            var expected = ReferenceLocalSgd.Run(oneShot, 5, 1);
            var actual = ReferenceLocalSgd.Run(hierarchical, 5, 1);
            Assert.Equal(expected.FinalWorkers, actual.FinalWorkers);
            Assert.Equal(expected.Errors, actual.Errors);
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void TheWarmupAveragesAfterEveryStepAndTheLargestFiringLevelWins()
    {
        // N = 8, levels (2, 2), (4, 3), (8, 12), W = 3, T = 14: steps 1..3 all workers; then 4 (pairs), 6 (quads), 8 (pairs),
        // 9 (quads), 10 (pairs), 12 (all: every level fires, the largest wins), 14 (the final averaging).
        var schedule = new HierarchicalSchedule([new(2, 2), new(4, 3), new(8, 12)], warmupSteps: 3);
        var context = new ScheduleContext(14, 8, new ConstantStepSize(0.1));
        Assert.Equal([1, 2, 3, 4, 6, 8, 9, 10, 12, 14], SyncSteps.Of(schedule, context));
        Assert.Equal([8, 8, 8, 2, 4, 2, 4, 2, 8, 8], GroupAveraging.Sizes(schedule, context, SyncSteps.Of(schedule, context))!);
    }

    [Fact]
    public void GroupAveragesEqualEveryFiringLevelAppliedInTurnFromTheSmallestGroups()
    {
        // Nested groups: averaging the pairs and then the quads gives the quads' average. An independent loop applies
        // every level whose period divides s (smallest groups first) and must land on the reference's workers.
        var cases = from log in Gen.Choose(1, 3)
                    from periods in Gen.Choose(1, 6).ArrayOf(3)
                    from warmup in Gen.Choose(0, 5)
                    from steps in Gen.Choose(6, 30)
                    select (Workers: 1 << log, Periods: periods, Warmup: warmup, Steps: steps);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var levels = new List<AveragingLevel>();
            for (int size = 1, index = 0; size <= c.Workers && index < c.Periods.Length; size *= 2, index++)
                if (!levels.Any(level => level.Period == c.Periods[index])) levels.Add(new AveragingLevel(size, c.Periods[index]));
            var configuration = Configuration(c.Workers, c.Steps, new HierarchicalSchedule(levels, c.Warmup));
            var reference = ReferenceLocalSgd.Run(configuration, 9, 2);

            var oracle = Problem.CreateOracle(9);
            int d = Problem.Dimension, n = c.Workers;
            var workers = Enumerable.Range(0, n).Select(_ => configuration.InitialPoint.ToArray()).ToArray();
            var gradient = new double[d];
            for (int t = 0; t < c.Steps; t++)
            {
                double eta = configuration.StepSize.At(t);
                for (int i = 0; i < n; i++)
                {
                    oracle.StochasticGradient(workers[i], new LocalSgdVerify.Model.Randomness.NoiseAddress(2, i, t), gradient);
                    for (int k = 0; k < d; k++) workers[i][k] -= eta * gradient[k];
                }
                int step = t + 1;
                var firing = step <= c.Warmup || step == c.Steps ? [n] : levels.Where(level => step % level.Period == 0).Select(level => level.GroupSize);
                foreach (int size in firing.Order())
                    for (int first = 0; first < n; first += size)
                    {
                        double[] mean = WorkerAverage.Of(workers[first..(first + size)]);
                        for (int i = first; i < first + size; i++) workers[i] = (double[])mean.Clone();
                    }
            }
            for (int i = 0; i < n; i++)
                for (int k = 0; k < d; k++)
                    Assert.True(ExactTestSupport.RelativelyClose(workers[i][k], reference.FinalWorkers[i * d + k], 1e-12),
                        $"worker {i}, coordinate {k}: {workers[i][k]} vs {reference.FinalWorkers[i * d + k]}");
        }).Check(TestSeeds.Properties(60));
    }

    [Fact]
    public void ClassMomentsEqualTheFullSecondMomentMatrix()
    {
        var cases = from workers in Gen.Elements(2, 4, 6, 8)
                    from steps in Gen.Choose(3, 16)
                    from warmup in Gen.Choose(0, 3)
                    from small in Gen.Choose(1, 3)
                    from large in Gen.Choose(2, 7)
                    from weighted in Gen.Elements(false, true)
                    select (Workers: workers, Steps: steps, Warmup: warmup, Small: small, Large: large, Weighted: weighted);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int pair = c.Workers % 4 == 0 ? 2 : 1;
            AveragingLevel[] levels = c.Small == c.Large ? [new(pair, c.Small)] : [new(pair, c.Small), new(c.Workers, c.Large)];
            var schedule = new HierarchicalSchedule(levels, c.Warmup);
            var stepSize = new InverseTimeStepSize(0.9, 3);
            var output = c.Weighted ? OutputIterate.PolyakRuppert : OutputIterate.LastAverage;
            int[] sync = SyncSteps.Of(schedule, new ScheduleContext(c.Steps, c.Workers, stepSize));
            int[] sizes = sync.Select(step => schedule.GroupSizeAfter(step, new ScheduleContext(c.Steps, c.Workers, stepSize))).ToArray();
            int[] checkpoints = [.. Enumerable.Range(1, c.Steps).Where(step => step % 3 == 0 || step == c.Steps)];
            var exact = HierarchicalQuadraticMoments.Compute(Problem, c.Workers, [1.0, -0.5, 2.0], stepSize, c.Steps, sync, sizes, checkpoints, output);
            var brute = BruteForceMoments.Separable([.. Problem.Curvatures], Problem.MultiplicativeNoise, Problem.AdditiveNoise, c.Workers, [1.0, -0.5, 2.0],
                stepSize.At, c.Steps, sync.ToHashSet(), checkpoints, c.Weighted ? _ => 1.0 : null,
                sync.Zip(sizes).ToDictionary(pair => pair.First, pair => pair.Second));
            for (int index = 0; index < checkpoints.Length; index++)
            {
                Assert.True(ExactTestSupport.RelativelyClose(brute.Output[index], exact.OutputErrors[index], 1e-10), $"output at {checkpoints[index]}");
                Assert.True(ExactTestSupport.RelativelyClose(brute.Average[index], exact.AverageErrors[index], 1e-10), $"average at {checkpoints[index]}");
                Assert.True(ExactTestSupport.RelativelyClose(brute.Worker[index], exact.WorkerErrors[index], 1e-10), $"worker at {checkpoints[index]}");
            }
        }).Check(TestSeeds.Properties(60));
    }

    [Fact]
    public void TheExactEngineCoversHierarchicalSchedulesAndTheSimulatorRunsThemOnAFusedKernel()
    {
        var configuration = Configuration(4, 20, new HierarchicalSchedule([new(2, 2), new(4, 5)], 3));
        Assert.Equal(ExactEngine.HierarchicalMethod, ExactEngine.TryCompute(configuration)!.Method);
        var result = MonteCarloSimulator.Run(configuration, new SimulationOptions(8, 3, threads: 2));
        Assert.Equal(nameof(SeparableQuadraticKernel), result.KernelName);
    }

    [Fact]
    public void TheScenarioSpellingRoundTrips()
    {
        var scenario = ScenarioTestFiles.Read(ScenarioTestFiles.Base().With("communication",
            """{"kind":"hierarchical","levels":[{"group_size":2,"period":5},{"group_size":4,"period":20}],"warmup_steps":7}"""));
        var schedule = Assert.IsType<HierarchicalSchedule>(scenario.Configuration.Communication);
        Assert.Equal([new AveragingLevel(2, 5), new AveragingLevel(4, 20)], schedule.Levels);
        Assert.Equal(7, schedule.WarmupSteps);
        var again = new ScenarioReader().Read(ScenarioWriter.ToJson(scenario));
        Assert.Equal(schedule.Levels, Assert.IsType<HierarchicalSchedule>(again.Configuration.Communication).Levels);
    }

    [Theory]
    [InlineData("""{"kind":"hierarchical","levels":[{"group_size":3,"period":5}]}""", "communication.levels[0].group_size",
        "communication.levels[0].group_size = 3 is not allowed: expected a divisor of workers = 4 (the groups are contiguous blocks of equal size).")]
    [InlineData("""{"kind":"hierarchical","levels":[]}""", "communication.levels",
        "communication.levels = [] is not allowed: expected a non-empty list of levels {\"group_size\": g, \"period\": p}, smallest groups first.")]
    [InlineData("""{"kind":"hierarchical","levels":[{"group_size":4,"period":5},{"group_size":2,"period":10}]}""", "communication.levels[1].group_size",
        "communication.levels[1].group_size = 2 is not allowed: expected a multiple of the previous level's group size 4 larger than it (levels go from the smallest groups to the largest, each group a union of groups of the level below).")]
    [InlineData("""{"kind":"hierarchical","levels":[{"group_size":2,"period":5},{"group_size":4,"period":5}]}""", "communication.levels[1].period",
        "communication.levels[1].period = 5 is not allowed: expected a period no other level has (levels[0] has it too; the larger group would always subsume the smaller).")]
    [InlineData("""{"kind":"hierarchical","levels":[{"group_size":2,"peroid":5}]}""", "communication.levels[0].peroid",
        "unknown field 'peroid' in communication.levels[0] (did you mean 'period'?); known fields: group_size, period.")]
    public void BadLevelsAreNamedWithTheirPath(string communication, string field, string message)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioTestFiles.Read(ScenarioTestFiles.Base().With("communication", communication)));
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }
}
