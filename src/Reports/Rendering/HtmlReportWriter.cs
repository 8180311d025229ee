using System.Text;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Text;
using LocalSgdVerify.Reports.Charts;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// report.html: one self-contained page with the content of report.md (header, summary table, one section per
/// claim) and the plots inlined as SVG. CSS and script are inline (<see cref="HtmlReportAssets"/>) and nothing
/// refers to the network, so the page works offline. A verdict filter shows or hides summary rows and claim
/// sections. A pure function of the document.
/// </summary>
public static class HtmlReportWriter
{
    private static readonly string[] FilterVerdicts = ["pass", "fail", "inconclusive", ReportText.NotFinishedVerdict];

    /// <summary>The page (UTF-8 text, LF line ends, trailing newline).</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var plots = PlotFiles.For(document);
        var scenarios = ScenarioFiles.For(document);
        var anchors = ClaimAnchors(document);
        string outcome = ReportText.Outcome(document);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>LocalSgdVerify bound-check report: {outcome} ({Escape(document.Run.Profile)}, seed {ReportText.Seed(document.Run.MasterSeed)})</title>\n");
        html.Append("<style>\n").Append(HtmlReportAssets.Style).Append("\n</style>\n</head>\n");
        html.Append($"<body data-outcome=\"{outcome.ToLowerInvariant()}\">\n");

        html.Append("<header>\n");
        html.Append($"<h1>LocalSgdVerify bound-check report: {Badge(OutcomeVerdict(outcome), outcome)}</h1>\n");
        if (!document.Run.Complete)
            html.Append($"<p class=\"incomplete\" role=\"alert\" id=\"incomplete\">■ {Escape(ReportText.IncompleteNotice(document.Run))}</p>\n");
        html.Append($"<p class=\"counts\">{Escape(ReportText.Counts(document))}</p>\n");
        AppendRunTable(html, document);
        html.Append("</header>\n");

        AppendFilter(html, document);

        html.Append("<main>\n<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"table-scroll\">\n<table class=\"summary\">\n");
        html.Append("<thead><tr><th>Claim</th><th>Verdict</th><th>Measured</th><th>Predicted</th><th>Margin</th><th>Replicates used</th><th>Replicates needed</th></tr></thead>\n<tbody>\n");
        foreach (ClaimReport claim in document.Claims)
        {
            html.Append($"<tr data-verdict=\"{Escape(claim.Verdict)}\" data-claim=\"{Escape(claim.Id)}\"><td><a href=\"#{anchors[claim.Id]}\"><code>{Escape(claim.Id)}</code></a><br><span class=\"claim-title\">{Escape(claim.Title)}</span></td>");
            html.Append($"<td>{Badge(claim.Verdict)}{Flag(claim)}</td><td>{Escape(SummaryText.Measured(claim.Measured))}</td><td>{Escape(ReportText.Prediction(claim.Predicted))}</td><td class=\"{(SummaryText.Tolerance(claim) is null ? "number" : "margin")}\">{Escape(SummaryText.Margin(claim))}</td><td class=\"number\" title=\"{Escape(ReportText.ReplicatesUsedLong(claim))}\">{Escape(ReportText.ReplicatesUsedShort(claim))}</td><td class=\"number\" title=\"{Escape(ReportText.ReplicatesNeededLong(claim.ReplicatesNeeded))}\">{Escape(ReportText.ReplicatesNeededShort(claim.ReplicatesNeeded))}</td></tr>\n");
        }
        foreach (string id in document.Run.NotFinished)
            html.Append($"<tr data-verdict=\"{ReportText.NotFinishedVerdict}\" data-claim=\"{Escape(id)}\"><td><a href=\"#{anchors[id]}\"><code>{Escape(id)}</code></a></td><td>{Badge(ReportText.NotFinishedVerdict)}</td><td>—</td><td>—</td><td>—</td><td>—</td><td>—</td></tr>\n");
        html.Append("</tbody>\n</table>\n</div>\n");
        if (SummaryText.IntervalLevels(document) is { } levels) html.Append($"<p class=\"levels\">{Escape(levels)}</p>\n");
        html.Append("</section>\n");

