using System.Text;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Reports.Comparison;

/// <summary>
/// Compares two reports claim by claim (matched by id): verdict changes, measured values that moved beyond their
/// intervals, new and removed claims. Values are the claim's headline and each assertion (matched by name, then by
/// position among equal names). Two values with intervals on both sides moved when the intervals are disjoint, which
/// ignores the noise the intervals already describe; otherwise the relative change must exceed
/// <see cref="ComparisonOptions.RelativeThreshold"/>.
/// </summary>
public static class ReportComparer
{
    /// <summary>The differences from <paramref name="old"/> to <paramref name="current"/>.</summary>
    public static ReportDifferences Compare(ReportDocument old, ReportDocument current, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(current);
        options ??= ComparisonOptions.Default;
        var oldVerdicts = Verdicts(old);
        var newVerdicts = Verdicts(current);
        var changes = new List<VerdictChange>();
        var moved = new List<MovedValue>();
        foreach (var (id, newVerdict) in newVerdicts)
        {
            if (!oldVerdicts.TryGetValue(id, out string? oldVerdict)) continue;
            if (oldVerdict != newVerdict) changes.Add(new VerdictChange(id, oldVerdict, newVerdict));
        }
        var oldClaims = old.Claims.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (ClaimReport claim in current.Claims)
        {
            if (!oldClaims.TryGetValue(claim.Id, out ClaimReport? before)) continue;
            AddIfMoved(moved, claim.Id, "measured", before.Measured, claim.Measured, options);
            foreach (var (previous, now) in MatchAssertions(before.Assertions, claim.Assertions))
                AddIfMoved(moved, claim.Id, previous.Name, previous.Measured, now.Measured, options);
        }
        var added = newVerdicts.Where(pair => !oldVerdicts.ContainsKey(pair.Key)).Select(pair => new ClaimPresence(pair.Key, pair.Value)).ToList();
        var removed = oldVerdicts.Where(pair => !newVerdicts.ContainsKey(pair.Key)).Select(pair => new ClaimPresence(pair.Key, pair.Value)).ToList();
        return new ReportDifferences(changes, moved, added, removed, SettingNotes(old, current));
    }

    /// <summary>The differences as plain text for a terminal or CI log; ends with the outcome line.</summary>
    public static string Describe(ReportDifferences differences, string oldSource, string newSource)
    {
        var text = new StringBuilder();
        text.Append($"compare {oldSource} → {newSource}\n");
        foreach (string note in differences.SettingNotes) text.Append($"note: {note}\n");
        Section(text, "Verdict changes", differences.VerdictChanges,
            c => $"{c.ClaimId}: {c.OldVerdict} → {c.NewVerdict}{(c.IsNewFailure ? "   [NEW FAILURE]" : "")}");
        Section(text, "Measured values that moved beyond their intervals", differences.MovedValues,
            m => $"{m.ClaimId} / {m.Quantity}: {m.Old} → {m.New} ({m.Reason})");
        Section(text, "New claims", differences.NewClaims,
            c => $"{c.ClaimId}: {c.Verdict}{(c.Verdict == "fail" ? "   [NEW FAILURE]" : "")}");
        Section(text, "Removed claims", differences.RemovedClaims, c => $"{c.ClaimId} (was {c.Verdict})");
        if (differences.IsEquivalent) text.Append("No changes: same claims, same verdicts, every measured value within its interval.\n");
        var failures = differences.NewFailures;
        text.Append(failures.Count > 0
            ? $"Result: {failures.Count} new failure{(failures.Count == 1 ? "" : "s")} ({string.Join(", ", failures)}).\n"
            : "Result: no new failure.\n");
        return text.ToString();
    }

    private static void Section<T>(StringBuilder text, string title, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0) return;
        text.Append($"{title} ({items.Count}):\n");
        foreach (T item in items) text.Append("  ").Append(line(item)).Append('\n');
    }

    // Every claim id of a report with its verdict; claims the run did not finish count as "not_finished".
    private static Dictionary<string, string> Verdicts(ReportDocument document)
    {
        var verdicts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ClaimReport claim in document.Claims) verdicts[claim.Id] = claim.Verdict;
        foreach (string id in document.Run.NotFinished) verdicts.TryAdd(id, ReportText.NotFinishedVerdict);
        return verdicts;
    }

    private static IEnumerable<(AssertionResult Old, AssertionResult New)> MatchAssertions(IReadOnlyList<AssertionResult> old, IReadOnlyList<AssertionResult> current)
    {
        foreach (var group in current.GroupBy(a => a.Name, StringComparer.Ordinal))
        {
            var previous = old.Where(a => a.Name == group.Key).ToList();
            int index = 0;
            foreach (AssertionResult assertion in group)
            {
                if (index < previous.Count) yield return (previous[index], assertion);
                index++;
            }
        }
    }

    private static void AddIfMoved(List<MovedValue> moved, string claimId, string label, Quantity old, Quantity current, ComparisonOptions options)
    {
        string? reason = MoveReason(old, current, options);
        if (reason is null) return;
        string name = label == "measured" ? $"measured {current.Name}" : $"{label} ({current.Name})";
        moved.Add(new MovedValue(claimId, name, ReportText.Quantity(old), ReportText.Quantity(current), reason));
    }

    /// <summary>Null when the change is within noise, else why it counts as moved.</summary>
    public static string? MoveReason(Quantity old, Quantity current, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double a = old.Value, b = current.Value;
        if (double.IsNaN(a) && double.IsNaN(b)) return null;
        if (double.IsNaN(a) != double.IsNaN(b)) return "one value is NaN";
        if (old is { Low: { } oldLow, High: { } oldHigh } && current is { Low: { } newLow, High: { } newHigh })
        {
            if (newLow > oldHigh) return "the new interval lies above the old one";
            if (newHigh < oldLow) return "the new interval lies below the old one";
            return null;
        }
        if (a == b) return null;
        if (double.IsInfinity(a) || double.IsInfinity(b)) return "one value is infinite";
        double scale = Math.Max(Math.Abs(a), Math.Abs(b));
        if (scale < options.NegligibleMagnitude) return null;
        double relative = Math.Abs(b - a) / scale;
        return relative > options.RelativeThreshold
            ? $"no intervals on both sides; relative change {ReportText.Number(relative)} > threshold {ReportText.Number(options.RelativeThreshold)}"
            : null;
    }

    private static List<string> SettingNotes(ReportDocument old, ReportDocument current)
    {
        var notes = new List<string>();
        if (old.Run.Kind != current.Run.Kind) notes.Add($"the command differs: {old.Run.Kind} → {current.Run.Kind}");
        if (old.Run.Profile != current.Run.Profile) notes.Add($"the profile differs: {old.Run.Profile} → {current.Run.Profile} (values at different sizes are expected to move)");
        if (old.Run.MasterSeed != current.Run.MasterSeed) notes.Add($"the master seed differs: {ReportText.Seed(old.Run.MasterSeed)} → {ReportText.Seed(current.Run.MasterSeed)}");
        if (old.Suite.Version != current.Suite.Version) notes.Add($"the suite version differs: {old.Suite.Version} → {current.Suite.Version}");
        if (!old.Run.Complete) notes.Add("the old report is incomplete");
        if (!current.Run.Complete) notes.Add($"the new report is incomplete ({ReportText.Count(current.Run.NotFinished.Count, "claim")} not finished)");
        return notes;
    }
}
