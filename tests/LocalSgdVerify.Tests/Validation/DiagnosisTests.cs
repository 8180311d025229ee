using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Protocol;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>The diagnosis: each bug class, applied to the reference, must be recognised by name from its trace alone.</summary>
public sealed class DiagnosisTests
{
    public static TheoryData<string> ReproducibleClasses => new(BugClasses.Reproducible);

    [Theory]
    [MemberData(nameof(ReproducibleClasses))]
    public void EveryBugClassIsNamedFromItsOwnTraceOnTheRichRun(string bugClass)
    {
        foreach (var output in new[] { OutputIterate.LastAverage, OutputIterate.PolyakRuppert })
        {
            var run = ValidationFixtures.RichRun(output: output);
            var observedRun = bugClass == BugClasses.WorkersNotStartingFromX0 ? StartsElsewhere(run) : null;
            var mutations = MutationCatalog.For(run, observedRun).Where(mutation => mutation.BugClass == bugClass).ToList();
            Assert.NotEmpty(mutations);
            foreach (var mutation in mutations)
            {
                var trace = VariantLoop.Run(run, mutation.Variant);
                foreach (bool reports in new[] { true, false })
                {
                    var observed = ValidationFixtures.Observe(run, trace, reports);
                    var diagnosis = Diagnoser.Diagnose(run, observed, FirstQueryDivergence(run, observed), PointTolerance.DefaultRelativeTolerance);
                    Assert.True(diagnosis.BugClass == bugClass, $"{mutation.Explanation} (reports {reports}, {output.Kind}) was diagnosed as {diagnosis.Describe()}");
                }
            }
        }
    }

    [Fact]
    public void EveryMutationShowsOnTheRichRun()
    {
        var run = ValidationFixtures.RichRun();
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        foreach (var mutation in MutationCatalog.For(run, StartsElsewhere(run)))
        {
            var trace = VariantLoop.Run(run, mutation.Variant);
            var observed = ValidationFixtures.Observe(run, trace, reportSyncs: true);
            Assert.False(Diagnoser.Reproduces(reference, observed, PointTolerance.DefaultRelativeTolerance), $"{mutation.BugClass}: {mutation.Explanation} looks correct");
        }
    }

    [Fact]
    public void MutationsAreNamedOnRandomRunsWheneverTheyShow()
    {
        // Property: whenever a mutation's trace differs from the reference's, the diagnosis of that trace is a bug
        // class that reproduces it — the mutation's own class, or one the trace cannot tell apart from it.
        var draws =
            from workers in Gen.Choose(1, 5)
            from steps in Gen.Choose(2, 24)
            from schedule in ScheduleGenerators.AnyStatic(steps)
            from pick in Gen.Choose(0, 1000)
            from reports in Gen.Elements(true, false)
            select (workers, steps, schedule, pick, reports);
        int shown = 0;
        Prop.ForAll(draws.ToArbitrary(), draw =>
        {
            var run = ValidationFixtures.RichRun(draw.workers, draw.steps, draw.schedule);
            var mutations = MutationCatalog.For(run);
            var mutation = mutations[draw.pick % mutations.Count];
            var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
            var trace = VariantLoop.Run(run, mutation.Variant);
            if (!trace.Complete) return;
            var observed = ValidationFixtures.Observe(run, trace, draw.reports);
            if (Diagnoser.Reproduces(reference, observed, PointTolerance.DefaultRelativeTolerance)) return;
            shown++;
            var diagnosis = Diagnoser.Diagnose(run, observed, FirstQueryDivergence(run, observed), PointTolerance.DefaultRelativeTolerance);
            var names = diagnosis.AlsoConsistentWith.Prepend(diagnosis.BugClass).ToList();
            Assert.True(names.Contains(mutation.BugClass), $"{mutation.Explanation} on N = {draw.workers}, T = {draw.steps}, {draw.schedule.Kind} was diagnosed as {diagnosis.Describe()}");
        }).Check(TestSeeds.Properties(150));
        Assert.True(shown >= 75, $"only {shown} of 150 drawn mutations showed; the property tested too little");
    }

    [Fact]
    public void NoKnownBugGivesTheFirstDivergenceInFull()
    {
        var run = ValidationFixtures.RichRun();
        var trace = VariantLoop.Run(run, LoopVariant.Reference(run));
        var observed = ValidationFixtures.Observe(run, trace, reportSyncs: false);
        // A corruption no bug class makes: one coordinate of worker 2's point at step 9.
        int index = observed.Queries.FindIndex(query => query.Step == 9 && query.Worker == 2);
        var point = (double[])observed.Queries[index].Point.Clone();
        point[1] += 0.125;
        observed.Queries[index] = observed.Queries[index] with { Point = point };
        var divergence = FirstQueryDivergence(run, observed)!;
        Assert.Equal((9, 2, 1), (divergence.Step, divergence.Worker!.Value, divergence.Coordinate));
        var diagnosis = Diagnoser.Diagnose(run, observed, divergence, PointTolerance.DefaultRelativeTolerance);
        Assert.Equal(BugClasses.Unexplained, diagnosis.BugClass);
        Assert.Contains("step 9, worker 2, coordinate 1", diagnosis.Explanation);
    }