        html.Append("<section id=\"claims\">\n<h2>Claims</h2>\n");
        if (document.Claims.Count == 0) html.Append("<p>No claim finished.</p>\n");
        foreach (ClaimReport claim in document.Claims)
            AppendClaim(html, claim, anchors[claim.Id], plots.Where(p => ReferenceEquals(p.Claim, claim)).ToList(), scenarios);
        foreach (string id in document.Run.NotFinished)
        {
            html.Append($"<section class=\"claim\" id=\"{anchors[id]}\" data-verdict=\"{ReportText.NotFinishedVerdict}\" data-claim=\"{Escape(id)}\">\n");
            html.Append($"<h3>{Badge(ReportText.NotFinishedVerdict)} <code>{Escape(id)}</code></h3>\n<p>The run stopped before this claim finished; it has no verdict.</p>\n</section>\n");
        }
        html.Append("</section>\n</main>\n");

        html.Append($"<footer>Written by {Escape(document.Suite.Name)} {Escape(document.Suite.Version)} from report.json (report schema {Escape(document.SchemaVersion)}). Self-contained: no external resources.</footer>\n");
        html.Append("<script>\n").Append(HtmlReportAssets.Script).Append("\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Escapes text for HTML element content and double-quoted attribute values; control characters HTML forbids become U+FFFD.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                < ' ' and not ('\t' or '\n' or '\r') => "\uFFFD",
                '\u007F' => "\uFFFD",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    /// <summary>The element id of each claim's section ("claim-" + sanitised id, made unique in document order).</summary>
    public static IReadOnlyDictionary<string, string> ClaimAnchors(ReportDocument document)
    {
        var anchors = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in document.Claims.Select(c => c.Id).Concat(document.Run.NotFinished))
        {
            if (anchors.ContainsKey(id)) continue;
            string stem = "claim-" + PlotFiles.Sanitise(id), anchor = stem;
            for (int suffix = 2; !used.Add(anchor); suffix++) anchor = stem + "-" + NumberText.Integer(suffix);
            anchors[id] = anchor;
        }
        return anchors;
    }

    private static string OutcomeVerdict(string outcome) => outcome switch
    {
        "FAIL" => "fail",
        "PASS" => "pass",
        "INCOMPLETE" => ReportText.NotFinishedVerdict,
        _ => "inconclusive",
    };

    // The cannot-discriminate flag under a verdict badge, or nothing.
    private static string Flag(ClaimReport claim) =>
        SummaryText.DiscriminationFlag(claim) is { } flag ? $"<br><span class=\"no-discrimination\">{Escape(flag)}</span>" : "";

    private static string Badge(string verdict, string? word = null) =>
        $"<span class=\"verdict verdict-{Escape(verdict)}\">{ReportText.VerdictMark(verdict)} {Escape(word ?? ReportText.VerdictWord(verdict))}</span>";

