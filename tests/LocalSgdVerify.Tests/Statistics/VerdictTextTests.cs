using LocalSgdVerify.Checks.Statistics;
using Xunit;

namespace LocalSgdVerify.Tests.Statistics;

/// <summary>The words of a verdict: the names report.json records, and the flagged form for plain-text lines.</summary>
public sealed class VerdictTextTests
{
    [Theory]
    [InlineData(Verdict.Pass, "pass", "pass")]
    [InlineData(Verdict.Fail, "fail", "FAIL")]
    [InlineData(Verdict.Inconclusive, "inconclusive", "inconclusive")]
    public void EveryVerdictHasItsNameAndItsFlaggedForm(Verdict verdict, string name, string flagged)
    {
        Assert.Equal(name, VerdictText.Name(verdict));
        Assert.Equal(flagged, VerdictText.Flagged(verdict));
    }
}
