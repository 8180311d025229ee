using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Measurements;

/// <summary>A simulation stored as per-replicate rows comes back as the same simulation, summaries included.</summary>
public sealed class SimulationRowsTests
{
    private static ulong[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToUInt64Bits).ToArray();

    [Theory]
    [InlineData("separable")]
    [InlineData("uv-toy")]
    public void RowsRoundTripErrorsObservablesRoundsAndSummaries(string family)
    {
        IProblem problem = family == "separable" ? new SeparableQuadratic([1.0, 2.0], 0.5, 0.5) : new LabelNoiseUvToy(0.5, 2);
        var start = family == "separable" ? new[] { 1.0, -1.0 } : new[] { 1.5, 0.7 };
        var configuration = new LocalSgdConfiguration(problem, 3, 40, start, new ConstantStepSize(0.05), new ConstantPeriod(6), checkpoints: [10, 25, 40]);
        var original = MonteCarloSimulator.Run(configuration, new SimulationOptions(17, TestSeeds.MasterSeed, 2));

        var rows = SimulationRows.From(original);
        var back = SimulationRows.ToResult(configuration, rows, TestSeeds.MasterSeed, 2);

        Assert.Equal(17, rows.Length);
        Assert.All(rows, row => Assert.Equal(3 * (1 + problem.Observables.Count) + 1, row.Length));
        Assert.Equal(Bits(original.Errors.SelectMany(e => e)), Bits(back.Errors.SelectMany(e => e)));
        Assert.Equal(Bits(original.Observables.SelectMany(o => o.SelectMany(c => c))), Bits(back.Observables.SelectMany(o => o.SelectMany(c => c))));
        Assert.Equal(original.RoundsPerReplicate, back.RoundsPerReplicate);
        Assert.Equal(original.ErrorStatistics.Select(s => (s.Mean, s.ConfidenceLow, s.ConfidenceHigh)), back.ErrorStatistics.Select(s => (s.Mean, s.ConfidenceLow, s.ConfidenceHigh)));
        foreach (var (name, statistics) in original.ObservableStatistics)
            Assert.Equal(statistics.Select(s => s.Mean), back.ObservableStatistics[name].Select(s => s.Mean));
    }
}
