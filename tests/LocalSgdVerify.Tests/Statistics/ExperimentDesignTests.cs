using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Statistics;
using Xunit;

namespace LocalSgdVerify.Tests.Statistics;

public sealed class ExperimentDesignTests
{
    private const double NormalQuantile975 = 1.959963984540054;
    private const double NormalQuantile80 = 0.8416212335729142;

    [Fact]
    public void DetectableDifferenceIsKnownByHand()
    {
        // δ = (z_{0.975} + z_{0.8}) · s/√n with s = 2, n = 100.
        double expected = (NormalQuantile975 + NormalQuantile80) * 2 / 10;
        Assert.Equal(expected, ExperimentDesign.MinimumDetectableDifference(2, 100, 0.05), 14);
        Assert.Equal(expected / 4, ExperimentDesign.MinimumDetectableRelativeDifference(-4, 2, 100, 0.05), 14);
        Assert.Equal(Math.Exp(expected) - 1, ExperimentDesign.MinimumDetectableRatioChange(2, 100, 0.05), 14);
    }

    [Fact]
    public void PairedAndSummaryFormsUseTheRightDeviation()
    {
        // Differences of x = {3, 5, 4, 6} and y = {1, 2, 1, 2} are {2, 3, 3, 4}: s_d = √(2/3), n = 4.
        double expected = (NormalQuantile975 + NormalQuantile80) * Math.Sqrt(2.0 / 3) / 2;
        Assert.Equal(expected, ExperimentDesign.MinimumDetectablePairedDifference([3, 5, 4, 6], [1, 2, 1, 2], 0.05), 14);
        Assert.Equal(expected, ExperimentDesign.MinimumDetectableDifference(SampleSummary.Of([2, 3, 3, 4]), 0.05), 14);
    }

    [Fact]
    public void ReplicatesNeededIsKnownByHand()
    {
        // ((1.95996 + 0.84162) · 1 / 0.5)² = 31.40 → 32.
        Assert.Equal(32, ExperimentDesign.ReplicatesNeeded(1, 0.5, 0.05));
        // ln(1.1) = 0.09531: ((2.80158 · 0.2) / 0.09531)² = 34.56 → 35.
        Assert.Equal(35, ExperimentDesign.ReplicatesNeededForRatioChange(0.2, 0.1, 0.05));
    }

    [Fact]
    public void ReplicatesNeededInvertsTheDetectableDifference()
    {
        var arbitrary = Samples.Zip3(
                Gen.Choose(1, 1000).Select(k => k / 10.0),
                Gen.Choose(2, 100000),
                Gen.Elements(1e-6, 1e-4, 0.01, 0.05))
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, input =>
        {
            var (deviation, count, rate) = input;
            double detectable = ExperimentDesign.MinimumDetectableDifference(deviation, count, rate);
            int needed = ExperimentDesign.ReplicatesNeeded(deviation, detectable * (1 + 1e-12), rate);
            int forTarget = ExperimentDesign.ReplicatesNeeded(deviation, detectable, rate);
            return needed <= count
                && ExperimentDesign.MinimumDetectableDifference(deviation, forTarget, rate) <= detectable * (1 + 1e-12)
                && ExperimentDesign.MinimumDetectableDifference(deviation, 4 * count, rate) < detectable;
        }));
    }

    [Fact]
    public void SmallerShareNeedsMoreReplicates()
    {
        Assert.True(ExperimentDesign.ReplicatesNeeded(1, 0.1, 1e-6) > ExperimentDesign.ReplicatesNeeded(1, 0.1, 0.05));
        Assert.True(ExperimentDesign.ReplicatesNeeded(1, 0.1, 0.05, power: 0.99) > ExperimentDesign.ReplicatesNeeded(1, 0.1, 0.05));
    }
}
