using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.BitIdentity;

/// <summary>
/// The block size the simulator picks: at least one replicate, within the lane budget, and sixteen blocks per thread,
/// except that small requests are not cut below min(16, ⌈R/K⌉) replicates per block unless the lane budget says so.
/// </summary>
public class BlockPartitionTests
{
    [Fact]
    public void BlocksFitTheLaneBudgetAndGiveEveryThreadSixteenBlocksOrTheFloor()
    {
        var cases = from workers in Gen.Choose(1, 64)
                    from dimension in Gen.Choose(1, 3000)
                    from replicates in Gen.Choose(1, 100_000)
                    from threads in Gen.Choose(1, 16)
                    select (workers, dimension, replicates, threads);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var configuration = new LocalSgdConfiguration(new SeparableQuadratic(Enumerable.Repeat(1.0, c.dimension).ToArray(), 0, 1),
                c.workers, 1, new double[c.dimension], new ConstantStepSize(0.1), new ConstantPeriod(1));
            int size = MonteCarloSimulator.ReplicatesPerBlock(configuration, c.replicates, c.threads);
            long lanes = (long)size * c.workers * c.dimension;
            bool withinBudget = size == 1 || lanes <= MonteCarloSimulator.TargetLanesPerBlock;
            bool balanced = size == 1 || (c.replicates + size - 1) / size >= 16 * c.threads || size <= MonteCarloSimulator.MinimumReplicatesPerBlock;
            // Not cut below the floor: min(16, ⌈R/K⌉), or what the lane budget allows when that is less.
            long byCache = Math.Max(1, MonteCarloSimulator.TargetLanesPerBlock / ((long)c.workers * c.dimension));
            long floor = Math.Min(MonteCarloSimulator.MinimumReplicatesPerBlock, (c.replicates + c.threads - 1) / c.threads);
            bool notTooSmall = size >= Math.Min(byCache, floor);
            return (size >= 1 && withinBudget && balanced && notTooSmall).Label($"size {size}, lanes {lanes}, floor {floor}, lane budget {byCache}");
        }).Check(TestSeeds.Properties(300));
    }

    [Fact]
    public void TheIssueShapesGetTheHandComputedBlockSizes()
    {
        static int Size(int replicates, int workers, int dimension, int threads) => MonteCarloSimulator.ReplicatesPerBlock(
            new LocalSgdConfiguration(new SeparableQuadratic(Enumerable.Repeat(1.0, dimension).ToArray(), 0, 1), workers, 1,
                new double[dimension], new ConstantStepSize(0.1), new ConstantPeriod(1)), replicates, threads);
        // 16384 / 80 = 204 lanes-wise, 1000 / 32 = 31 balance-wise.
        Assert.Equal(31, Size(1000, 8, 10, 2));
        // 16384 / 1600 = 10 lanes-wise, 100 / 16 = 6 balance-wise, raised to the floor 16, cut to the lane budget 10.
        Assert.Equal(10, Size(100, 16, 100, 1));
        // A shard's block of 32 on two threads: 32 / 32 = 1 balance-wise, raised to the floor min(16, 32 / 2) = 16.
        Assert.Equal(16, Size(32, 8, 5, 2));
        // 1-D: 16384 / 8 = 2048 lanes-wise, 20000 / 32 = 625 balance-wise.
        Assert.Equal(625, Size(20000, 8, 1, 2));
        // 10 replicates on two threads: the floor min(16, 5) = 5, cut to the lane budget 16384 / 8000 = 2.
        Assert.Equal(2, Size(10, 8, 1000, 2));
        // 10 replicates of a small problem on two threads: one block of 5 per thread.
        Assert.Equal(5, Size(10, 8, 5, 2));
    }
}
