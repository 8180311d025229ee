using System.Text;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// report.md: GitHub-flavoured Markdown for a CI job summary. A header (suite version, profile, master seed, α budget,
/// date, machine), a summary table (claim and title, verdict, measured quantity by name, predicted, margin or tolerance) with the
/// intervals' level stated once under it, then one section per claim:
/// statement, source, assumptions, experiment design, evidence (every assertion with its interval, method, α share
/// and detectable discrepancy) and its plots. Plots are linked as relative plots/*.svg paths and also described in
/// words (with their data when small), because a job summary cannot show local files. A pure function of the
/// document: the same document gives the same bytes.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>The Markdown text (LF line ends, trailing newline).</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var plots = PlotFiles.For(document);
        var scenarios = ScenarioFiles.For(document);
        var md = new StringBuilder();
        md.Append($"# LocalSgdVerify bound-check report: {ReportText.VerdictSymbol(OutcomeVerdict(document))} {ReportText.Outcome(document)}\n\n");
        if (!document.Run.Complete)
            md.Append($"> ⏸️ **{MarkdownText.Escape(ReportText.IncompleteNotice(document.Run))}**\n\n");
        md.Append($"**{MarkdownText.Escape(ReportText.Counts(document))}**\n\n");
        md.Append(MarkdownText.Table(["Run", "Value"], HeaderRows(document))).Append('\n');

        md.Append("## Summary\n\n");
        md.Append(MarkdownText.Table(["Claim", "Verdict", "Measured", "Predicted", "Margin", "Replicates used", "Replicates needed"], SummaryRows(document))).Append('\n');
        if (SummaryText.IntervalLevels(document) is { } levels) md.Append(MarkdownText.Escape(levels)).Append("\n\n");

        md.Append("## Claims\n\n");
        if (document.Claims.Count == 0) md.Append("No claim finished.\n\n");
        foreach (ClaimReport claim in document.Claims)
            AppendClaim(md, claim, plots.Where(p => ReferenceEquals(p.Claim, claim)).ToList(), scenarios);
        if (document.Run.NotFinished.Count > 0)
        {
            md.Append("## Not finished\n\n");
            foreach (string id in document.Run.NotFinished) md.Append($"- {MarkdownText.Code(id)}: the run stopped before this claim finished.\n");
            md.Append('\n');
        }
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static string OutcomeVerdict(ReportDocument document) => ReportText.Outcome(document) switch
    {
        "FAIL" => "fail",
        "PASS" => "pass",
        "INCOMPLETE" => ReportText.NotFinishedVerdict,
        _ => "inconclusive",
    };

    private static IEnumerable<IReadOnlyList<string>> HeaderRows(ReportDocument document)
    {
        RunInfo run = document.Run;
        yield return ["Suite", MarkdownText.Escape($"{document.Suite.Name} {document.Suite.Version} (report schema {document.SchemaVersion})")];
        yield return ["Command", MarkdownText.Code(run.Kind)];
        yield return ["Profile", MarkdownText.Code(run.Profile)];
        yield return ["Master seed", MarkdownText.Code(ReportText.Seed(run.MasterSeed))];
        yield return ["α budget", MarkdownText.Escape(ReportText.AlphaBudget(run))];
        yield return ["Complete", MarkdownText.Escape(ReportText.Completeness(run))];
        yield return ["Date", MarkdownText.Escape(document.Environment.Date)];
        yield return ["Machine", MarkdownText.Escape(ReportText.Machine(document.Environment))];
    }

    private static IEnumerable<IReadOnlyList<string>> SummaryRows(ReportDocument document)
    {
        foreach (ClaimReport claim in document.Claims)
        {
            yield return
            [
                ClaimCell(claim),
                VerdictCell(claim),
                MarkdownText.Escape(SummaryText.Measured(claim.Measured)),
                MarkdownText.Escape(ReportText.Prediction(claim.Predicted)),
                MarkdownText.Escape(SummaryText.Margin(claim)),
                MarkdownText.Escape(ReportText.ReplicatesUsedShort(claim)),
                MarkdownText.Escape(ReportText.ReplicatesNeededShort(claim.ReplicatesNeeded)),
            ];
        }
        foreach (string id in document.Run.NotFinished)
            yield return [MarkdownText.Code(id), $"{ReportText.VerdictSymbol(ReportText.NotFinishedVerdict)} {ReportText.VerdictWord(ReportText.NotFinishedVerdict)}", "—", "—", "—", "—", "—"];
    }

    /// <summary>The claim cell of a summary row: the id in code, then the title.</summary>
    internal static string ClaimCell(ClaimReport claim) =>
        string.IsNullOrWhiteSpace(claim.Title) ? MarkdownText.Code(claim.Id) : $"{MarkdownText.Code(claim.Id)} {MarkdownText.Escape(claim.Title)}";

    /// <summary>The verdict cell of a summary row, with the cannot-discriminate flag when the claim declares it.</summary>
    internal static string VerdictCell(ClaimReport claim) =>
        $"{ReportText.VerdictSymbol(claim.Verdict)} {ReportText.VerdictWord(claim.Verdict)}" +
        (SummaryText.DiscriminationFlag(claim) is { } flag ? $"<br>{MarkdownText.Escape(flag)}" : "");

    private static void AppendClaim(StringBuilder md, ClaimReport claim, IReadOnlyList<PlotFile> plots, IReadOnlyList<ScenarioFile> scenarios)
    {
        md.Append($"### {ReportText.VerdictSymbol(claim.Verdict)} {ReportText.VerdictWord(claim.Verdict)} · {MarkdownText.Code(claim.Id)}: {MarkdownText.Escape(claim.Title)}\n\n");
        md.Append($"**Source:** {MarkdownText.Escape(claim.Source)} · **Kind:** {MarkdownText.Escape(claim.Kind)}\n\n");
        md.Append($"**Statement.** {MarkdownText.Escape(claim.Statement)}\n\n");
        md.Append($"**Measured** {MarkdownText.Escape(claim.Measured.Name)}: {MarkdownText.Escape(ReportText.Quantity(claim.Measured))} · **predicted** {MarkdownText.Escape(ReportText.Prediction(claim.Predicted))} · **margin** {MarkdownText.Escape(SummaryText.Margin(claim))}\n\n");
        if (SummaryText.DiscriminationFlag(claim) is { } flag) md.Append($"> **{MarkdownText.Escape(flag)}**\n\n");

        md.Append("**Assumptions.**\n\n");
        if (claim.Assumptions.Count == 0) md.Append("- (none stated)\n");
        foreach (string assumption in claim.Assumptions) md.Append($"- {MarkdownText.Escape(assumption)}\n");
        md.Append('\n');

        md.Append("**Experiment design.**\n\n");
        md.Append(MarkdownText.Table(["Design", "Value"], ReportText.DesignRows(claim).Select(row => (IReadOnlyList<string>)[MarkdownText.Escape(row.Name), MarkdownText.Escape(row.Value)]))).Append('\n');

        md.Append("**Evidence.**\n\n");
        foreach (string line in claim.Evidence) md.Append($"- {MarkdownText.Escape(line)}\n");
        if (claim.Evidence.Count > 0) md.Append('\n');
        if (claim.Assertions.Count > 0)
        {
            md.Append(MarkdownText.Table(["Assertion", "Verdict", "Measured", "Predicted", "Margin", "Method", "α", "Detectable discrepancy", "Replicates needed"],
                claim.Assertions.Select(assertion => AssertionRow(claim, assertion)))).Append('\n');
            var notes = claim.Assertions.Where(a => !string.IsNullOrWhiteSpace(a.Note)).ToList();
            foreach (AssertionResult assertion in notes) md.Append($"- *{MarkdownText.Escape(assertion.Name)}:* {MarkdownText.Escape(assertion.Note!)}\n");
            if (notes.Count > 0) md.Append('\n');
            var uncovered = UncoveredReasons(claim.Assertions);
            foreach (var (name, reason) in uncovered) md.Append($"- *{MarkdownText.Escape(name)}:* replicates needed {MarkdownText.Escape(reason)}\n");
            if (uncovered.Count > 0) md.Append('\n');
        }

        if (claim.Exploration is { } exploration)
        {
            md.Append("**Exploration.** ").Append(MarkdownText.Escape(ExplorationText.Summary(exploration))).Append("\n\n");
            md.Append(MarkdownText.Table(["Case", "Configuration", "Quantity", "Measured", "Bound", "Ratio", "Verdict", "Replay"],
                ExplorationText.Rows(claim, scenarios).Select(row => (IReadOnlyList<string>)[MarkdownText.Escape(row.Role), MarkdownText.Escape(row.Configuration),
                    MarkdownText.Escape(row.Quantity), row.Measured, row.Bound, row.Ratio, row.Verdict, MarkdownText.Escape(row.Replay)]))).Append('\n');
        }

        if (plots.Count > 0)
        {
            md.Append("**Plots.**\n\n");
            foreach (PlotFile plot in plots) AppendPlot(md, plot);
        }
    }

    private static IReadOnlyList<string> AssertionRow(ClaimReport claim, AssertionResult assertion) =>
    [
        MarkdownText.Escape(assertion.Name),
        $"{ReportText.VerdictSymbol(VerdictText.Name(assertion.Verdict))} {ReportText.VerdictWord(VerdictText.Name(assertion.Verdict))}",
        MarkdownText.Escape(ReportText.Quantity(assertion.Measured)),
        MarkdownText.Escape(ReportText.Prediction(assertion.Predicted)),
        MarkdownText.Escape(SummaryText.Margin(claim, assertion)),
        MarkdownText.Escape(assertion.Method),
        assertion.Alpha is { } alpha ? MarkdownText.Escape(ReportText.Number(alpha)) : "—",
        assertion.DetectableDiscrepancy is { } detectable ? MarkdownText.Escape(ReportText.Number(detectable)) : "—",
        MarkdownText.Escape(ReportText.ReplicatesNeededShort(assertion.ReplicatesNeeded)),
    ];

    // Assertions with an interval whose replicates needed is not applicable: the reason, listed under the table.
    private static IReadOnlyList<(string Name, string Reason)> UncoveredReasons(IEnumerable<AssertionResult> assertions) =>
        assertions.Select(a => (a.Name, Needed: a.ReplicatesNeeded)).Where(x => x.Needed.Fraction is null && !x.Needed.IsExact())
            .Select(x => (x.Name, ReportText.ReplicatesNeededLong(x.Needed))).ToList();

    private static void AppendPlot(StringBuilder md, PlotFile plot)
    {
        Figure figure = plot.Figure;
        string? problem = FigureCharts.Problem(figure);
        if (problem is null)
            md.Append($"![{MarkdownText.Escape(figure.Title)}]({plot.RelativePath})\n\n");
        md.Append($"*{MarkdownText.Escape(figure.Title)}* ({MarkdownText.Code(plot.RelativePath)}, data: [{MarkdownText.Escape(PlotFiles.CsvPath(plot))}]({PlotFiles.CsvPath(plot)})). {MarkdownText.Escape(FigureDescription.Summary(figure))}\n\n");
        if (problem is not null) md.Append($"> The figure could not be drawn: {MarkdownText.Escape(problem)}\n\n");
        var rows = FigureDescription.DataRows(figure);
        if (rows is null || rows.Count == 0) return;
        md.Append("<details><summary>Data of this figure</summary>\n\n");
        md.Append(MarkdownText.Table(["Series", MarkdownText.Escape(figure.X.Label), MarkdownText.Escape(figure.Y.Label), "Interval"],
            rows.Select(row => (IReadOnlyList<string>)[MarkdownText.Escape(row.Series), row.X, row.Y, row.Interval])));
        md.Append("\n</details>\n\n");
    }
}
