using System.Text;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// summary.md: the compact Markdown a CI job summary shows (GitHub's <c>$GITHUB_STEP_SUMMARY</c> takes at most 1 MiB
/// and renders no local images; GitLab shows it as an artifact). The outcome and counts, one line of run facts, the
/// summary table (claim and title, verdict, measured quantity by name, predicted, margin or tolerance) with the
/// intervals' level stated once, then for each claim that did not pass its measured-versus-predicted sentence. No
/// plots, no per-assertion tables: those are in report.md and report.html. A pure function of the document.
/// </summary>
public static class JobSummaryWriter
{
    /// <summary>The Markdown text (LF line ends, trailing newline).</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        RunInfo run = document.Run;
        string outcome = ReportText.Outcome(document);
        var md = new StringBuilder();
        md.Append($"## LocalSgdVerify {MarkdownText.Escape(run.Kind)}: {ReportText.VerdictSymbol(Verdict(outcome))} {outcome}\n\n");
        if (!run.Complete) md.Append($"> ⏸️ **{MarkdownText.Escape(ReportText.IncompleteNotice(run))}**\n\n");
        md.Append($"**{MarkdownText.Escape(ReportText.Counts(document))}** · profile {MarkdownText.Code(run.Profile)} · master seed {MarkdownText.Code(ReportText.Seed(run.MasterSeed))} · ")
          .Append($"α {MarkdownText.Escape(ReportText.AlphaBudget(run))} · {MarkdownText.Escape(document.Environment.Date)}\n\n");

        var rows = document.Claims.Select(claim => (IReadOnlyList<string>)
        [
            MarkdownReportWriter.ClaimCell(claim),
            MarkdownReportWriter.VerdictCell(claim),
            MarkdownText.Escape(SummaryText.Measured(claim.Measured)),
            MarkdownText.Escape(ReportText.Prediction(claim.Predicted)),
            MarkdownText.Escape(SummaryText.Margin(claim)),
        ]).Concat(run.NotFinished.Select(id => (IReadOnlyList<string>)
            [MarkdownText.Code(id), $"{ReportText.VerdictSymbol(ReportText.NotFinishedVerdict)} {ReportText.VerdictWord(ReportText.NotFinishedVerdict)}", "—", "—", "—"]));
        md.Append(MarkdownText.Table(["Claim", "Verdict", "Measured", "Predicted", "Margin"], rows)).Append('\n');
        if (SummaryText.IntervalLevels(document) is { } levels) md.Append(MarkdownText.Escape(levels)).Append("\n\n");

        var notPassed = document.Claims.Where(c => c.Verdict != "pass").ToList();
        if (notPassed.Count > 0)
        {
            md.Append("### Not passed\n\n");
            foreach (ClaimReport claim in notPassed)
            {
                // A validation's first evidence line is its diagnosis, which says more than the numbers.
                string why = run.Kind == "validate" && claim.Evidence.Count > 0 ? claim.Evidence[0] : SummaryText.Sentence(claim);
                md.Append($"- {ReportText.VerdictSymbol(claim.Verdict)} {MarkdownText.Code(claim.Id)}: {MarkdownText.Escape(why)}\n");
            }
            md.Append('\n');
        }
        md.Append("The full report (every assertion, plots and their data) is `report.html` and `report.md` in the report folder.\n");
        return md.ToString();
    }

    private static string Verdict(string outcome) => outcome switch
    {
        "FAIL" => "fail",
        "PASS" => "pass",
        "INCOMPLETE" => ReportText.NotFinishedVerdict,
        _ => "inconclusive",
    };
}
