using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Framework.Stages;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Framework;

/// <summary>
/// The looks of a staged claim: doubling replicate counts in whole blocks ending at the maximum, coinciding looks
/// left out with their α carried to the next, and one look at the maximum for a claim with nothing to decide early.
/// </summary>
public sealed class StagePlanTests
{
    [Fact]
    public void ACiSizedExperimentLooksAtWholeBlocksOfASixteenthEighthQuarterHalfAndAll()
    {
        var plan = StagePlan.For(1500, statisticalAssertions: 3);
        // ⌈1500/16⌉ = 94 → 96, ⌈1500/8⌉ = 188 → 192, 375 → 384, 750 → 768, then the maximum.
        Assert.Equal([96, 192, 384, 768, 1500], plan.Select(stage => stage.Replicates(1500)));
        Assert.Equal([1 / 31.0, 2 / 31.0, 4 / 31.0, 8 / 31.0, 16 / 31.0], plan.Select(stage => stage.AlphaFraction));
    }

    [Fact]
    public void LooksThatWouldSeeTheSameReplicatesAreMergedIntoTheLaterOne()
    {
        // 120 replicates: the first three looks all round up to one block of 32; the third keeps their α (7/31).
        var plan = StagePlan.For(120, statisticalAssertions: 1);
        Assert.Equal([32, 64, 120], plan.Select(stage => stage.Replicates(120)));
        Assert.Equal([7 / 31.0, 8 / 31.0, 16 / 31.0], plan.Select(stage => stage.AlphaFraction));
        Assert.Equal([3, 4, 5], plan.Select(stage => stage.Look));
    }

    [Fact]
    public void AClaimWithoutStatisticalAssertionsOrReplicatesHasOneLookAtTheMaximumWithAllOfAlpha()
    {
        foreach (var plan in new[] { StagePlan.For(5000, 0), StagePlan.For(0, 4) })
        {
            var stage = Assert.Single(plan);
            Assert.True(stage.IsLast);
            Assert.Equal(1, stage.AlphaFraction);
            Assert.Equal(5000, stage.Replicates(5000));
        }
    }

    [Fact]
    public void EveryPlanIncreasesInWholeBlocksEndsAtTheMaximumAndSpendsAllOfAlpha()
    {
        var designs = from maximum in Gen.Choose(1, 2_000_000)
                      from assertions in Gen.Choose(1, 9)
                      select (maximum, assertions);
        Prop.ForAll(designs.ToArbitrary(), design =>
        {
            var plan = StagePlan.For(design.maximum, design.assertions);
            var counts = plan.Select(stage => stage.Replicates(design.maximum)).ToArray();
            bool increasing = counts.Zip(counts.Skip(1), (a, b) => a < b).All(x => x);
            bool wholeBlocks = counts.SkipLast(1).All(count => count % MeasurementBlocks.Size == 0);
            bool endsAtMaximum = counts[^1] == design.maximum && plan[^1].IsLast;
            bool spendsAll = Math.Abs(plan.Sum(stage => stage.AlphaFraction) - 1) <= 1e-14;
            // A look never sees fewer replicates than its nominal share ⌈M·2^{s−S}⌉.
            bool atLeastNominal = plan.All(stage => stage.Replicates(design.maximum) >= Math.Ceiling(design.maximum / Math.Pow(2, stage.Looks - stage.Look)));
            return increasing && wholeBlocks && endsAtMaximum && spendsAll && atLeastNominal;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void AContextHandsOutItsStagesCountAndRecordsIt()
    {
        var stage = StagePlan.For(1500, 2)[1];
        var context = new ClaimContext(Profile.Ci, 1, 1e-6, 1, CancellationToken.None) { Stage = stage };
        Assert.Equal(192, context.Replicates(1500));
        Assert.Equal(64, context.Replicates(300)); // ⌈300/8⌉ = 38 → 64
        Assert.Equal((192, 1500), (context.Tally.Used, context.Tally.Maximum));
        // A claim evaluated on its own (the default stage) sees its maximum.
        Assert.Equal(1500, new ClaimContext(Profile.Ci, 1, 1e-6, 1, CancellationToken.None).Replicates(1500));
    }
}
