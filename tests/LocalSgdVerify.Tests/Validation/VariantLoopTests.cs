using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Oracle;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>The harness's reference loop and its mutations (the executable form of each bug class).</summary>
public sealed class VariantLoopTests
{
    [Fact]
    public void ReferenceVariantReproducesTheReferenceImplementationBitForBitOnEveryScheduleFamily()
    {
        // The harness judges implementations against VariantLoop's reference variant, so it must be ReferenceLocalSgd
        // exactly: every queried point, every sync step and the output, compared bit for bit.
        var configurations =
            from workers in Gen.Choose(1, 5)
            from steps in Gen.Choose(1, 30)
            from schedule in ScheduleGenerators.AnyStatic(steps)
            from family in Gen.Choose(0, 2)
            from output in Gen.Choose(0, 1)
            from replicate in Gen.Choose(0, 3)
            select (workers, steps, schedule, family, output, replicate);
        Prop.ForAll(configurations.ToArbitrary(), draw =>
        {
            IProblem problem = draw.family switch
            {
                0 => new SeparableQuadratic([1, 2, 3], 0.7, 0.5),
                1 => new KinkFunction(1, 2),
                _ => new SmoothFunction(1.5),
            };
            var configuration = new LocalSgdConfiguration(problem, draw.workers, draw.steps, Enumerable.Repeat(1.5, problem.Dimension).ToArray(),
                ScheduleGenerators.DecayingStepSize, draw.schedule, draw.output == 0 ? OutputIterate.LastAverage : OutputIterate.PolyakRuppert);
            var observer = new RecordingObserver();
            var outcome = ReferenceLocalSgd.Run(configuration, 5, draw.replicate, observer);
            var run = OracleRun.From(configuration, 5, draw.replicate);
            var trace = VariantLoop.Run(run, LoopVariant.Reference(run));
            foreach (var (step, worker, point) in observer.Queries)
            {
                Assert.True(trace.TryGetPoint(step + 1, worker, out var mine));
                Assert.Equal(Bits(point), Bits(mine));
            }
            Assert.Equal(observer.Queries.Count, trace.QueryCount);
            Assert.Equal(outcome.SyncSteps, trace.SyncSteps);
            Assert.Equal(Bits(outcome.Output), Bits(trace.Output!));
        }).Check(TestSeeds.Properties(60));
    }

    [Fact]
    public void RunDependentScheduleIsSentAsTheStepsTheReferenceMakesUnderTheSameNoise()
    {
        var configuration = new LocalSgdConfiguration(new SeparableQuadratic([1, 2, 3], 0.5, 0.2), 4, 40, [1.0, 1, 1],
            new CappedInverseTimeStepSize(2, 1, 0.3), new AdaLupaLoss(2));
        var run = OracleRun.From(configuration, 21, 0);
        Assert.Equal(ReferenceLocalSgd.Run(configuration, 21, 0).SyncSteps, run.SyncSteps);
        Assert.Equal(40, run.SyncSteps[^1]);
    }

    // Hand-computed: F(x) = x²/2 without noise (a = 1, c = σ = 0), so g = x; x0 = 1, η = 0.5 at both steps, N = 2,
    // averaging after step 1. Step 1: y = 1 − 0.5·1 = 0.5 for both workers; the mutation decides what step 2 sees.
    [Theory]
    [InlineData("reference", 0.5)]
    [InlineData("sum", 1.0)]
    [InlineData("divide by N - 1", 1.0)]
    [InlineData("weights 1:2", 0.5)]
    [InlineData("flip gradient", 1.5)]
    [InlineData("flip pseudo-gradient", 1.5)]
    [InlineData("two micro-batches", 1.0)]
    public void MutationsChangeExactlyWhatTheirBugChanges(string mutation, double pointAtStepTwo)
    {
        var run = new OracleRun(new SeparableQuadratic([1.0], 0, 0), 1, 0, 2, 2, [1.0], [0.5, 0.5], [1, 2], OutputIterate.LastAverage);
        var reference = LoopVariant.Reference(run);
        var variant = mutation switch
        {
            "sum" => reference with { Averaging = AveragingRule.SumWithoutDividing },
            "divide by N - 1" => reference with { Averaging = AveragingRule.DivideByWorkersMinusOne },
            "weights 1:2" => reference with { Averaging = AveragingRule.WeightedByWorkerIndex },
            "flip gradient" => reference with { FlipGradientSign = true },
            "flip pseudo-gradient" => reference with { FlipPseudoGradient = true },
            "two micro-batches" => reference with { MicroBatches = 2 },
            _ => reference,
        };
        var trace = VariantLoop.Run(run, variant);
        Assert.True(trace.TryGetPoint(2, 0, out var point));
        Assert.Equal(pointAtStepTwo, point[0]);
        Assert.True(trace.TryGetPoint(2, 1, out var other));
        Assert.Equal(pointAtStepTwo, other[0]);
    }

