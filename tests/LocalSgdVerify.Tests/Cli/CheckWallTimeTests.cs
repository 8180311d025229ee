using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Cli.Check;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>The check table's last line, from injected numbers (nothing is timed).</summary>
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
    [InlineData(Profile.Ci, 27.44, "wall time 27.4 s (ci budget 30 s)")]
    [InlineData(Profile.Ci, 30, "wall time 30.0 s (ci budget 30 s)")]
    [InlineData(Profile.Quick, 7.25, "wall time 7.3 s (quick budget 10 s)")]
    [InlineData(Profile.Full, 171.5, "wall time 171.5 s (full budget 180 s)")]
    public void WithinBudgetTheLineGivesTheTimeAndTheBudget(Profile profile, double seconds, string expected) =>
        Assert.Equal(expected, CheckWallTime.Describe(profile, seconds));

    [Fact]
    public void OverBudgetTheLineSaysSoAndThatItIsNotAClaimFailure()
    {
        Assert.Equal("wall time 42.5 s (ci budget 30 s): OVER BUDGET by 12.5 s (not a claim failure: verdicts and exit code unchanged)",
            CheckWallTime.Describe(Profile.Ci, 42.5));
        Assert.StartsWith("wall time 11.0 s (quick budget 10 s): OVER BUDGET by 1.0 s", CheckWallTime.Describe(Profile.Quick, 11), StringComparison.Ordinal);
        Assert.StartsWith("wall time 240.0 s (full budget 180 s): OVER BUDGET by 60.0 s", CheckWallTime.Describe(Profile.Full, 240), StringComparison.Ordinal);
    }
}
