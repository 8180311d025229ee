using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Model.Text;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// The plain table of a check run, laid out to fit <see cref="Width"/> (100) terminal columns: per claim a row with id,
/// verdict, margin, replicates used of the profile's maximum and replicates needed (the share of the replicates used at
/// which the verdict would first have been reached, see <see cref="ClaimReplicatesNeeded"/>), then an indented line
/// "measured …; predicted …" wrapped to the width (the reports carry the same text in full, unwrapped). After the rows:
/// each claim's exploration, the run's profile, seed and α, and one summary line of verdict counts, last.
/// Verdicts are written so they stand out without colour: <c>pass</c>, <c>FAIL</c>, <c>inconclusive</c>; a caller on a
/// colour terminal may paint them (the painting adds no visible columns).
/// </summary>
public static class CheckTableWriter
{
    /// <summary>The columns every line of the table fits in.</summary>
    public const int Width = 100;

    private const string Gap = "  ";

    /// <summary>
    /// The table text. <paramref name="timing"/>, if given, ends the summary line (e.g. "in 12.2 s (quick budget 10 s)");
    /// <paramref name="paintVerdict"/>, if given, decorates each verdict word (e.g. with terminal colour codes).
    /// </summary>
    public static string Write(ReportDocument document, string? timing = null, Func<string, string>? paintVerdict = null) =>
        Body(document, paintVerdict) + SummaryLine(document, timing) + Environment.NewLine;

    /// <summary>Everything but the summary line: the rows, the explorations and the run's profile, seed and α.</summary>
    public static string Body(ReportDocument document, Func<string, string>? paintVerdict = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new System.Text.StringBuilder();
        string[] header = ["id", "verdict", "margin", "replicates used", "replicates needed"];
        var rows = document.Claims.Select(c => new[]
        {
            c.Id, Show(c.Verdict), NumberText.Compact(c.Margin), ReportText.ReplicatesUsedShort(c), ReportText.ReplicatesNeededShort(c.ReplicatesNeeded),
        }).ToList();
        int[] widths = ColumnWidths(header, rows);
        foreach (string line in RowLines(header, widths, null)) text.AppendLine(line);
        for (int i = 0; i < rows.Count; i++)
        {
            foreach (string line in RowLines(rows[i], widths, paintVerdict)) text.AppendLine(line);
            var claim = document.Claims[i];
            AppendWrapped(text, $"measured {Measured(claim.Measured)}; predicted {claim.Predicted.Description}", 2, 4);
        }

        AppendExplorations(text, document);

        var run = document.Run;
        text.AppendLine();
        AppendWrapped(text, $"profile {run.Profile}, seed {run.MasterSeed}, α = {NumberText.Compact(run.Alpha)} split over " +
            $"{ReportText.Count(run.TotalAssertions, "statistical assertion")} ({NumberText.Compact(run.AlphaPerAssertion)} each)", 0, 2);
        if (!run.Complete) AppendWrapped(text, $"INCOMPLETE: not finished: {string.Join(", ", run.NotFinished)}", 0, 2);
        return text.ToString();
    }

    /// <summary>
    /// The last line: "17 claims: 16 pass, 1 fail, 0 inconclusive" (", 2 not finished" for a stopped run), then
    /// <paramref name="timing"/> if given.
    /// </summary>
    public static string SummaryLine(ReportDocument document, string? timing = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return ReportText.Counts(document) + (timing is null ? "" : " " + timing);
    }

    /// <summary>pass / FAIL / inconclusive.</summary>
    public static string Show(string verdict) => verdict switch { "fail" => "FAIL", _ => verdict };

    private static string Measured(Quantity quantity)
    {
        string value = NumberText.Compact(quantity.Value) + (string.IsNullOrEmpty(quantity.Unit) ? "" : " " + quantity.Unit);
        return quantity.Low is double low && quantity.High is double high ? $"{value} [{NumberText.Compact(low)}, {NumberText.Compact(high)}]" : value;
    }

