using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Oracle;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>
/// The parametric bug families: each is planted in the reference loop with a known parameter, and the diagnosis must
/// name the family first and estimate the parameter within 10 % from the trace alone.
/// </summary>
public sealed class FittedFamilyTests
{
    public static TheoryData<string, double, string> Planted => new()
    {
        { BugClasses.StepSizeScaled, 0.5, "last-average" },
        { BugClasses.StepSizeScaled, 4.0, "polyak-ruppert" },
        { BugClasses.LeftoverWeightDecay, 0.05, "last-average" },
        { BugClasses.LeftoverWeightDecay, 0.2, "polyak-ruppert" },
        { BugClasses.LeftoverMomentum, 0.1, "last-average" },
        { BugClasses.LeftoverMomentum, 0.5, "polyak-ruppert" },
        { BugClasses.GradientClipping, 1.5, "last-average" },
        { BugClasses.GradientClipping, 0.8, "polyak-ruppert" },
    };

    [Theory]
    [MemberData(nameof(Planted))]
    public void EachFamilyIsNamedWithItsParameterOnTheRichRunAndUnderEveryStepAveraging(string bugClass, double parameter, string output)
    {
        var outputIterate = output == "last-average" ? OutputIterate.LastAverage : OutputIterate.PolyakRuppert;
        foreach (ICommunicationSchedule schedule in new ICommunicationSchedule[] { new ConstantPeriod(5), new EveryStep(), new OneShot() })
        {
            var run = ValidationFixtures.RichRun(schedule: schedule, output: outputIterate);
            var variant = Plant(run, bugClass, parameter);
            foreach (bool reports in new[] { true, false })
            {
                var diagnosis = DiagnoseTraceOf(run, variant, reports);
                string context = $"{bugClass} = {parameter} under {schedule.Kind}, {output}, reports {reports}: {diagnosis.Describe()}";
                Assert.True(diagnosis.BugClass == bugClass, context);
                Assert.False(diagnosis.Undecided, context);
                Assert.NotNull(diagnosis.Parameter);
                Assert.True(Math.Abs(diagnosis.Parameter.Value - parameter) <= 0.1 * parameter, context);
                Assert.StartsWith(diagnosis.Estimate!, diagnosis.Explanation);
            }
        }
    }

    [Fact]
    public void MomentumIsNamedWhetherItsBuffersSurviveTheAveragingOrNot()
    {
        var run = ValidationFixtures.RichRun();
        foreach (bool reset in new[] { false, true })
        {
            var diagnosis = DiagnoseTraceOf(run, LoopVariant.Reference(run) with { Momentum = 0.3, MomentumResetAtSync = reset }, reports: true);
            Assert.Equal(BugClasses.LeftoverMomentum, diagnosis.BugClass);
            Assert.Equal(0.3, diagnosis.Parameter!.Value, 1e-9);
            Assert.Contains(reset ? "cleared at every averaging" : "keeping its buffer across the averaging", diagnosis.Explanation);
            Assert.Contains("β ≈ 0.300 from steps", diagnosis.Explanation);
        }
    }

    [Theory]
    [InlineData(0.2, 0.05, 1.0, 0.0, "leftover_momentum + leftover_weight_decay", "β ≈ 0.200, λ ≈ 0.0500 from steps")]
    [InlineData(0.3, 0.0, 1.0, 0.3, "leftover_momentum + momentum_dampening", "β ≈ 0.300, d ≈ 0.300 from steps")]
    [InlineData(0.0, 0.05, 2.0, 0.0, "leftover_weight_decay + step_size_scaled", "λ ≈ 0.0500, c ≈ 2.00 from steps")]
    [InlineData(0.4, 0.0, 0.5, 0.0, "leftover_momentum + step_size_scaled", "β ≈ 0.400, c ≈ 0.500 from steps")]
    public void SettingsLeftOnTogetherAreNamedTogether(double momentum, double decay, double scale, double dampening, string bugClass, string estimates)
    {
        foreach (ICommunicationSchedule schedule in new ICommunicationSchedule[] { new ConstantPeriod(5), new EveryStep(), new OneShot() })
        {
            var run = ValidationFixtures.RichRun(schedule: schedule);
            var variant = LoopVariant.Reference(run) with { Momentum = momentum, WeightDecay = decay, StepScale = scale, Dampening = dampening };
            var diagnosis = DiagnoseTraceOf(run, variant, reports: true);
            Assert.True(diagnosis.BugClass == bugClass && !diagnosis.Undecided, $"{schedule.Kind}: {diagnosis.Describe()}");
            Assert.StartsWith(estimates, diagnosis.Estimate);
        }
    }

