using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Measurements;

/// <summary>
/// A run over replicates first..first + R − 1 holds exactly the bits those replicates have in the run over 0..R' − 1:
/// ranges concatenate into the whole, which is what lets stages extend earlier stages and shards split a run.
/// </summary>
public sealed class ReplicateRangeTests
{
    private static ulong[] Bits(double[] values) => values.Select(BitConverter.DoubleToUInt64Bits).ToArray();

    [Fact]
    public void TwoRangesConcatenateIntoTheWholeRunForEveryKernel()
    {
        var cases = from family in Gen.Choose(0, 4)
                    from workers in Gen.Choose(1, 6)
                    from steps in Gen.Choose(1, 60)
                    from replicates in Gen.Choose(2, 50)
                    from split in Gen.Choose(1, replicates - 1)
                    from threads in Gen.Choose(1, 3)
                    from schedule in ScheduleGenerators.AnyStatic(steps)
                    select (family, workers, steps, replicates, split, threads, schedule);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            IProblem problem = c.family switch
            {
                0 => new SeparableQuadratic([1.0, 2.0, 3.0], 0.7, 0.5),
                1 => new KinkFunction(1, 8),
                2 => new SmoothFunction(8),
                3 => new LeastSquares(12, 3, 2, 0.3, dataSeed: 7),
                _ => new DenseQuadratic([0.5, 1.0, 2.0], 0.5, dataSeed: 3),
            };
            var start = Enumerable.Repeat(1.0, problem.Dimension).ToArray();
            var configuration = new LocalSgdConfiguration(problem, c.workers, c.steps, start, new InverseTimeStepSize(2, 10), c.schedule,
                checkpoints: c.steps > 1 ? [1, c.steps] : [c.steps]);
            var whole = MonteCarloSimulator.Run(configuration, new SimulationOptions(c.replicates, TestSeeds.MasterSeed, c.threads));
            var head = MonteCarloSimulator.Run(configuration, new SimulationOptions(c.split, TestSeeds.MasterSeed, c.threads));
            var tail = MonteCarloSimulator.Run(configuration, new SimulationOptions(c.replicates - c.split, TestSeeds.MasterSeed, 4 - c.threads) { FirstReplicate = c.split });
            for (int checkpoint = 0; checkpoint < whole.Errors.Length; checkpoint++)
                Assert.Equal(Bits(whole.Errors[checkpoint]), Bits([.. head.Errors[checkpoint], .. tail.Errors[checkpoint]]));
            Assert.Equal(whole.RoundsPerReplicate, head.RoundsPerReplicate.Concat(tail.RoundsPerReplicate).ToArray());
        }).Check(TestSeeds.Properties(60));
    }

    [Fact]
    public void ANegativeFirstReplicateIsRefusedByName()
    {
        var error = Assert.Throws<LocalSgdVerify.Model.ProblemParameterException>(() => new SimulationOptions(3, 1) { FirstReplicate = -1 });
        Assert.Equal("first_replicate", error.Field);
    }
}
