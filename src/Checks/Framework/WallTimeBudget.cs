namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// The wall-time budgets of a whole <c>check</c> run per profile, on the reference machine of two cores, for the
/// current catalog: quick under 10 s, ci under 30 s, full under 3 minutes (<see cref="Profile"/>). Each profile is the
/// most work that fits its budget; docs/performance.md gives the measured times. A run over budget is reported, never
/// failed: the budget is about the suite's cost, not the claims.
/// </summary>
public static class WallTimeBudget
{
    /// <summary>quick: the whole catalog in under 10 s.</summary>
    public const double QuickSeconds = 10;

    /// <summary>ci, the default: under 30 s.</summary>
    public const double CiSeconds = 30;

    /// <summary>full, paper scale: under 3 minutes.</summary>
    public const double FullSeconds = 180;

    /// <summary>The whole <c>dotnet test</c> run: 15 minutes on 2 cores; not a profile, kept here beside the others.</summary>
    public const double TestSuiteSeconds = 900;

    /// <summary>The budget of a profile in seconds, or null for a profile without one.</summary>
    public static double? For(Profile profile) => profile switch
    {
        Profile.Quick => QuickSeconds,
        Profile.Ci => CiSeconds,
        Profile.Full => FullSeconds,
        _ => null,
    };
}