    [Fact]
    public void NesterovMomentumIsNamedWithItsBeta()
    {
        foreach (ICommunicationSchedule schedule in new ICommunicationSchedule[] { new ConstantPeriod(5), new EveryStep() })
        {
            var run = ValidationFixtures.RichRun(schedule: schedule);
            var diagnosis = DiagnoseTraceOf(run, LoopVariant.Reference(run) with { Momentum = 0.5, Nesterov = true }, reports: false);
            Assert.True(diagnosis.BugClass == BugClasses.LeftoverMomentum && !diagnosis.Undecided, diagnosis.Describe());
            Assert.Equal(0.5, diagnosis.Parameter!.Value, 1e-9);
            Assert.Contains("Nesterov momentum is left on", diagnosis.Explanation);
        }
    }

    [Theory]
    [InlineData(new[] { 2 }, "worker 2")]
    [InlineData(new[] { 0, 3 }, "workers 0, 3")]
    public void SignFlippedOnSomeWorkersNamesThem(int[] flipped, string named)
    {
        foreach (ICommunicationSchedule schedule in new ICommunicationSchedule[] { new ConstantPeriod(5), new EveryStep() })
        {
            var run = ValidationFixtures.RichRun(schedule: schedule);
            var diagnosis = DiagnoseTraceOf(run, LoopVariant.Reference(run) with { SignFlippedWorkers = flipped }, reports: false);
            Assert.True(diagnosis.BugClass == BugClasses.GradientSignFlippedOnSomeWorkers, diagnosis.Describe());
            Assert.StartsWith(named + " (", diagnosis.Explanation);
            Assert.Equal(flipped.Length, diagnosis.Parameter);
        }
    }

    [Fact]
    public void HierarchicalAveragingNamesTheGroupsAndTheGlobalSteps()
    {
        var run = ValidationFixtures.RichRun(workers: 8, steps: 30, schedule: new ConstantPeriod(5));
        foreach (int[] groups in new[] { new[] { 0, 0, 1, 1, 2, 2, 3, 3 }, new[] { 0, 0, 0, 0, 1, 1, 1, 1 }, new[] { 0, 1, 0, 1, 0, 1, 0, 1 } })
        {
            var variant = LoopVariant.Reference(run) with { Groups = groups, GlobalSyncSteps = [15, 30] };
            var diagnosis = DiagnoseTraceOf(run, variant, reports: true);
            Assert.True(diagnosis.BugClass == BugClasses.HierarchicalAveraging, diagnosis.Describe());
            Assert.Equal(8 / (groups.Max() + 1), diagnosis.Parameter);
            Assert.Contains("only after step 15", diagnosis.Explanation);
        }
    }

    [Fact]
    public void Float32ArithmeticIsNamedWithTheToleranceAtWhichTheRunConforms()
    {
        foreach (ICommunicationSchedule schedule in new ICommunicationSchedule[] { new ConstantPeriod(5), new EveryStep() })
        {
            var run = ValidationFixtures.RichRun(schedule: schedule);
            var single = VariantLoop.Run(run, LoopVariant.Reference(run) with { Float32 = true });
            var observed = ValidationFixtures.Observe(run, single, reportSyncs: true);
            var divergence = DiagnosisTests.FirstQueryDivergence(run, observed);
            Assert.NotNull(divergence);
            var diagnosis = Diagnoser.Diagnose(run, observed, divergence, PointTolerance.DefaultRelativeTolerance);
            Assert.True(diagnosis.BugClass == BugClasses.Float32Arithmetic, diagnosis.Describe());
            double tolerance = diagnosis.SuggestedTolerance!.Value;
            // The suggestion is a power of ten at which every point and the output are accepted, and the next lower one is not.
            var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
            Assert.True(PointsWithin(reference, observed, tolerance), diagnosis.Describe());
            Assert.False(PointsWithin(reference, observed, tolerance / 10), diagnosis.Describe());
            Assert.Contains($"with --tolerance {LocalSgdVerify.Model.Text.NumberText.ThreeSignificant(tolerance)} this run conforms", diagnosis.Explanation);
        }
    }

    [Fact]
    public void AnotherSummationOrderIsAPrecisionLevelDeviationNotFloat32()
    {
        // A tiny relative perturbation of 1e-13 per point stands for another summation order; at ρ = 1e-14 it is
        // visible, and far smaller than float32 rounding.
        var run = ValidationFixtures.RichRun();
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        var observed = ValidationFixtures.Observe(run, reference, reportSyncs: false);
        for (int index = 0; index < observed.Queries.Count; index++)
        {
            var point = observed.Queries[index].Point.Select((value, k) => value * (1 + ((index + k) % 2 == 0 ? 1e-13 : -1e-13))).ToArray();
            observed.Queries[index] = observed.Queries[index] with { Point = point };
        }
        var divergence = FirstDivergence(run, observed, 1e-14);
        var diagnosis = Diagnoser.Diagnose(run, observed, divergence, 1e-14);
        Assert.True(diagnosis.BugClass == BugClasses.PrecisionLevelDeviation, diagnosis.Describe());
        Assert.Equal(1e-12, diagnosis.SuggestedTolerance!.Value, 1e-25);
    }

