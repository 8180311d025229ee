using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Cli.Check;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>The check table's last line, from injected numbers (nothing is timed).</summary>
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
    [InlineData(Profile.Ci, 127.44, "wall time 127.4 s (ci budget 300 s)")]
    [InlineData(Profile.Ci, 300, "wall time 300.0 s (ci budget 300 s)")]
    [InlineData(Profile.Quick, 7.25, "wall time 7.3 s (quick budget 60 s)")]
    [InlineData(Profile.Full, 4000, "wall time 4000.0 s (full profile: no budget)")]
    public void WithinBudgetTheLineGivesTheTimeAndTheBudget(Profile profile, double seconds, string expected) =>
        Assert.Equal(expected, CheckWallTime.Describe(profile, seconds));

    [Fact]
    public void OverBudgetTheLineSaysSoAndThatItIsNotAClaimFailure()
    {
        Assert.Equal("wall time 312.5 s (ci budget 300 s): OVER BUDGET by 12.5 s (not a claim failure: verdicts and exit code unchanged)",
            CheckWallTime.Describe(Profile.Ci, 312.5));
        Assert.StartsWith("wall time 61.0 s (quick budget 60 s): OVER BUDGET by 1.0 s", CheckWallTime.Describe(Profile.Quick, 61), StringComparison.Ordinal);
    }
}
