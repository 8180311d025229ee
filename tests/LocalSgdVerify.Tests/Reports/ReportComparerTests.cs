using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Comparison;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>compare finds changed verdicts, values beyond their intervals, new and removed claims, and ignores noise.</summary>
public class ReportComparerTests
{
    private static ReportDocument WithVerdict(ReportDocument document, string id, string verdict) =>
        document with { Claims = document.Claims.Select(c => c.Id == id ? c with { Verdict = verdict } : c).ToList() };

    private static ReportDocument WithMeasured(ReportDocument document, string id, Quantity measured) =>
        document with { Claims = document.Claims.Select(c => c.Id == id ? c with { Measured = measured } : c).ToList() };

    [Fact]
    public void IdenticalReportsAreEquivalentWhateverTheEnvironment()
    {
        ReportDocument old = SyntheticReports.Mixed();
        ReportDocument current = SyntheticReports.Document(old.Claims, date: "2030-01-01T00:00:00Z", machine: "other");
        ReportDifferences differences = ReportComparer.Compare(old, current);
        Assert.True(differences.IsEquivalent);
        Assert.False(differences.HasNewFailure);
        Assert.Empty(differences.SettingNotes);
    }

    [Fact]
    public void APassTurningFailIsANewFailure()
    {
        ReportDocument old = SyntheticReports.Mixed();
        ReportDifferences differences = ReportComparer.Compare(old, WithVerdict(old, "spiridonoff.S1", "fail"));
        Assert.Equal([new VerdictChange("spiridonoff.S1", "pass", "fail")], differences.VerdictChanges);
        Assert.Equal(["spiridonoff.S1"], differences.NewFailures);
        Assert.False(differences.IsEquivalent);
        Assert.Contains("spiridonoff.S1: pass → fail   [NEW FAILURE]", ReportComparer.Describe(differences, "old.json", "new.json"));
    }

    [Theory]
    [InlineData("spiridonoff.S1", "inconclusive")] // pass → inconclusive: a change, not a failure
    [InlineData("spiridonoff.S2", "pass")] // fail → pass: fixed
    public void OtherVerdictChangesAreListedWithoutFailing(string id, string verdict)
    {
        ReportDifferences differences = ReportComparer.Compare(SyntheticReports.Mixed(), WithVerdict(SyntheticReports.Mixed(), id, verdict));
        Assert.Single(differences.VerdictChanges);
        Assert.False(differences.HasNewFailure);
    }

    [Fact]
    public void AClaimThatStillFailsIsNotNew()
    {
        ReportDocument old = SyntheticReports.Mixed();
        Assert.False(ReportComparer.Compare(old, old).HasNewFailure);
        Assert.Equal(2, old.Summary.Fail);
    }

    [Fact]
    public void NewAndRemovedClaimsAreListedAndANewFailingClaimFails()
    {
        ReportDocument old = SyntheticReports.Mixed();
        var added = SyntheticReports.Claim("new.claim", "fail", []);
        ReportDocument current = SyntheticReports.Document([.. old.Claims.Skip(1), added]);
        ReportDifferences differences = ReportComparer.Compare(old, current);
        Assert.Equal([new ClaimPresence("new.claim", "fail")], differences.NewClaims);
        Assert.Equal([new ClaimPresence("spiridonoff.S1", "pass")], differences.RemovedClaims);
        Assert.Equal(["new.claim"], differences.NewFailures);
    }

    [Fact]
    public void UnfinishedClaimsCountAsAVerdictOfTheirOwn()
    {
        ReportDocument old = SyntheticReports.Mixed();
        ReportDocument current = SyntheticReports.Document(old.Claims.Where(c => c.Id != "gu.uv-toy").ToList(), notFinished: ["gu.uv-toy"]);
        ReportDifferences differences = ReportComparer.Compare(old, current);
        Assert.Equal([new VerdictChange("gu.uv-toy", "inconclusive", "not_finished")], differences.VerdictChanges);
        Assert.Empty(differences.RemovedClaims);
        Assert.False(differences.HasNewFailure);
        Assert.Contains("the new report is incomplete (1 claim not finished)", differences.SettingNotes);
    }

    [Fact]
    public void NoiseWithinOverlappingIntervalsIsIgnoredAndDisjointIntervalsAreReported() =>
        // Old interval v ± w; new interval (v + shift) ± w. They overlap exactly when |shift| ≤ 2w.
        Prop.ForAll(Gen.Choose(-1000, 1000).ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), Gen.Choose(-400, 400).ToArbitrary(), (center, halfWidth, shift) =>
        {
            ReportDocument old = WithMeasured(SyntheticReports.Mixed(), "spiridonoff.S2", new Quantity("q", center, "", center - halfWidth, center + halfWidth, 0.95));
            int moved = center + shift;
            ReportDocument current = WithMeasured(old, "spiridonoff.S2", new Quantity("q", moved, "", moved - halfWidth, moved + halfWidth, 0.95));
            var values = ReportComparer.Compare(old, current).MovedValues;
            bool disjoint = Math.Abs(shift) > 2 * halfWidth;
            Assert.Equal(disjoint ? 1 : 0, values.Count);
            if (disjoint) Assert.Equal(shift > 0 ? "the new interval lies above the old one" : "the new interval lies below the old one", values[0].Reason);
        }).Verify(200);

    [Theory]
    [InlineData(1.0, 1.05, false)] // 4.8 % relative change: below the 10 % threshold
    [InlineData(1.0, 1.2, true)] // 16.7 %
    [InlineData(1e-15, 3e-15, false)] // round-off level: negligible
    [InlineData(0.0, 1e-9, true)]
    [InlineData(double.NaN, double.NaN, false)]
    [InlineData(1.0, double.NaN, true)]
    public void ValuesWithoutIntervalsMoveBeyondARelativeThreshold(double before, double after, bool moved)
    {
        string? reason = ReportComparer.MoveReason(new Quantity("q", before), new Quantity("q", after), ComparisonOptions.Default);
        Assert.Equal(moved, reason is not null);
    }

    [Fact]
    public void AssertionsAreComparedByName()
    {
        ReportDocument old = SyntheticReports.Mixed();
        var claim = old.Claims[0];
        var changed = claim with { Assertions = [claim.Assertions[0], claim.Assertions[1] with { Measured = new Quantity("N·T·E F", 5, "", 4.8, 5.2, 0.95) }] };
        ReportDifferences differences = ReportComparer.Compare(old, old with { Claims = [changed, .. old.Claims.Skip(1)] });
        MovedValue value = Assert.Single(differences.MovedValues);
        Assert.Equal(new MovedValue("spiridonoff.S1", "spiridonoff.S1 level (N·T·E F)", "3.5 [3.1, 3.9] at level 95%", "5 [4.8, 5.2] at level 95%", "the new interval lies above the old one"), value);
        Assert.False(differences.HasNewFailure);
    }

    [Fact]
    public void DifferentSettingsAreNoted()
    {
        ReportDocument old = SyntheticReports.Mixed();
        ReportDocument current = old with { Run = old.Run with { Profile = "full", MasterSeed = 7 } };
        var notes = ReportComparer.Compare(old, current).SettingNotes;
        Assert.Equal(["the profile differs: ci → full (values at different sizes are expected to move)", "the master seed differs: 42 → 7"], notes);
    }
}
