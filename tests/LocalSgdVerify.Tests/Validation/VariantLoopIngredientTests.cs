using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Validation.Oracle;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>
/// Each ingredient a mutation can change, computed by hand on F(x) = x²/2 without noise (g = x), so every value
/// below is exact in binary: x0 = 1, η = (0.5, 0.25, 0.125, 0.125), averaging after steps 2 and 4, and the workers
/// started at 1, 3 (5, 7) so that averaging shows.
/// </summary>
public sealed class VariantLoopIngredientTests
{
    private static OracleRun Run(int workers, int steps = 4, OutputIterate? output = null) =>
        new(new SeparableQuadratic([1.0], 0, 0), 1, 0, workers, steps, [1.0], new[] { 0.5, 0.25, 0.125, 0.125 }[..steps], steps == 4 ? [2, 4] : [2],
            output ?? OutputIterate.LastAverage);

    private static double At(LoopTrace trace, int step, int worker)
    {
        Assert.True(trace.TryGetPoint(step, worker, out var point), $"no query at step {step}, worker {worker}");
        return point[0];
    }

    private static double[][] Starts(int workers) => Enumerable.Range(0, workers).Select(i => new[] { 1.0 + 2 * i }).ToArray();

    /// <summary>The points the workers query at step 3 (after the averaging after step 2).</summary>
    private static double[] PointsAtStep3(OracleRun run, LoopVariant variant)
    {
        var trace = VariantLoop.Run(run, variant with { StartPoints = variant.StartPoints ?? Starts(run.Workers) });
        return Enumerable.Range(0, run.Workers).Select(worker => At(trace, 3, worker)).ToArray();
    }

    [Fact]
    public void ReferenceAveragesTheTwoWorkersAfterStep2()
    {
        // Worker 0: 1 → 0.5 → 0.375; worker 1: 3 → 1.5 → 1.125; average 0.75.
        var run = Run(2);
        Assert.Equal([0.75, 0.75], PointsAtStep3(run, LoopVariant.Reference(run)));
    }

    [Theory]
    [InlineData("momentum", 0.5, 0.5)]        // v = g then v = βv + g: worker 0 1 → 0.5 → 0.25, worker 1 3 → 1.5 → 0.75
    [InlineData("weight decay", 0.5, 0.3125)] // y = x − η(1 + λ)x: worker 0 → 0.25 → 0.15625, worker 1 → 0.75 → 0.46875
    [InlineData("clip", 1, 1.3125)]           // worker 1's gradients 3 and 2.5 are cut to norm 1: 3 → 2.5 → 2.25
    [InlineData("scale", 2, 0)]               // y = x − 2ηx: every worker reaches 0 at step 1
    public void ParametricIngredients(string ingredient, double parameter, double average)
    {
        var run = Run(2);
        var reference = LoopVariant.Reference(run);
        var variant = ingredient switch
        {
            "momentum" => reference with { Momentum = parameter },
            "weight decay" => reference with { WeightDecay = parameter },
            "clip" => reference with { ClipThreshold = parameter },
            _ => reference with { StepScale = parameter },
        };
        Assert.Equal([average, average], PointsAtStep3(run, variant));
    }

    [Fact]
    public void MomentumBufferIsClearedAtAveragingOnlyWhenAsked()
    {
        // After the averaging to 0.5 at step 2 the kept buffers are 1 and 3; step 3 (η = 1/8, g = 0.5): kept
        // v = 0.5·1 + 0.5 = 1 → 0.375 and 0.5·3 + 0.5 = 2 → 0.25; cleared: v = 0.5 → 0.4375 for both.
        var run = Run(2);
        var kept = VariantLoop.Run(run, LoopVariant.Reference(run) with { Momentum = 0.5, StartPoints = Starts(2) });
        var cleared = VariantLoop.Run(run, LoopVariant.Reference(run) with { Momentum = 0.5, MomentumResetAtSync = true, StartPoints = Starts(2) });
        Assert.Equal((0.375, 0.25), (At(kept, 4, 0), At(kept, 4, 1)));
        Assert.Equal((0.4375, 0.4375), (At(cleared, 4, 0), At(cleared, 4, 1)));
    }

    [Fact]
    public void SignFlippedOnOneWorkerOnly()
    {
        // Worker 1 ascends: 3 → 4.5 → 5.625; with worker 0's 0.375 the average is 3.
        var run = Run(2);
        Assert.Equal([3.0, 3.0], PointsAtStep3(run, LoopVariant.Reference(run) with { SignFlippedWorkers = [1] }));
    }