    [Fact]
    public void AverageGivenOnlyToWorkerZeroLeavesTheOthersOnTheirOwnModels()
    {
        // g = x + σ·noise with σ = 1: the two workers differ after step 1, the average goes to worker 0 only.
        var run = new OracleRun(new SeparableQuadratic([1.0], 0, 1), 3, 0, 2, 2, [1.0], [0.5, 0.5], [1, 2], OutputIterate.LastAverage);
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        var reduceOnly = VariantLoop.Run(run, LoopVariant.Reference(run) with { Broadcast = BroadcastRule.WorkerZeroOnly });
        Assert.True(reference.TryGetPoint(2, 0, out var averaged) & reference.TryGetPoint(2, 1, out var averagedOther));
        Assert.Equal(averaged, averagedOther);
        Assert.True(reduceOnly.TryGetPoint(2, 0, out var zero) & reduceOnly.TryGetPoint(2, 1, out var one));
        Assert.Equal(averaged, zero);
        Assert.NotEqual(averaged[0], one[0]);
    }

    [Theory]
    [InlineData(StepSizeRule.AsDeclared, 1, 0, 0)]
    [InlineData(StepSizeRule.AsDeclared, 7, 3, 6)]
    [InlineData(StepSizeRule.OneStepAhead, 1, 0, 1)]
    [InlineData(StepSizeRule.OneStepAhead, 10, 0, 9)]
    [InlineData(StepSizeRule.OneStepBehind, 1, 0, 0)]
    [InlineData(StepSizeRule.OneStepBehind, 5, 0, 3)]
    [InlineData(StepSizeRule.IndexedByRound, 8, 2, 2)]
    [InlineData(StepSizeRule.IndexedByRound, 3, 40, 9)]
    public void StepSizeRulesIndexTheDeclaredSizes(StepSizeRule rule, int step, int rounds, int index) =>
        Assert.Equal(index, VariantLoop.StepSizeIndex(rule, step, 10, rounds));

    [Fact]
    public void GradientAppliedToTheNeighbourIsTheNeighboursGradientAtItsOwnPoint()
    {
        var run = new OracleRun(new SeparableQuadratic([1.0], 0, 1), 3, 0, 3, 2, [1.0], [0.5, 0.5], [2], OutputIterate.LastAverage);
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        var shifted = VariantLoop.Run(run, LoopVariant.Reference(run) with { GradientShift = 1 });
        // After step 1 worker i of the mutation sits where worker i + 1 of the reference does: same x0, same gradient.
        for (int worker = 0; worker < 3; worker++)
        {
            Assert.True(shifted.TryGetPoint(2, worker, out var mine) & reference.TryGetPoint(2, (worker + 1) % 3, out var theirs));
            Assert.Equal(theirs, mine);
        }
    }

    [Fact]
    public void DivergingMutationEndsItsTraceWhereValuesStopBeingFinite()
    {
        // Summing N = 16 models without dividing after every step multiplies the point by about 16 per step.
        var run = new OracleRun(new SeparableQuadratic([1.0], 0, 0), 1, 0, 16, 400, [1.0], Enumerable.Repeat(0.01, 400).ToArray(),
            Enumerable.Range(1, 400).ToArray(), OutputIterate.LastAverage);
        var trace = VariantLoop.Run(run, LoopVariant.Reference(run) with { Averaging = AveragingRule.SumWithoutDividing });
        Assert.False(trace.Complete);
        Assert.InRange(trace.SyncSteps.Count, 200, 399);
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (int k = 0; k < values.Length; k++) bits[k] = BitConverter.DoubleToInt64Bits(values[k]);
        return bits;
    }
}