    [Fact]
    public void QueryOrderErrorsNameRepeatedAndSkippedWorkers()
    {
        var run = ValidationFixtures.RichRun();
        var repeated = new ObservedTrace { Error = new QueryOrderViolation(QueryOrderRule.Duplicate, 0, 1, "already served") };
        repeated.Queries.Add(new GradientQuery(1, 0, run.InitialPoint));
        Assert.Equal(BugClasses.WorkerRepeated, Diagnoser.Diagnose(run, repeated, null, 1e-9).BugClass);

        var skipped = new ObservedTrace { Error = new QueryOrderViolation(QueryOrderRule.SyncBarrier, 0, 6, "barrier") };
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        for (int step = 1; step <= 5; step++)
            for (int worker = 0; worker < 3; worker++)
            {
                Assert.True(reference.TryGetPoint(step, worker, out var point));
                skipped.Queries.Add(new GradientQuery(step, worker, point));
            }
        var diagnosis = Diagnoser.Diagnose(run, skipped, null, 1e-9);
        Assert.Equal(BugClasses.WorkerSkipped, diagnosis.BugClass);
        Assert.Contains("worker 3 never asked", diagnosis.Explanation);

        var early = new ObservedTrace { Error = new UnexpectedMessage(SessionState.Running, MessageKind.Result, ProtocolViolation.ResultBeforeRunComplete) };
        early.Queries.AddRange(skipped.Queries);
        Assert.Equal(BugClasses.WorkerSkipped, Diagnoser.Diagnose(run, early, null, 1e-9).BugClass);
    }

    [Fact]
    public void WrongSyncReportsAloneAreNamedWhenTheModelsCannotShowThem()
    {
        // With N = 1 averaging is the identity, so a late schedule changes no point: only the reports can show it.
        var run = ValidationFixtures.RichRun(workers: 1);
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        var observed = ValidationFixtures.Observe(run, reference, reportSyncs: false);
        foreach (int step in MutationCatalog.Flavours(run.SyncSteps, 1, run.Steps).First()) observed.SyncReports.Add(new SyncEvent(step, null, 0, 0));
        var divergence = new Divergence(DivergenceKind.SyncReport, 5, null, 0, 5, 6, double.NaN);
        Assert.Equal(BugClasses.SyncOneStepLate, Diagnoser.Diagnose(run, observed, divergence, 1e-9).BugClass);

        var unrelated = ValidationFixtures.Observe(run, reference, reportSyncs: false);
        foreach (int step in new[] { 3, 17, 23 }) unrelated.SyncReports.Add(new SyncEvent(step, null, 0, 0));
        Assert.Equal(BugClasses.SyncReportsDisagree, Diagnoser.Diagnose(run, unrelated, divergence, 1e-9).BugClass);
    }

    [Theory]
    [InlineData(new[] { 5, 10, 15, 20, 23 }, 1, new[] { 6, 11, 16, 21, 23 })]
    [InlineData(new[] { 5, 10, 15, 20, 23 }, -1, new[] { 4, 9, 14, 19, 22, 23 })]
    [InlineData(new[] { 23 }, -1, new[] { 22, 23 })]
    [InlineData(new[] { 1, 23 }, -1, new[] { 22, 23 })]
    public void ShiftedSchedulesInTheirFirstFlavour(int[] declared, int offset, int[] expected) =>
        Assert.Equal(expected, MutationCatalog.Flavours(declared, offset, 23).First());

    [Fact]
    public void ShiftFlavoursCoverTheFinalAveragingKeptMovedAndLost()
    {
        // Late: the final averaging is kept (a separate exit-path averaging) or lost with the shift.
        Assert.Equal([[6, 11, 16, 20], [6, 11, 16]], MutationCatalog.Flavours([5, 10, 15, 20], 1, 20).ToArray());
        // Early: the last declared step shifts too (T − 1) or stays only at T.
        Assert.Equal([[4, 9, 14, 19, 20], [4, 9, 14, 20]], MutationCatalog.Flavours([5, 10, 15, 20], -1, 20).ToArray());
    }

    [Theory]
    [InlineData(new[] { 5, 10, 15, 20, 23 }, 23, 5)]
    [InlineData(new[] { 4, 8, 12 }, 12, 4)]
    [InlineData(new[] { 4, 9, 12 }, 12, null)]
    [InlineData(new[] { 12 }, 12, null)]
    public void PeriodIsRecognisedOnlyForConstantPeriods(int[] syncSteps, int steps, int? period) =>
        Assert.Equal(period, MutationCatalog.Period(syncSteps, steps));

    private static ObservedTrace StartsElsewhere(OracleRun run)
    {
        var observed = new ObservedTrace();
        for (int worker = 0; worker < run.Workers; worker++)
            observed.Queries.Add(new GradientQuery(1, worker, run.InitialPoint.Select(value => value + 0.25 * worker).ToArray()));
        return observed;
    }

    /// <summary>The harness's rule: the first query (in step, then worker order) outside the tolerance.</summary>
    internal static Divergence? FirstQueryDivergence(OracleRun run, ObservedTrace observed)
    {
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        foreach (var query in observed.Queries)
        {
            if (!reference.TryGetPoint(query.Step, query.Worker, out var expected)) continue;
            double deviation = PointTolerance.Deviation(query.Point, expected, out int k);
            if (deviation > PointTolerance.DefaultRelativeTolerance)
                return new Divergence(DivergenceKind.Query, query.Step, query.Worker, k, expected[k], query.Point[k], deviation);
        }
        return null;
    }
}
