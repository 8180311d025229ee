using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Cli.Check;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>The wall-time end of the check table's summary line, from injected numbers (nothing is timed).</summary>
public class CheckWallTimeTests
{
    [Fact]
    public void BudgetsAreTenSecondsThirtySecondsAndThreeMinutes()
    {
        Assert.Equal(10, WallTimeBudget.For(Profile.Quick));
        Assert.Equal(30, WallTimeBudget.For(Profile.Ci));
        Assert.Equal(3 * 60, WallTimeBudget.For(Profile.Full));
        Assert.Equal(15 * 60, WallTimeBudget.TestSuiteSeconds);
    }

    [Theory]
    [InlineData(Profile.Ci, 27.44, "in 27.4 s (ci budget 30 s)")]
    [InlineData(Profile.Ci, 30, "in 30.0 s (ci budget 30 s)")]
    [InlineData(Profile.Quick, 7.25, "in 7.3 s (quick budget 10 s)")]
    [InlineData(Profile.Full, 171.5, "in 171.5 s (full budget 180 s)")]
    public void WithinBudgetTheSummaryGivesTheTimeAndTheBudgetAndThereIsNoNote(Profile profile, double seconds, string expected)
    {
        Assert.Equal(expected, CheckWallTime.Describe(profile, seconds));
        Assert.Null(CheckWallTime.OverBudgetNote(profile, seconds));
    }

    [Fact]
    public void OverBudgetTheSummarySaysSoAndANoteSaysItIsNotAClaimFailure()
    {
        Assert.Equal("in 42.5 s (OVER the ci budget of 30 s)", CheckWallTime.Describe(Profile.Ci, 42.5));
        Assert.Equal("note: over budget by 12.5 s; not a claim failure (verdicts and exit code unchanged)", CheckWallTime.OverBudgetNote(Profile.Ci, 42.5));
        Assert.Equal("in 11.0 s (OVER the quick budget of 10 s)", CheckWallTime.Describe(Profile.Quick, 11));
        Assert.StartsWith("note: over budget by 1.0 s;", CheckWallTime.OverBudgetNote(Profile.Quick, 11), StringComparison.Ordinal);
        Assert.Equal("in 240.0 s (OVER the full budget of 180 s)", CheckWallTime.Describe(Profile.Full, 240));
    }
}