    [Fact]
    public void GradientAtTheLastAveragedPoint()
    {
        // Both workers ask at x0 = 1 until the first averaging (g = 1): worker 0 1 → 0.5 → 0.25, worker 1 3 → 2.5 →
        // 2.25; the average 1.25 is then where both ask at step 3.
        var run = Run(2);
        var trace = VariantLoop.Run(run, LoopVariant.Reference(run) with { GradientAtLastAverage = true, StartPoints = Starts(2) });
        Assert.Equal(1.0, At(trace, 2, 1));
        Assert.Equal([1.25, 1.25], PointsAtStep3(run, LoopVariant.Reference(run) with { GradientAtLastAverage = true }));
    }

    [Fact]
    public void GradientsAveragedEveryStepMoveEveryWorkerByTheSameStep()
    {
        // Step 1: mean gradient (1 + 3)/2 = 2, so 1 → 0 and 3 → 2; the workers keep their distance.
        var run = Run(2);
        var trace = VariantLoop.Run(run, LoopVariant.Reference(run) with { AverageGradientsEveryStep = true, StartPoints = Starts(2) });
        Assert.Equal((0.0, 2.0), (At(trace, 2, 0), At(trace, 2, 1)));
    }

    [Fact]
    public void HierarchicalAveragingWithinGroupsUntilAGlobalStep()
    {
        // Groups {0, 1} and {2, 3}: after step 2 the first averages 0.375 and 1.125, the second 1.875 and 2.625.
        var run = Run(4);
        Assert.Equal([0.75, 0.75, 2.25, 2.25], PointsAtStep3(run, LoopVariant.Reference(run) with { Groups = [0, 0, 1, 1], GlobalSyncSteps = [4] }));
        Assert.Equal([1.5, 1.5, 1.5, 1.5], PointsAtStep3(run, LoopVariant.Reference(run) with { Groups = [0, 0, 1, 1], GlobalSyncSteps = [2, 4] }));
    }

    [Fact]
    public void WorkerLeftOutOfTheAverage()
    {
        // Worker 1 left out: the "average" is worker 0's 0.375 alone; worker 1 receives it, or keeps its 1.125.
        var run = Run(2);
        Assert.Equal([0.375, 0.375], PointsAtStep3(run, LoopVariant.Reference(run) with { LeftOutWorker = 1 }));
        Assert.Equal([0.375, 1.125], PointsAtStep3(run, LoopVariant.Reference(run) with { LeftOutWorker = 1, LeftOutKeepsOwnModel = true }));
    }

    [Fact]
    public void RunningAverageOutputFromTheLoopsOwnCombination()
    {
        // T = 2, averaging after step 2, models summed instead of averaged. Step 1: 0.5 and 1.5, step 2: 0.375 and
        // 1.125. The Polyak–Ruppert output of the plain means is (1 + 0.75)/2; of the sums, (2 + 1.5)/2.
        var run = Run(2, steps: 2, output: OutputIterate.PolyakRuppert);
        var sum = LoopVariant.Reference(run) with { Averaging = AveragingRule.SumWithoutDividing, StartPoints = Starts(2) };
        Assert.Equal([0.875], VariantLoop.Run(run, sum).Output!);
        Assert.Equal([1.75], VariantLoop.Run(run, sum with { OutputFromCombination = true }).Output!);
    }

    [Theory]
    [InlineData(StepSizeRule.OneStepBehindWrapping, 1, 3)]
    [InlineData(StepSizeRule.OneStepBehindWrapping, 3, 1)]
    [InlineData(StepSizeRule.OneStepAheadWrapping, 4, 0)]
    [InlineData(StepSizeRule.OneStepAheadWrapping, 2, 2)]
    public void WrappingStepSizeIndices(StepSizeRule rule, int step, int index) =>
        Assert.Equal(index, VariantLoop.StepSizeIndex(rule, step, 4, 0));

    [Fact]
    public void Float32RoundsEveryStoredValue()
    {
        var run = new OracleRun(new SeparableQuadratic([1.0], 0, 0), 1, 0, 1, 2, [0.1], [0.3, 0.3], [2], OutputIterate.LastAverage);
        var trace = VariantLoop.Run(run, LoopVariant.Reference(run) with { Float32 = true });
        Assert.Equal((double)0.1f, At(trace, 1, 0));
        float x = 0.1f, eta = 0.3f;
        Assert.Equal((double)(x - eta * x), At(trace, 2, 0));
        Assert.NotEqual(0.1 - 0.3 * 0.1, At(trace, 2, 0));
    }
}
