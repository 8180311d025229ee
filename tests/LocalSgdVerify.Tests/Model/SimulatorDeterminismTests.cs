using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Model;

/// <summary>Same seed, same bits: whatever the thread count, kernel, or which replicates are run together.</summary>
public class SimulatorDeterminismTests
{
    private static LocalSgdConfiguration Kink(ICommunicationSchedule schedule) => new(new KinkFunction(1, 8), 8, 200, [2.0],
        new CappedInverseTimeStepSize(2, 1, 0.5), schedule, checkpoints: [10, 50, 200]);

    private static LocalSgdConfiguration Separable() => new(new SeparableQuadratic([1.0, 2.0, 3.0], 1.0, 0.5), 6, 150, [1.0, 1.0, 1.0],
        new InverseTimeStepSize(3, 1), new IncreasingIntervals(RoundCount.Fixed(6)), checkpoints: [15, 150]);

    public static TheoryData<string> Configurations => ["kink", "separable", "ada-lupa-loss"];

    private static LocalSgdConfiguration Named(string name) => name switch
    {
        "kink" => Kink(new ConstantPeriod(7)),
        "separable" => Separable(),
        _ => Kink(new AdaLupaLoss(4)),
    };

    private static ulong[] Bits(SimulationResult result) => result.Errors.SelectMany(row => row).Select(BitConverter.DoubleToUInt64Bits).ToArray();

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ResultsAreBitIdenticalForOneTwoAndFourThreads(string name)
    {
        var configuration = Named(name);
        var one = MonteCarloSimulator.Run(configuration, new SimulationOptions(50, TestSeeds.MasterSeed, threads: 1));
        var two = MonteCarloSimulator.Run(configuration, new SimulationOptions(50, TestSeeds.MasterSeed, threads: 2));
        var four = MonteCarloSimulator.Run(configuration, new SimulationOptions(50, TestSeeds.MasterSeed, threads: 4));
        Assert.Equal(Bits(one), Bits(two));
        Assert.Equal(Bits(one), Bits(four));
        Assert.Equal(one.FinalError, four.FinalError);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void EveryReplicateCanBeRecomputedAloneByTheReferenceLoop(string name)
    {
        var configuration = Named(name);
        var result = MonteCarloSimulator.Run(configuration, new SimulationOptions(40, TestSeeds.MasterSeed));
        foreach (int replicate in new[] { 0, 17, 39 })
        {
            var alone = ReferenceLocalSgd.Run(configuration, TestSeeds.MasterSeed, replicate);
            for (int c = 0; c < configuration.Checkpoints.Count; c++)
                Assert.Equal(BitConverter.DoubleToUInt64Bits(alone.Errors[c]), BitConverter.DoubleToUInt64Bits(result.Errors[c][replicate]));
        }
    }

    [Fact]
    public void ADifferentSeedGivesDifferentNoise()
    {
        var configuration = Separable();
        var a = MonteCarloSimulator.Run(configuration, new SimulationOptions(20, 1));
        var b = MonteCarloSimulator.Run(configuration, new SimulationOptions(20, 2));
        Assert.NotEqual(Bits(a), Bits(b));
    }

    [Fact]
    public void DivergenceNamesTheLowestDivergingReplicateAndItsFirstStep()
    {
        var configuration = new LocalSgdConfiguration(new SeparableQuadratic([1.0], 0, 0.1), 2, 1000, [1.0], new ConstantStepSize(3.0), new ConstantPeriod(5));
        var error = Assert.Throws<DivergenceException>(() => MonteCarloSimulator.Run(configuration, new SimulationOptions(64, TestSeeds.MasterSeed, threads: 2)));
        Assert.Equal(0, error.Replicate);
        var alone = Assert.Throws<DivergenceException>(() => ReferenceLocalSgd.Run(configuration, TestSeeds.MasterSeed, 0));
        Assert.Equal(alone.Step, error.Step);
    }

    [Fact]
    public void SummaryStatisticsMatchTheirDefinitionsOnAHandSample()
    {
        var statistics = SampleStatistics.Of([1.0, 2.0, 3.0, 4.0, 5.0]);
        Assert.Equal(3.0, statistics.Mean);
        Assert.Equal(2.5, statistics.Variance);
        Assert.Equal(Math.Sqrt(0.5), statistics.StandardError, 15);
        Assert.Equal(3.0, statistics.Median);
        // t_{0.975, 4} = 2.7764451051977987 (tables): half-width 2.776445·√0.5.
        Assert.Equal(3.0 + 2.7764451051977987 * Math.Sqrt(0.5), statistics.ConfidenceHigh, 12);
    }
}
