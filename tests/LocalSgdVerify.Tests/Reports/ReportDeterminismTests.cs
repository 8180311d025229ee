using LocalSgdVerify.Checks.Claims.Identities;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>Reports are pure functions of their document, and a document of (version, profile, seed, claims), whatever the threads, date or machine.</summary>
public class ReportDeterminismTests
{
    [Fact]
    public void RenderingDocumentsBuiltSeparatelyGivesIdenticalBytesForEveryFile()
    {
        var first = ReportRenderer.RenderAll(SyntheticReports.Mixed());
        var second = ReportRenderer.RenderAll(SyntheticReports.Mixed());
        Assert.Equal(first.Select(f => f.Key), second.Select(f => f.Key));
        foreach (var ((name, a), (_, b)) in first.Zip(second))
            Assert.True(a == b, $"{name} differs between two renderings of the same document");
    }

    [Fact]
    public void SameSeedGivesIdenticalBodiesOnOneAndTwoThreads()
    {
        IReadOnlyList<IClaim> claims = [new ScheduleInvarianceClaim()];
        ReportDocument Run(int threads, string machine, int hour) => ReportDocumentBuilder.FromCheckRun(
            ClaimRunner.Run(claims, new CheckOptions(Profile.Quick, TestSeeds.MasterSeed, Threads: threads), TestContext.Current.CancellationToken), claims,
            new DateTimeOffset(2026, 11, 21, hour, 0, 0, TimeSpan.Zero), machine);

        ReportDocument one = Run(1, "machine A", 9), two = Run(2, "machine B", 10);
        Assert.Equal(1, one.Environment.Threads);
        Assert.Equal(2, two.Environment.Threads);
        Assert.Equal("2026-11-21T09:00:00Z", one.Environment.Date);
        Assert.True(ReportJson.BodiesEqual(one, two), ReportJson.FirstBodyDifference(one, two));
        // Everything rendered from the body alone is identical too (the environment is what the header adds).
        var left = ReportRenderer.RenderAll(ReportJson.WithoutEnvironment(one));
        var right = ReportRenderer.RenderAll(ReportJson.WithoutEnvironment(two));
        Assert.Equal(left, right);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentBodies()
    {
        IReadOnlyList<IClaim> claims = [new ScheduleInvarianceClaim()];
        ReportDocument Run(ulong seed) => ReportDocumentBuilder.FromCheckRun(
            ClaimRunner.Run(claims, new CheckOptions(Profile.Quick, seed, Threads: 1), TestContext.Current.CancellationToken), claims, DateTimeOffset.UnixEpoch, "m");
        Assert.False(ReportJson.BodiesEqual(Run(1), Run(2)));
    }

    [Fact]
    public void BuilderTakesDescriptionsFromTheCatalogAndCountsVerdicts()
    {
        IReadOnlyList<IClaim> claims = [new ScheduleInvarianceClaim()];
        var run = ClaimRunner.Run(claims, new CheckOptions(Profile.Quick, 7, Threads: 1), TestContext.Current.CancellationToken);
        ReportDocument document = ReportDocumentBuilder.FromCheckRun(run, claims, DateTimeOffset.UnixEpoch, "m");
        ClaimReport claim = Assert.Single(document.Claims);
        var source = claims[0];
        Assert.Equal((source.Id, source.Title, source.Statement, "exact"), (claim.Id, claim.Title, claim.Statement, claim.Kind));
        Assert.Equal(source.Design(Profile.Quick).Problem, claim.Design.Problem);
        Assert.Equal(source.Design(Profile.Quick).Workers, claim.Design.Workers);
        Assert.Equal(VerdictText.Name(run.Results[0].Verdict), claim.Verdict);
        Assert.Equal(1, document.Summary.Pass + document.Summary.Fail + document.Summary.Inconclusive);
        Assert.True(document.Run.Complete);
        Assert.Equal("quick", document.Run.Profile);
    }
}
