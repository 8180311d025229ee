using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Cli.Check;
using LocalSgdVerify.Tests.Reports;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>The check table's last line and its new column, from injected numbers (nothing is timed).</summary>
public class CheckWallTimeTests
{
    [Fact]
    public void Budgets_are_those_of_issue_6_and_the_profiles()
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
    public void Within_budget_the_line_gives_the_time_and_the_budget(Profile profile, double seconds, string expected) =>
        Assert.Equal(expected, CheckWallTime.Describe(profile, seconds));

    [Fact]
    public void Over_budget_the_line_says_so_and_that_it_is_not_a_claim_failure()
    {
        Assert.Equal("wall time 312.5 s (ci budget 300 s): OVER BUDGET by 12.5 s (not a claim failure: verdicts and exit code unchanged)",
            CheckWallTime.Describe(Profile.Ci, 312.5));
        Assert.StartsWith("wall time 61.0 s (quick budget 60 s): OVER BUDGET by 1.0 s", CheckWallTime.Describe(Profile.Quick, 61), StringComparison.Ordinal);
    }

    [Fact]
    public void Table_has_a_replicates_needed_column()
    {
        // Synthetic claims: "level" 3.5 [3.1, 3.9] ≤ 4 gives f = (0.4/0.5)² = 64 % of the design's 256 replicates; the
        // failing claim's failed assertion has no bound (n/a); the exact claim has no interval (n/a).
        string[] lines = CheckTableWriter.Write(SyntheticReports.Mixed()).Split('\n');
        Assert.EndsWith("replicates needed", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("≈ 64 % of 256", Assert.Single(lines, l => l.StartsWith("spiridonoff.S1 ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("n/a", Assert.Single(lines, l => l.StartsWith("spiridonoff.S2 ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("n/a", Assert.Single(lines, l => l.StartsWith("identities.exact ", StringComparison.Ordinal)), StringComparison.Ordinal);
        int column = lines[0].IndexOf("replicates needed", StringComparison.Ordinal);
        Assert.Equal("≈ 64 % of 256", lines.Single(l => l.StartsWith("spiridonoff.S1 ", StringComparison.Ordinal))[column..]);
    }
}
