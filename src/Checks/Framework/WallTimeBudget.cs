namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// The wall-time budgets of a whole <c>check</c> run per profile, on the reference machine of two cores. They come
/// from issue 6 ("<c>check --profile ci</c> and the whole <c>dotnet test</c> run fit their budgets, 5 and 15 minutes
/// on 2 cores, with room to spare") and from the profiles' definitions (<see cref="Profile"/>: quick runs the whole
/// catalog in about a minute; full is paper scale and has no budget). A run over budget is reported, never failed:
/// the budget is about the suite's cost, not the claims.
/// </summary>
public static class WallTimeBudget
{
    /// <summary>quick: the whole catalog in about a minute (README, <see cref="Profile.Quick"/>).</summary>
    public const double QuickSeconds = 60;

    /// <summary>ci, the default: 5 minutes on 2 cores (issue 6).</summary>
    public const double CiSeconds = 300;

    /// <summary>The whole <c>dotnet test</c> run: 15 minutes on 2 cores (issue 6); not a profile, kept here beside the others.</summary>
    public const double TestSuiteSeconds = 900;

    /// <summary>The budget of a profile in seconds, or null for <see cref="Profile.Full"/> (paper scale, no budget).</summary>
    public static double? For(Profile profile) => profile switch
    {
        Profile.Quick => QuickSeconds,
        Profile.Ci => CiSeconds,
        _ => null,
    };
}
