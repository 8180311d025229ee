using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Validation.Blackbox;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Protocol;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>Blackbox mode's comparison of sync reports with the declared schedule I = {5, 10, 15, 20, 23} (period 5, T = 23, N = 4).</summary>
public sealed class BlackboxSyncCheckTests
{
    private static readonly LocalSgdVerify.Validation.Oracle.OracleRun Run = ValidationFixtures.RichRun(schedule: new ConstantPeriod(5));

    private static IReadOnlyList<SyncEvent> Reports(params int[] steps) => steps.Select(step => new SyncEvent(step, null, 0, 0)).ToArray();

    private static (Diagnosis? Diagnosis, IReadOnlyList<string> Evidence) Check(params IReadOnlyList<SyncEvent>[] runs) =>
        BlackboxSyncCheck.Check(Run, runs.Select((reports, index) => ($"run{index}", reports)).ToArray());

    [Fact]
    public void ReportsOfTheDeclaredStepsAgree()
    {
        var (diagnosis, evidence) = Check(Reports(5, 10, 15, 20, 23), Reports(5, 10, 15, 20, 23));
        Assert.Null(diagnosis);
        Assert.Equal("every run reported averaging after exactly the declared steps 5, 10, 15, 20, 23", Assert.Single(evidence));
    }

    [Fact]
    public void NoReportsAtAllLeaveTheScheduleToTheStatistics()
    {
        var (diagnosis, evidence) = Check(Reports(), Reports());
        Assert.Null(diagnosis);
        Assert.Contains("judged by the statistics alone", Assert.Single(evidence));
    }

    [Theory]
    [InlineData(new[] { 6, 11, 16, 21, 23 }, BugClasses.SyncOneStepLate, "missing after steps 5, 10, 15, 20; extra after steps 6, 11, 16, 21")]
    [InlineData(new[] { 4, 9, 14, 19, 22 }, BugClasses.SyncOneStepEarly, "every averaging one step early")]
    [InlineData(new[] { 5, 10, 15, 20 }, BugClasses.NoFinalSync, "missing after step 23")]
    [InlineData(new[] { 5, 10, 13, 15, 20, 23 }, BugClasses.SyncReportsDisagree, "extra after step 13")]
    [InlineData(new[] { 10, 5, 15, 20, 23 }, BugClasses.SyncReportsDisagree, "out of order or repeated")]
    [InlineData(new[] { 6, 11, 16, 21, 24 }, BugClasses.SyncReportsDisagree, "every averaging one step late")]
    public void MismatchesAreDescribedAndNamedByTheScheduleMutationThatMakesThem(int[] reported, string bugClass, string described)
    {
        var (diagnosis, evidence) = Check(Reports(5, 10, 15, 20, 23), Reports(reported));
        Assert.Equal(bugClass, diagnosis!.BugClass);
        Assert.Contains("1 of 2 runs", diagnosis.Explanation);
        Assert.Contains(described, Assert.Single(evidence));
    }

    [Fact]
    public void ARunWithoutReportsAmongRunsWithReportsReportedNoneAtAll()
    {
        var (diagnosis, evidence) = Check(Reports(5, 10, 15, 20, 23), Reports());
        Assert.Equal(BugClasses.NeverAverages, diagnosis!.BugClass);
        Assert.Contains("none at all: no averaging reported", Assert.Single(evidence));
    }

    [Fact]
    public void AnAveragingOfSomeWorkersOnlyIsPartial()
    {
        var partial = new[] { new SyncEvent(5, [0, 1, 2], 0, 0) }.Concat(Reports(10, 15, 20, 23)).ToArray();
        var (diagnosis, evidence) = Check(partial);
        Assert.Equal(BugClasses.SyncReportsDisagree, diagnosis!.BugClass);
        Assert.Contains("only workers 0, 1, 2 of 4 took part in the averaging after step 5", Assert.Single(evidence));
    }
}