    private static void AppendRunTable(StringBuilder html, ReportDocument document)
    {
        RunInfo run = document.Run;
        (string, string)[] rows =
        [
            ("Suite", $"{document.Suite.Name} {document.Suite.Version} (report schema {document.SchemaVersion})"),
            ("Command", run.Kind),
            ("Profile", run.Profile),
            ("Master seed", ReportText.Seed(run.MasterSeed)),
            ("α budget", ReportText.AlphaBudget(run)),
            ("Complete", ReportText.Completeness(run)),
            ("Date", document.Environment.Date),
            ("Machine", ReportText.Machine(document.Environment)),
        ];
        html.Append("<table class=\"run\">\n<tbody>\n");
        foreach (var (name, value) in rows) html.Append($"<tr><th scope=\"row\">{Escape(name)}</th><td>{Escape(value)}</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendFilter(StringBuilder html, ReportDocument document)
    {
        html.Append("<nav class=\"filter\" id=\"verdict-filter\" aria-label=\"Filter claims by verdict\" hidden>\n<strong>Show:</strong>\n");
        foreach (string verdict in FilterVerdicts)
        {
            int count = verdict == ReportText.NotFinishedVerdict ? document.Run.NotFinished.Count : document.Claims.Count(c => c.Verdict == verdict);
            if (verdict == ReportText.NotFinishedVerdict && count == 0) continue;
            html.Append($"<label><input type=\"checkbox\" data-filter=\"{verdict}\" checked> {Badge(verdict)} ({NumberText.Integer(count)})</label>\n");
        }
        html.Append("<span class=\"shown\" id=\"shown-count\"></span>\n</nav>\n");
    }

    private static void AppendClaim(StringBuilder html, ClaimReport claim, string anchor, IReadOnlyList<PlotFile> plots, IReadOnlyList<ScenarioFile> scenarios)
    {
        html.Append($"<section class=\"claim\" id=\"{anchor}\" data-verdict=\"{Escape(claim.Verdict)}\" data-claim=\"{Escape(claim.Id)}\">\n");
        html.Append($"<h3>{Badge(claim.Verdict)} <code>{Escape(claim.Id)}</code> {Escape(claim.Title)}</h3>\n");
        html.Append($"<p class=\"meta\">Source: {Escape(claim.Source)} · Kind: {Escape(claim.Kind)}</p>\n");
        html.Append($"<p><strong>Statement.</strong> {Escape(claim.Statement)}</p>\n");
        html.Append($"<p class=\"headline\"><strong>Measured</strong> {Escape(claim.Measured.Name)}: {Escape(ReportText.Quantity(claim.Measured))} · <strong>predicted</strong> {Escape(ReportText.Prediction(claim.Predicted))} · <strong>margin</strong> {Escape(SummaryText.Margin(claim))}</p>\n");
        if (SummaryText.DiscriminationFlag(claim) is { } flag) html.Append($"<p class=\"no-discrimination\"><strong>{Escape(flag)}</strong></p>\n");

        html.Append("<h4>Assumptions</h4>\n<ul>\n");
        if (claim.Assumptions.Count == 0) html.Append("<li>(none stated)</li>\n");
        foreach (string assumption in claim.Assumptions) html.Append($"<li>{Escape(assumption)}</li>\n");
        html.Append("</ul>\n");

        html.Append("<h4>Experiment design</h4>\n<table class=\"design\">\n<tbody>\n");
        foreach (var (name, value) in ReportText.DesignRows(claim)) html.Append($"<tr><th scope=\"row\">{Escape(name)}</th><td>{Escape(value)}</td></tr>\n");
        html.Append("</tbody>\n</table>\n");

        html.Append("<h4>Evidence</h4>\n");
        if (claim.Evidence.Count > 0)
        {
            html.Append("<ul class=\"evidence\">\n");
            foreach (string line in claim.Evidence) html.Append($"<li>{Escape(line)}</li>\n");
            html.Append("</ul>\n");
        }
        if (claim.Assertions.Count > 0)
        {
            html.Append("<div class=\"table-scroll\">\n<table class=\"assertions\">\n<thead><tr><th>Assertion</th><th>Verdict</th><th>Measured</th><th>Predicted</th><th>Margin</th><th>Method</th><th>α</th><th>Detectable discrepancy</th><th>Replicates needed</th></tr></thead>\n<tbody>\n");
            foreach (AssertionResult assertion in claim.Assertions)
            {
                string note = string.IsNullOrWhiteSpace(assertion.Note) ? "" : $"<br><small>{Escape(assertion.Note)}</small>";
                html.Append($"<tr><td>{Escape(assertion.Name)}{note}</td><td>{Badge(VerdictText.Name(assertion.Verdict))}</td>");
                html.Append($"<td>{Escape(ReportText.Quantity(assertion.Measured))}</td><td>{Escape(ReportText.Prediction(assertion.Predicted))}</td><td class=\"number\">{Escape(SummaryText.Margin(claim, assertion))}</td>");
                html.Append($"<td>{Escape(assertion.Method)}</td><td class=\"number\">{(assertion.Alpha is { } alpha ? Escape(ReportText.Number(alpha)) : "—")}</td><td class=\"number\">{(assertion.DetectableDiscrepancy is { } detectable ? Escape(ReportText.Number(detectable)) : "—")}</td>");
                html.Append($"<td class=\"number\" title=\"{Escape(ReportText.ReplicatesNeededLong(assertion.ReplicatesNeeded))}\">{Escape(ReportText.ReplicatesNeededShort(assertion.ReplicatesNeeded))}</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n</div>\n");
        }

        if (claim.Exploration is { } exploration)
        {
            html.Append($"<h4>Exploration</h4>\n<p class=\"exploration\">{Escape(ExplorationText.Summary(exploration))}</p>\n");
            html.Append("<div class=\"table-scroll\">\n<table class=\"exploration\">\n<thead><tr><th>Case</th><th>Configuration</th><th>Quantity</th><th>Measured</th><th>Bound</th><th>Ratio</th><th>Verdict</th><th>Replay</th></tr></thead>\n<tbody>\n");
            foreach (var row in ExplorationText.Rows(claim, scenarios))
            {
                html.Append($"<tr data-case=\"{Escape(row.Role)}\"><td>{Escape(row.Role)}</td><td>{Escape(row.Configuration)}</td><td>{Escape(row.Quantity)}</td><td class=\"number\">{Escape(row.Measured)}</td>");
                html.Append($"<td class=\"number\">{Escape(row.Bound)}</td><td class=\"number\">{Escape(row.Ratio)}</td><td>{Badge(row.Verdict)}</td><td>{Escape(row.Replay)}</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n</div>\n");
        }

        if (plots.Count > 0)
        {
            html.Append("<h4>Plots</h4>\n<div class=\"plots\">\n");
            foreach (PlotFile plot in plots) AppendPlot(html, plot);
            html.Append("</div>\n");
        }
        html.Append("</section>\n");
    }

    private static void AppendPlot(StringBuilder html, PlotFile plot)
    {
        html.Append($"<figure class=\"plot\" id=\"{plot.ElementId}\" data-plot=\"{Escape(plot.RelativePath)}\">\n");
        var (svg, problem) = FigureCharts.TryRender(plot.Figure, ChartRenderOptions.ForHtml with { IdPrefix = plot.ElementId + "-svg" });
        if (svg is not null)
            html.Append(InlineSvg(svg));
        else
            html.Append($"<p class=\"plot-problem\">The figure could not be drawn: {Escape(problem!)}</p>\n");
        html.Append($"<figcaption><strong>{Escape(plot.Figure.Title)}</strong> {Escape(FigureDescription.Summary(plot.Figure))} <span class=\"plot-data\">Data: <a href=\"{Escape(PlotFiles.CsvPath(plot))}\">{Escape(PlotFiles.CsvPath(plot))}</a></span></figcaption>\n</figure>\n");
    }

    // Inside HTML the parser puts <svg> in the SVG namespace by itself; dropping the namespace declaration keeps the
    // page free of any URL.
    private static string InlineSvg(string svg)
    {
        const string Declaration = " xmlns=\"http://www.w3.org/2000/svg\"";
        int at = svg.IndexOf(Declaration, StringComparison.Ordinal);
        string inline = at >= 0 ? svg.Remove(at, Declaration.Length) : svg;
        return inline.EndsWith('\n') ? inline : inline + "\n";
    }
}
