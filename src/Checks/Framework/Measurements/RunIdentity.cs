using System.Globalization;

namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// What makes two shard files parts of one run: the command, the suite's version (with its source revision when the
/// build knows it), the shard count N, and the run's inputs: for <c>check</c> the profile, master seed, α and claim
/// set; for <c>simulate</c> the scenario as run (after command-line overrides) and whether exact values were asked
/// for. A merge refuses shards whose identities differ, naming the fields.
/// </summary>
public sealed record RunIdentity(
    string Command,
    string SuiteVersion,
    int ShardCount,
    string? Profile = null,
    ulong? Seed = null,
    double? Alpha = null,
    IReadOnlyList<string>? Claims = null,
    string? Scenario = null,
    bool? Exact = null)
{
    /// <summary>The command of a check run.</summary>
    public const string CheckCommand = "check";

    /// <summary>The command of a simulate run.</summary>
    public const string SimulateCommand = "simulate";

    /// <summary>The fields as (name, text) pairs, in a fixed order, for comparison and messages.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields =>
    [
        ("command", Command),
        ("suite version", SuiteVersion),
        ("shard count", ShardCount.ToString(CultureInfo.InvariantCulture)),
        ("profile", Profile ?? "-"),
        ("seed", Seed?.ToString(CultureInfo.InvariantCulture) ?? "-"),
        ("alpha", Alpha?.ToString("R", CultureInfo.InvariantCulture) ?? "-"),
        ("claims", Claims is null ? "-" : string.Join(",", Claims)),
        ("scenario", Scenario ?? "-"),
        ("exact", Exact?.ToString() ?? "-"),
    ];

    /// <summary>The names of the fields in which <paramref name="other"/> differs, with both values (long values shortened).</summary>
    public IReadOnlyList<string> Differences(RunIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Fields.Zip(other.Fields)
            .Where(pair => !string.Equals(pair.First.Value, pair.Second.Value, StringComparison.Ordinal))
            .Select(pair => $"{pair.First.Name} ({Short(pair.First.Value)} vs {Short(pair.Second.Value)})")
            .ToArray();
    }

    /// <summary>True when every field is equal.</summary>
    public bool SameRun(RunIdentity other) => Differences(other).Count == 0;

    private static string Short(string value)
    {
        string line = value.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..57] + "...";
    }
}
