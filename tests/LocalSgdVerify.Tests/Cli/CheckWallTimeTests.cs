using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Cli.Check;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>The wall-time end of the check table's summary line, from injected numbers (nothing is timed).</summary>
public class CheckWallTimeTests
{
    [Fact]
    public void BudgetsAreThoseOfIssue6AndTheProfiles()
    {
        Assert.Equal(60, WallTimeBudget.For(Profile.Quick));
        Assert.Equal(5 * 60, WallTimeBudget.For(Profile.Ci));
        Assert.Null(WallTimeBudget.For(Profile.Full));
        Assert.Equal(15 * 60, WallTimeBudget.TestSuiteSeconds);
    }

    [Theory]
    [InlineData(Profile.Ci, 127.44, "in 127.4 s (ci budget 300 s)")]
    [InlineData(Profile.Ci, 300, "in 300.0 s (ci budget 300 s)")]
    [InlineData(Profile.Quick, 7.25, "in 7.3 s (quick budget 60 s)")]
    [InlineData(Profile.Full, 4000, "in 4000.0 s (full profile: no budget)")]
    public void WithinBudgetTheSummaryGivesTheTimeAndTheBudgetAndThereIsNoNote(Profile profile, double seconds, string expected)
    {
        Assert.Equal(expected, CheckWallTime.Describe(profile, seconds));
        Assert.Null(CheckWallTime.OverBudgetNote(profile, seconds));
    }

    [Fact]
    public void OverBudgetTheSummarySaysSoAndANoteSaysItIsNotAClaimFailure()
    {
        Assert.Equal("in 312.5 s (OVER the ci budget of 300 s)", CheckWallTime.Describe(Profile.Ci, 312.5));
        Assert.Equal("note: over budget by 12.5 s; not a claim failure (verdicts and exit code unchanged)", CheckWallTime.OverBudgetNote(Profile.Ci, 312.5));
        Assert.Equal("in 61.0 s (OVER the quick budget of 60 s)", CheckWallTime.Describe(Profile.Quick, 61));
        Assert.StartsWith("note: over budget by 1.0 s;", CheckWallTime.OverBudgetNote(Profile.Quick, 61), StringComparison.Ordinal);
    }
}