    [Fact]
    public void OneRoundWithoutAveragingListsEveryScheduleBugThatExplainsIt()
    {
        // One-shot averaging I = {T}: an implementation that never averages returns worker 0's own model, which is
        // what a lost final averaging, a late counter (T + 1 never comes) and a warm-up offset past T all produce.
        // The trace cannot tell them apart, so the diagnosis must name every one of them, not pick one.
        var run = ValidationFixtures.RichRun(workers: 4, schedule: new OneShot());
        var trace = VariantLoop.Run(run, LoopVariant.Reference(run) with { SyncSteps = [] });
        var observed = ValidationFixtures.Observe(run, trace, reportSyncs: false);
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        double deviation = PointTolerance.Deviation(observed.Result!, reference.Output!, out int k);
        var divergence = new Divergence(DivergenceKind.Output, run.Steps, null, k, reference.Output![k], observed.Result![k], deviation);
        var diagnosis = Diagnoser.Diagnose(run, observed, divergence, PointTolerance.DefaultRelativeTolerance);
        Assert.True(diagnosis.Undecided, diagnosis.Describe());
        foreach (string candidate in new[] { BugClasses.NoFinalSync, BugClasses.NeverAverages, BugClasses.SyncOneStepLate, BugClasses.WarmupOffset })
        {
            Assert.Contains(candidate, diagnosis.Candidates);
            Assert.Contains(candidate, diagnosis.Headline);
        }
        Assert.StartsWith("one of ", diagnosis.Headline);
        // Each listed class reproduces the trace; a class that does not is never listed.
        foreach (string candidate in diagnosis.Candidates)
            Assert.Contains(MutationCatalog.For(run), mutation => mutation.BugClass == candidate
                && Diagnoser.Reproduces(VariantLoop.Run(run, mutation.Variant), observed, PointTolerance.DefaultRelativeTolerance));
    }

    [Fact]
    public void TwoWorkersCannotTellTheDivisorBugsApartAndBothAreListed()
    {
        var run = ValidationFixtures.RichRun(workers: 2);
        var trace = VariantLoop.Run(run, LoopVariant.Reference(run) with { Averaging = AveragingRule.SumWithoutDividing });
        var observed = ValidationFixtures.Observe(run, trace, reportSyncs: true);
        var diagnosis = Diagnoser.Diagnose(run, observed, DiagnosisTests.FirstQueryDivergence(run, observed), PointTolerance.DefaultRelativeTolerance);
        Assert.Equal([BugClasses.DivisorNMinus1, BugClasses.SumNotDivided], diagnosis.Candidates.Order(StringComparer.Ordinal));
        Assert.StartsWith("one of divisor_n_minus_1, sum_not_divided (this run cannot tell them apart)", diagnosis.Headline);
    }

    internal static LoopVariant Plant(OracleRun run, string bugClass, double parameter)
    {
        var reference = LoopVariant.Reference(run);
        return bugClass switch
        {
            BugClasses.StepSizeScaled => reference with { StepScale = parameter },
            BugClasses.LeftoverWeightDecay => reference with { WeightDecay = parameter },
            BugClasses.LeftoverMomentum => reference with { Momentum = parameter },
            BugClasses.GradientClipping => reference with { ClipThreshold = parameter },
            _ => throw new ArgumentOutOfRangeException(nameof(bugClass), bugClass, "not a planted family"),
        };
    }

    private static Diagnosis DiagnoseTraceOf(OracleRun run, LoopVariant variant, bool reports)
    {
        var trace = VariantLoop.Run(run, variant);
        Assert.True(trace.Complete, "the planted loop diverged");
        var observed = ValidationFixtures.Observe(run, trace, reports);
        var divergence = DiagnosisTests.FirstQueryDivergence(run, observed) ?? OutputDivergence(run, observed);
        Assert.NotNull(divergence);
        return Diagnoser.Diagnose(run, observed, divergence, PointTolerance.DefaultRelativeTolerance);
    }

    private static Divergence? OutputDivergence(OracleRun run, ObservedTrace observed)
    {
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        double deviation = PointTolerance.Deviation(observed.Result!, reference.Output!, out int k);
        return deviation > PointTolerance.DefaultRelativeTolerance
            ? new Divergence(DivergenceKind.Output, run.Steps, null, k, reference.Output![k], observed.Result![k], deviation) : null;
    }

    private static Divergence? FirstDivergence(OracleRun run, ObservedTrace observed, double tolerance)
    {
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        foreach (var query in observed.Queries)
        {
            Assert.True(reference.TryGetPoint(query.Step, query.Worker, out var expected));
            double deviation = PointTolerance.Deviation(query.Point, expected, out int k);
            if (deviation > tolerance) return new Divergence(DivergenceKind.Query, query.Step, query.Worker, k, expected[k], query.Point[k], deviation);
        }
        return null;
    }

    private static bool PointsWithin(LoopTrace reference, ObservedTrace observed, double tolerance) =>
        observed.Queries.All(query => reference.TryGetPoint(query.Step, query.Worker, out var point) && PointTolerance.Within(query.Point, point, tolerance))
        && (observed.Result is null || PointTolerance.Within(observed.Result, reference.Output!, tolerance));
}
