namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// What a claim runs at one profile, in the words a report prints: the problem, worker counts, horizons,
/// schedules and replicates, and the number of statistical assertions (its draw on the error budget).
/// </summary>
public sealed record ClaimDesign(
    string Problem,
    IReadOnlyList<int> Workers,
    IReadOnlyList<int> Horizons,
    IReadOnlyList<string> Schedules,
    int Replicates,
    int Assertions,
    string? Notes = null);
