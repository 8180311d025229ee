using System.Globalization;
using LocalSgdVerify.Checks.Framework;

namespace LocalSgdVerify.Cli.Check;

/// <summary>
/// The line a check run ends with: its own wall time beside the profile's budget (<see cref="WallTimeBudget"/>),
/// e.g. "wall time 17.4 s (ci budget 30 s)". Over budget it says so plainly, and that the verdicts and exit code
/// are unaffected: the budget bounds the suite's cost, not the claims.
/// </summary>
public static class CheckWallTime
{
    /// <summary>The line for <paramref name="elapsedSeconds"/> of wall time at <paramref name="profile"/>.</summary>
    public static string Describe(Profile profile, double elapsedSeconds)
    {
        string name = profile.ToString().ToLowerInvariant();
        string elapsed = Seconds(elapsedSeconds);
        if (WallTimeBudget.For(profile) is not double budget) return $"wall time {elapsed} s ({name} profile: no budget)";
        string line = $"wall time {elapsed} s ({name} budget {budget.ToString("0.##", CultureInfo.InvariantCulture)} s)";
        return elapsedSeconds > budget
            ? $"{line}: OVER BUDGET by {Seconds(elapsedSeconds - budget)} s (not a claim failure: verdicts and exit code unchanged)"
            : line;
    }

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);
}
