using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.Simulation.Kernels;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.BitIdentity;

/// <summary>
/// Every fused kernel gives the same bits for 1, 2 and 3 threads (which also changes the block partition, see
/// <see cref="MonteCarloSimulator.ReplicatesPerBlock"/>) and the same bits and rounds as the reference loop, under a
/// static schedule, under ADA-LUPA's loss rule and under a hierarchical schedule (averages within groups of 2 and 3 of
/// 6 workers, and of all).
/// </summary>
public class KernelThreadIdentityTests
{
    public static TheoryData<string> Kernels => ["separable-additive", "separable-multiplicative", "separable-odd-dimension",
        "separable-one-dimension", "kink", "smooth", "dense", "dense-shifted-optimum", "least-squares-rank-deficient",
        "least-squares-mini-batch", "logistic-narrow", "logistic-wide", "heterogeneous", "uv", "kink-loss-rule", "least-squares-loss-rule",
        "least-squares-partitioned", "least-squares-partitioned-loss-rule"];

    private static LocalSgdConfiguration Named(string name, bool hierarchical = false)
    {
        int workers = hierarchical ? 6 : 5;
        IProblem problem = name switch
        {
            "separable-additive" => new SeparableQuadratic(Enumerable.Range(1, 16).Select(k => 0.5 * k).ToArray(), 0, 0.7),
            "separable-multiplicative" => new SeparableQuadratic([1.0, 2.0, 3.0, 4.0], 0.8, 0.5),
            "separable-odd-dimension" => new SeparableQuadratic(Enumerable.Range(1, 9).Select(k => 0.4 * k).ToArray(), 0.3, 0.5),
            "separable-one-dimension" => new SeparableQuadratic([1.5], 0.5, 0.5),
            "kink" => new KinkFunction(1, 8),
            "smooth" => new SmoothFunction(2),
            "dense" => new DenseQuadratic([1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 9.0, 10.0, 12.0], 0.5, dataSeed: 3),
            "dense-shifted-optimum" => new DenseQuadratic([1.0, 2.0, 3.0, 4.0, 5.0], 0.5, dataSeed: 4, optimum: [0.5, -1.0, 2.0, 0.25, -0.75]),
            "least-squares-rank-deficient" or "least-squares-loss-rule" => new LeastSquares(50, 5, 1, 0.5, dataSeed: 6, rank: 3),
            "least-squares-mini-batch" => new LeastSquares(40, 11, 3, 0.5, dataSeed: 2),
            // 60 rows split into one block per worker (12 for 5 workers, 10 for 6 under the hierarchical schedule).
            "least-squares-partitioned" or "least-squares-partitioned-loss-rule" => new LeastSquares(60, 5, 2, 0.5, dataSeed: 7, rank: 3, partitions: workers),
            "logistic-narrow" => new LogisticRegression(60, 4, 0.1, 2, dataSeed: 5),
            "logistic-wide" => new LogisticRegression(60, 17, 0.1, 1, dataSeed: 5),
            "heterogeneous" => HeterogeneousQuadratics.Generated([1.0, 2.0, 3.0], workers, 1.0, 0.5, dataSeed: 8),
            "uv" => new LabelNoiseUvToy(0.5, 2),
            _ => new KinkFunction(1, 8),
        };
        var start = Enumerable.Range(0, problem.Dimension).Select(k => problem is LabelNoiseUvToy ? 1.2 - 0.4 * k : 0.1 * k).ToArray();
        ICommunicationSchedule schedule = hierarchical ? new HierarchicalSchedule([new(1, 2), new(2, 3), new(6, 11)], warmupSteps: 4)
            : name.EndsWith("-loss-rule", StringComparison.Ordinal) ? new AdaLupaLoss(3) : new ConstantPeriod(7);
        double scale = problem is LeastSquares or LogisticRegression ? 0.5 : 2;
        return new LocalSgdConfiguration(problem, workers, 90, start, new InverseTimeStepSize(scale, 20), schedule,
            OutputIterate.LastAverage, [9, 45, 90]);
    }

    private static ulong[] Bits(SimulationResult result) => result.Errors.SelectMany(row => row).Select(BitConverter.DoubleToUInt64Bits).ToArray();

    [Theory]
    [MemberData(nameof(Kernels))]
    public void AnyThreadCountGivesTheReferenceBits(string name) => SameBitsAtOneTwoAndThreeThreads(Named(name));

    [Theory]
    [MemberData(nameof(Kernels))]
    public void AnyThreadCountGivesTheReferenceBitsWhenGroupsAverage(string name) => SameBitsAtOneTwoAndThreeThreads(Named(name, hierarchical: true));

    private static void SameBitsAtOneTwoAndThreeThreads(LocalSgdConfiguration configuration)
    {
        var reference = MonteCarloSimulator.Run(configuration, new SimulationOptions(70, TestSeeds.MasterSeed, threads: 1, useFastKernels: false));
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var fast = MonteCarloSimulator.Run(configuration, new SimulationOptions(70, TestSeeds.MasterSeed, threads: threads));
            Assert.NotEqual(nameof(ReferenceKernel), fast.KernelName);
            Assert.Equal(Bits(reference), Bits(fast));
            Assert.Equal(reference.RoundsPerReplicate, fast.RoundsPerReplicate);
        }
    }

    [Fact]
    public void TheDenseKernelIsChosenWhereItRunsNatively()
    {
        var result = MonteCarloSimulator.Run(Named("dense"), new SimulationOptions(3, TestSeeds.MasterSeed));
        Assert.Equal(DenseQuadraticKernel.IsSupported ? nameof(DenseQuadraticKernel) : nameof(ReferenceKernel), result.KernelName);
    }
}
