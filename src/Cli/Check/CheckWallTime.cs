using System.Globalization;
using LocalSgdVerify.Checks.Framework;

namespace LocalSgdVerify.Cli.Check;

/// <summary>
/// How a check run's own wall time ends its summary line, beside the profile's budget (<see cref="WallTimeBudget"/>),
/// e.g. "17 claims: 17 pass, 0 fail, 0 inconclusive in 17.4 s (ci budget 30 s)". Over budget it says so plainly,
/// and a note line says that the verdicts and exit code are unaffected: the budget bounds the suite's cost, not the claims.
/// </summary>
public static class CheckWallTime
{
    /// <summary>The end of the summary line for <paramref name="elapsedSeconds"/> of wall time at <paramref name="profile"/>.</summary>
    public static string Describe(Profile profile, double elapsedSeconds)
    {
        string name = profile.ToString().ToLowerInvariant();
        string elapsed = Seconds(elapsedSeconds);
        if (WallTimeBudget.For(profile) is not double budget) return $"in {elapsed} s ({name} profile: no budget)";
        string budgetText = budget.ToString("0.##", CultureInfo.InvariantCulture);
        return elapsedSeconds > budget ? $"in {elapsed} s (OVER the {name} budget of {budgetText} s)" : $"in {elapsed} s ({name} budget {budgetText} s)";
    }

    /// <summary>The line printed before the summary when the run was over budget, or null when it was not.</summary>
    public static string? OverBudgetNote(Profile profile, double elapsedSeconds) =>
        WallTimeBudget.For(profile) is double budget && elapsedSeconds > budget
            ? $"note: over budget by {Seconds(elapsedSeconds - budget)} s; not a claim failure (verdicts and exit code unchanged)"
            : null;

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);
}