    /// <summary>
    /// The searches over the claims' assumption spaces at a glance: one row per explored claim (search, configurations
    /// with their verdicts, the worst ratio measured/bound, what was found), then, beneath, each counterexample in full
    /// (the case a user must look at) and the replay file of every counterexample and witness. The law, the worst case
    /// and every witness in full are in the reports.
    /// </summary>
    private static void AppendExplorations(System.Text.StringBuilder text, ReportDocument document)
    {
        var explored = document.Claims.Where(c => c.Exploration is not null).ToList();
        if (explored.Count == 0) return;
        var scenarios = ScenarioFiles.For(document);
        string[] header = ["explored", "search", "configurations", "worst ratio", "found"];
        var rows = explored.Select(claim =>
        {
            var exploration = claim.Exploration!;
            var verdicts = exploration.Verdicts;
            // The count alone when every configuration passed; otherwise the others, so that the column stays narrow.
            var others = new List<string>();
            if (verdicts.Fail > 0) others.Add($"{NumberText.Integer(verdicts.Fail)} fail");
            if (verdicts.Inconclusive > 0) others.Add($"{NumberText.Integer(verdicts.Inconclusive)} inconclusive");
            string counts = NumberText.Integer(exploration.Configurations) + (others.Count > 0 ? $" ({string.Join(", ", others)})" : "");
            bool forAll = exploration.Kind == Checks.Framework.Exploration.ExplorationReport.ForAllKind;
            string found = forAll
                ? exploration.Counterexample is null ? "no counterexample" : "COUNTEREXAMPLE"
                : exploration.Witnesses.Count == 0 ? "NO WITNESS" : exploration.Witnesses.Count == 1 ? "1 witness" : $"{NumberText.Integer(exploration.Witnesses.Count)} witnesses";
            return new[] { claim.Id, forAll ? "for all" : "exists", counts, exploration.Worst is { } worst ? NumberText.Compact(worst.Ratio) : "—", found };
        }).ToList();
        text.AppendLine();
        int[] widths = ColumnWidths(header, rows);
        foreach (string line in RowLines(header, widths, null)) text.AppendLine(line);
        for (int i = 0; i < rows.Count; i++)
        {
            foreach (string line in RowLines(rows[i], widths, null)) text.AppendLine(line);
            var claim = explored[i];
            foreach (var row in ExplorationText.Rows(claim, scenarios).Where(r => r.Role.StartsWith("counterexample", StringComparison.Ordinal)))
                AppendWrapped(text, ExplorationText.Line(row), 2, 4);
            var files = scenarios.Where(f => ReferenceEquals(f.Claim, claim)).Select(f => f.RelativePath).ToList();
            if (files.Count > 0) AppendWrapped(text, $"replay: {string.Join(", ", files)}", 2, 4);
        }
    }

    /// <summary>Each column as wide as its widest cell; while the row is wider than <see cref="Width"/>, the widest column gives up a column (its cells wrap).</summary>
    private static int[] ColumnWidths(string[] header, IReadOnlyList<string[]> rows)
    {
        int[] widths = Enumerable.Range(0, header.Length)
            .Select(i => rows.Select(r => TextWrapping.DisplayWidth(TextWrapping.Flatten(r[i]))).Append(TextWrapping.DisplayWidth(header[i])).Max()).ToArray();
        int available = Width - Gap.Length * (header.Length - 1);
        while (widths.Sum() > available)
        {
            int widest = Array.IndexOf(widths, widths.Max());
            widths[widest]--;
        }
        return widths;
    }

    /// <summary>A row as lines: each cell wrapped to its column, cells side by side, the verdict (column 1) painted before its padding.</summary>
    private static IEnumerable<string> RowLines(string[] cells, int[] widths, Func<string, string>? paintVerdict)
    {
        var wrapped = cells.Select((cell, i) => TextWrapping.Wrap(cell, widths[i])).ToArray();
        int height = wrapped.Max(lines => lines.Count);
        for (int line = 0; line < height; line++)
        {
            var parts = wrapped.Select((lines, i) =>
            {
                string content = line < lines.Count ? lines[line] : "";
                string padding = new(' ', widths[i] - TextWrapping.DisplayWidth(content));
                return (i == 1 && paintVerdict is not null && content.Length > 0 ? paintVerdict(content) : content) + padding;
            });
            yield return string.Join(Gap, parts).TrimEnd();
        }
    }

    private static void AppendWrapped(System.Text.StringBuilder text, string paragraph, int firstIndent, int restIndent)
    {
        foreach (string line in TextWrapping.Wrap(paragraph, Width, firstIndent, restIndent)) text.AppendLine(line);
    }
}
