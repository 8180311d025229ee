using System.Text;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.Validation.Scenarios;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Running;

/// <summary>
/// The plain table of a validation: the overall verdict first, then scenario, N, T, schedule, verdict and what was
/// found, one line per scenario, a summary, and the evidence grouped by finding — scenarios with the same diagnosis
/// (or the same fault, with the same traceback) share one block, so nothing is printed twice. Verdicts stand out
/// without colour: <c>conforms</c>, <c>NON-CONFORMING</c>, <c>inconclusive</c>, <c>COULD NOT RUN</c>.
/// </summary>
public static class ValidationTableWriter
{
    /// <summary>The table text.</summary>
    public static string Write(ValidationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rows = run.Results.Select(r => new[]
        {
            r.Name, Integer(r.Design.Workers[0]), Integer(r.Design.Horizons[0]), r.Design.Schedules[0], Show(r.Verdict), r.Summary,
        }).ToList();
        string[] header = ["scenario", "N", "T", "schedule", "verdict", "details"];
        int[] widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        text.AppendLine(run.OverallVerdict());
        text.AppendLine();
        void Line(string[] cells) =>
            text.AppendLine(string.Join("  ", cells.Take(header.Length - 1).Select((cell, i) => cell.PadRight(widths[i]))) + "  " + cells[^1]);
        Line(header);
        foreach (var row in rows) Line(row);
        text.AppendLine();
        int conforming = Count(run, ScenarioVerdict.Conforms), failing = Count(run, ScenarioVerdict.NonConforming),
            inconclusive = Count(run, ScenarioVerdict.Inconclusive), notRun = Count(run, ScenarioVerdict.CouldNotRun);
        string implementation = run.Implementation is { } hello
            ? $"{hello.Implementation}{(string.IsNullOrEmpty(hello.Version) ? "" : " " + hello.Version)}"
            : run.Target;
        string settings = run.Options.Mode == ValidationMode.Oracle
            ? $"oracle mode, tolerance {ThreeSignificant(run.Options.RelativeTolerance)}"
            : $"blackbox mode, α = {ThreeSignificant(run.Options.Alpha)} split over {ReportText.Count(run.TotalAssertions, "assertion")}";
        text.AppendLine($"{ReportText.Count(run.Results.Count, "scenario")}: {Integer(conforming)} conform, {Integer(failing)} non-conforming, {Integer(inconclusive)} inconclusive, " +
            $"{Integer(notRun)} could not run ({implementation}; {settings})");
        var groups = run.Results.Where(r => r.Verdict is ScenarioVerdict.NonConforming or ScenarioVerdict.CouldNotRun).GroupBy(GroupKey);
        foreach (var group in groups)
        {
            var first = group.First();
            int count = group.Count();
            text.AppendLine();
            string names = string.Join(", ", group.Select(r => r.Name));
            text.AppendLine(count == 1
                ? $"{first.Name}: {Show(first.Verdict)} ({first.Finding})"
                : $"{first.Finding}: {Show(first.Verdict)} in {Integer(count)} scenarios ({names}); the evidence of {first.Name}:");
            foreach (string line in first.Evidence) text.AppendLine("  " + line.Replace("\n", "\n    ", StringComparison.Ordinal));
        }
        return text.ToString();
    }

    /// <summary>
    /// Scenarios whose findings are the same share one evidence block: the same bug class (or candidates), or the
    /// same fault with the same message (one traceback printed once), or "not run" after the same fault.
    /// </summary>
    private static string GroupKey(ScenarioResult result) => result.Verdict == ScenarioVerdict.NonConforming
        ? "finding\n" + result.Finding
        : result.Skipped ? "not run\n" + result.Summary
        : "error\n" + (result.Error?.Code ?? "") + "\n" + (result.Error?.Cause ?? "");

    /// <summary>conforms / NON-CONFORMING / inconclusive / COULD NOT RUN.</summary>
    public static string Show(ScenarioVerdict verdict) => verdict switch
    {
        ScenarioVerdict.Conforms => "conforms",
        ScenarioVerdict.NonConforming => "NON-CONFORMING",
        ScenarioVerdict.Inconclusive => "inconclusive",
        _ => "COULD NOT RUN",
    };

    private static int Count(ValidationRun run, ScenarioVerdict verdict) => run.Results.Count(r => r.Verdict == verdict);
}
