using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.Simulation.Kernels;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.BitIdentity;

/// <summary>
/// The fast kernels are the reference loop, faster: the same bits for every replicate and checkpoint (separable
/// quadratics with even, odd and unit dimension, the 1-D problems and the dense quadratic), under static schedules
/// including hierarchical ones (averages within groups of workers).
/// </summary>
public class FastKernelTests
{
    private static ulong[] Bits(SimulationResult result) => result.Errors.SelectMany(row => row).Select(BitConverter.DoubleToUInt64Bits).ToArray();

    [Fact]
    public void FastKernelsReproduceTheReferenceLoopBitForBit()
    {
        var cases = from steps in Gen.Choose(1, 120)
                    from workers in Gen.Choose(1, 12)
                    from family in Gen.Choose(0, 5)
                    from output in Gen.Choose(0, 2)
                    from replicates in Gen.Choose(1, 40)
                    from schedule in Gen.OneOf(ScheduleGenerators.AnyStatic(steps), ScheduleGenerators.Hierarchical(steps, workers))
                    from checkpointCount in Gen.Choose(1, 5)
                    select (steps, workers, family, output, replicates, schedule, checkpointCount);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            IProblem problem = c.family switch
            {
                0 => new SeparableQuadratic([1.0, 2.0, 3.0], 1.0, 0.5),
                1 => new SeparableQuadratic(Enumerable.Range(1, 11).Select(k => 0.3 * k).ToArray(), 0, 0.5),
                2 => new KinkFunction(1, 8),
                3 => new SmoothFunction(8),
                4 => new DenseQuadratic([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 1.2], 0.5, dataSeed: 5, optimum: [0.1, -0.2, 0.3, 0, 0, 0.5, -1, 0.25, 2]),
                _ => new SeparableQuadratic([1.7], 0.5, 0.5),
            };
            OutputIterate output = c.output switch { 0 => OutputIterate.LastAverage, 1 => OutputIterate.PolyakRuppert, _ => OutputIterate.StichWeighted(16) };
            int[] checkpoints = Enumerable.Range(1, c.checkpointCount).Select(i => Math.Max(1, c.steps * i / c.checkpointCount)).Distinct().ToArray();
            var configuration = new LocalSgdConfiguration(problem, c.workers, c.steps, Enumerable.Repeat(1.5, problem.Dimension).ToArray(),
                new CappedInverseTimeStepSize(2, 1, 0.25), c.schedule, output, checkpoints);
            var fast = MonteCarloSimulator.Run(configuration, new SimulationOptions(c.replicates, TestSeeds.MasterSeed, threads: 2));
            var reference = MonteCarloSimulator.Run(configuration, new SimulationOptions(c.replicates, TestSeeds.MasterSeed, threads: 2, useFastKernels: false));
            bool fastPath = fast.KernelName != nameof(ReferenceKernel) || (problem is DenseQuadratic && !DenseQuadraticKernel.IsSupported);
            return (fastPath && Bits(fast).SequenceEqual(Bits(reference)))
                .Label($"{problem.Family}/{c.schedule.Kind}/{output.Kind} with {fast.KernelName}");
        }).Check(TestSeeds.Properties(60));
    }

    [Theory]
    [InlineData(1, 37)]
    [InlineData(2, 37)]
    [InlineData(3, 37)]
    [InlineData(5, 600)]
    [InlineData(8, 600)]
    [InlineData(9, 2100)]
    public void The_one_dimensional_kernel_takes_each_workers_normal_from_the_steps_shared_run(int workers, int replicates)
    {
        // A replicate's N workers share one run of normals; odd N draws N + 1 and drops one per replicate, and 2100
        // replicates of 9 workers span more than one block of lanes, so the compaction crosses block boundaries.
        foreach (ScalarProblem problem in new ScalarProblem[] { new KinkFunction(1, 8), new SmoothFunction(8) })
        {
            var configuration = new LocalSgdConfiguration(problem, workers, 30, [1.5], new CappedInverseTimeStepSize(2, 1, 0.25),
                new LocalSgdVerify.Model.Communication.ConstantPeriod(4), OutputIterate.LastAverage, [10, 30]);
            var fast = MonteCarloSimulator.Run(configuration, new SimulationOptions(replicates, TestSeeds.MasterSeed, threads: 2));
            var reference = MonteCarloSimulator.Run(configuration, new SimulationOptions(replicates, TestSeeds.MasterSeed, threads: 2, useFastKernels: false));
            Assert.Equal(nameof(ScalarProblemKernel), fast.KernelName);
            Assert.Equal(Bits(reference), Bits(fast));
        }
    }

    [Fact]
    public void AFastKernelReportsDivergenceAtTheReferenceStep()
    {
        var configuration = new LocalSgdConfiguration(new KinkFunction(1, 0.1), 4, 3000, [1.0], new ConstantStepSize(2.5), new LocalSgdVerify.Model.Communication.ConstantPeriod(3));
        var fast = Assert.Throws<DivergenceException>(() => MonteCarloSimulator.Run(configuration, new SimulationOptions(32, TestSeeds.MasterSeed)));
        var reference = Assert.Throws<DivergenceException>(() => ReferenceLocalSgd.Run(configuration, TestSeeds.MasterSeed, fast.Replicate));
        Assert.Equal(reference.Step, fast.Step);
        Assert.Equal(0, fast.Replicate);
    }
}
