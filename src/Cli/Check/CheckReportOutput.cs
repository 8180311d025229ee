using System.Diagnostics;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Cli.Check;

/// <summary>
/// What <c>check</c> and <c>merge</c> do with a finished run: the report document with the command's wall time in its
/// environment block, the table (or report.json) on stdout (verdicts coloured when <see cref="ConsoleStyle"/> says so), the report
/// folder in --out, one summary line with the wall time, and the exit code of the verdicts.
/// </summary>
public static class CheckReportOutput
{
    /// <summary>Prints and writes the report; returns an exit code only when the folder could not be written.</summary>
    public static int? Write(CheckRun run, IReadOnlyList<IClaim> claims, string format, string? folder, Stopwatch clock, TextWriter output, TextWriter error, ConsoleStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(output);
        var profile = run.Options.Profile;
        var document = ReportDocumentBuilder.FromCheckRun(run, claims, DateTimeOffset.UtcNow, ReportDocumentBuilder.DescribeMachine());
        // The environment block (never part of the deterministic body) records the command's wall time so far and the budget.
        document = document with
        {
            Environment = document.Environment with { TotalWallSeconds = clock.Elapsed.TotalSeconds, WallBudgetSeconds = WallTimeBudget.For(profile) },
        };
        output.Write(format == "json" ? ReportJson.Write(document) : CheckTableWriter.Body(document, style?.OutputVerdicts));
        if (folder is not null && !ReportFolderOutput.TryWrite(document, folder, error)) return ExitCodes.BadInput;
        if (format == "json") return null;

        // Last line of the table, one summary: the verdict counts and the whole command's wall time, report writing
        // included, against the profile's budget.
        double seconds = clock.Elapsed.TotalSeconds;
        if (CheckWallTime.OverBudgetNote(profile, seconds) is string note) output.WriteLine(note);
        output.WriteLine(CheckTableWriter.SummaryLine(document, CheckWallTime.Describe(profile, seconds)));
        return null;
    }

    /// <summary>1 when a claim failed (or, with <paramref name="strict"/>, was inconclusive or not finished), else 0.</summary>
    public static int ExitCode(CheckRun run, bool strict)
    {
        ArgumentNullException.ThrowIfNull(run);
        bool failed = run.Results.Any(result => result.Verdict == Verdict.Fail)
            || (strict && (run.Incomplete || run.Results.Any(result => result.Verdict == Verdict.Inconclusive)));
        return failed ? ExitCodes.Finding : ExitCodes.Success;
    }
}
