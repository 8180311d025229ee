using System.Text;
using LocalSgdVerify.Validation.Scenarios;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Running;

/// <summary>
/// The plain table of a validation: scenario, N, T, schedule, verdict and what was found, one line per scenario, then
/// a summary. Verdicts stand out without colour: <c>conforms</c>, <c>NON-CONFORMING</c>, <c>inconclusive</c>,
/// <c>COULD NOT RUN</c>.
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
            : $"blackbox mode, α = {ThreeSignificant(run.Options.Alpha)} split over {Integer(run.TotalAssertions)} assertions";
        text.AppendLine($"{Integer(run.Results.Count)} scenarios: {Integer(conforming)} conform, {Integer(failing)} non-conforming, {Integer(inconclusive)} inconclusive, " +
            $"{Integer(notRun)} could not run ({implementation}; {settings})");
        foreach (var result in run.Results.Where(r => r.Verdict is ScenarioVerdict.NonConforming or ScenarioVerdict.CouldNotRun))
        {
            text.AppendLine();
            text.AppendLine($"{result.Name}: {Show(result.Verdict)}");
            foreach (string line in result.Evidence) text.AppendLine("  " + line);
        }
        return text.ToString();
    }

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
