using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Comparison;

/// <summary>How <see cref="ReportComparer"/> decides that a value without intervals moved.</summary>
/// <param name="RelativeThreshold">A value without an interval on both sides moved when |new − old| &gt; this · max(|old|, |new|); 0.1 by default.</param>
/// <param name="NegligibleMagnitude">Values both below this in magnitude never count as moved (round-off gaps of exact claims, ~1e-15); 1e-12 by default.</param>
public sealed record ComparisonOptions(double RelativeThreshold = 0.1, double NegligibleMagnitude = 1e-12)
{
    /// <summary>The defaults.</summary>
    public static ComparisonOptions Default { get; } = new();
}

/// <summary>A claim whose verdict differs between the two reports (not_finished counts as a verdict here).</summary>
public sealed record VerdictChange(string ClaimId, string OldVerdict, string NewVerdict)
{
    /// <summary>Fail now, and not fail before.</summary>
    public bool IsNewFailure => NewVerdict == "fail" && OldVerdict != "fail";
}

/// <summary>
/// A measured value (a claim's headline, or one of its assertions) that moved beyond noise: the two intervals do not
/// overlap, or, without intervals on both sides, the relative change exceeds the threshold.
/// </summary>
/// <param name="ClaimId">The claim.</param>
/// <param name="Quantity">"measured" for the headline, else the assertion's name; followed by the quantity's name.</param>
/// <param name="Old">The old value with its interval, as printed.</param>
/// <param name="New">The new value with its interval, as printed.</param>
/// <param name="Reason">Why it counts as moved.</param>
public sealed record MovedValue(string ClaimId, string Quantity, string Old, string New, string Reason);

/// <summary>A claim present in only one report, with its verdict there.</summary>
public sealed record ClaimPresence(string ClaimId, string Verdict);

/// <summary>
/// What changed between two reports: verdicts, values that moved beyond their intervals, claims added and removed,
/// and notes on run settings that differ (profile, seed, suite version), which explain most changes.
/// </summary>
public sealed record ReportDifferences(
    IReadOnlyList<VerdictChange> VerdictChanges,
    IReadOnlyList<MovedValue> MovedValues,
    IReadOnlyList<ClaimPresence> NewClaims,
    IReadOnlyList<ClaimPresence> RemovedClaims,
    IReadOnlyList<string> SettingNotes)
{
    /// <summary>Claims that fail in the new report and did not fail in the old one (or are new and fail).</summary>
    public IReadOnlyList<string> NewFailures =>
        VerdictChanges.Where(c => c.IsNewFailure).Select(c => c.ClaimId)
            .Concat(NewClaims.Where(c => c.Verdict == "fail").Select(c => c.ClaimId))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>True when some claim newly fails: <c>compare</c> exits 1.</summary>
    public bool HasNewFailure => NewFailures.Count > 0;

    /// <summary>True when nothing changed beyond noise: same claims, same verdicts, every value within its interval.</summary>
    public bool IsEquivalent => VerdictChanges.Count == 0 && MovedValues.Count == 0 && NewClaims.Count == 0 && RemovedClaims.Count == 0;
}
