using System.Globalization;
using System.Text;
using System.Xml.Linq;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Charts;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// junit.xml in the common Ant/Jenkins shape (testsuites › testsuite › testcase), so a CI dashboard lists the
/// claims as tests: one test case per claim, class name = the paper prefix of its id. A fail becomes a
/// &lt;failure&gt; whose text is the evidence and whose message is the measured-versus-predicted sentence
/// (<see cref="SummaryText.Sentence"/>; for a validation, the diagnosis); an inconclusive claim becomes &lt;skipped&gt; with the reason (what
/// was measured, what it was compared with, the margin); a claim the run did not finish is &lt;skipped&gt; too. The
/// time and timestamp attributes come from the report's environment block (like the header's date); all else is a
/// pure function of the document.
/// </summary>
public static class JUnitReportWriter
{
    /// <summary>The XML text (UTF-8 declaration, LF line ends, trailing newline).</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        RunInfo run = document.Run;
        int tests = document.Claims.Count + run.NotFinished.Count;
        int failures = document.Claims.Count(c => c.Verdict == "fail");
        int skipped = tests - failures - document.Claims.Count(c => c.Verdict == "pass");
        string time = Seconds(document.Environment.WallSeconds.Values.Sum());
        string name = $"LocalSgdVerify {run.Kind} ({run.Profile}, seed {ReportText.Seed(run.MasterSeed)})";

        var suite = new XElement("testsuite",
            new XAttribute("name", name),
            new XAttribute("tests", tests),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            new XAttribute("time", time));
        if (Timestamp(document.Environment.Date) is { } timestamp) suite.Add(new XAttribute("timestamp", timestamp));
        suite.Add(new XElement("properties",
            Property("suite.version", document.Suite.Version),
            Property("report.schema_version", document.SchemaVersion),
            Property("profile", run.Profile),
            Property("master_seed", ReportText.Seed(run.MasterSeed)),
            Property("alpha", ReportText.Number(run.Alpha)),
            Property("alpha_per_assertion", ReportText.Number(run.AlphaPerAssertion)),
            Property("complete", run.Complete ? "true" : "false"),
            Property("not_finished", string.Join(",", run.NotFinished))));
        foreach (ClaimReport claim in document.Claims) suite.Add(TestCase(claim, document.Environment, run.Kind));
        foreach (string id in run.NotFinished)
        {
            suite.Add(new XElement("testcase",
                new XAttribute("name", id), new XAttribute("classname", ClassName(id)), new XAttribute("time", Seconds(0)),
                new XElement("skipped", new XAttribute("message", "not finished: the run stopped before this claim finished"))));
        }
        if (!run.Complete) suite.Add(new XElement("system-out", ReportText.IncompleteNotice(run)));

        var root = new XElement("testsuites",
            new XAttribute("name", "LocalSgdVerify"),
            new XAttribute("tests", tests),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            new XAttribute("time", time),
            suite);
        return Serialise(root);
    }

    /// <summary>The test-case class name: the paper prefix of a claim id (<c>spiridonoff</c> for <c>spiridonoff.S2</c>).</summary>
    public static string ClassName(string claimId)
    {
        int dot = claimId.IndexOf('.');
        return "localsgd." + (dot > 0 ? claimId[..dot] : claimId);
    }

    /// <summary>The evidence text of a claim: headline, every assertion with its interval and method, the evidence lines.</summary>
    public static string EvidenceText(ClaimReport claim)
    {
        var text = new StringBuilder();
        text.Append($"{claim.Id}: {claim.Title}\n");
        text.Append($"Statement: {claim.Statement}\n");
        text.Append($"Measured {claim.Measured.Name}: {ReportText.Quantity(claim.Measured)}; predicted {ReportText.Prediction(claim.Predicted)}; margin {ReportText.Margin(claim.Margin)}\n");
        foreach (AssertionResult assertion in claim.Assertions)
        {
            text.Append($"- [{ReportText.VerdictWord(VerdictText.Name(assertion.Verdict))}] {assertion.Name}: measured {ReportText.Quantity(assertion.Measured)}, predicted {ReportText.Prediction(assertion.Predicted)}, margin {ReportText.Margin(assertion.Margin)}; {assertion.Method}");
            if (assertion.Alpha is { } alpha) text.Append($"; α = {ReportText.Number(alpha)}");
            if (assertion.DetectableDiscrepancy is { } detectable) text.Append($"; detectable discrepancy {ReportText.Number(detectable)}");
            if (!assertion.ReplicatesNeeded.IsExact()) text.Append($"; replicates needed {ReportText.ReplicatesNeededLong(assertion.ReplicatesNeeded)}");
            if (!string.IsNullOrWhiteSpace(assertion.Note)) text.Append($" ({assertion.Note})");
            text.Append('\n');
        }
        text.Append($"Replicates used: {ReportText.ReplicatesUsedLong(claim)}\n");
        text.Append($"Replicates needed: {ReportText.ReplicatesNeededLong(claim.ReplicatesNeeded)}\n");
        if (claim.Exploration is { } exploration)
        {
            text.Append($"Exploration: {ExplorationText.Summary(exploration)}\n");
            foreach (var row in ExplorationText.Rows(claim, ScenarioFiles.ForClaim(claim))) text.Append($"- {ExplorationText.Line(row)}\n");
        }
        foreach (string line in claim.Evidence) text.Append($"Evidence: {line}\n");
        text.Append($"Source: {claim.Source}\n");
        return text.ToString();
    }

    private static XElement TestCase(ClaimReport claim, RunEnvironment environment, string runKind)
    {
        double seconds = environment.WallSeconds.TryGetValue(claim.Id, out double wall) ? wall : 0;
        var testCase = new XElement("testcase",
            new XAttribute("name", claim.Id),
            new XAttribute("classname", ClassName(claim.Id)),
            new XAttribute("time", Seconds(seconds)));
        string headline = $"measured {ReportText.Quantity(claim.Measured)}, predicted {ReportText.Prediction(claim.Predicted)}, margin {SummaryText.Margin(claim)}";
        switch (claim.Verdict)
        {
            case "fail":
                // A validation's first evidence line is its diagnosis (what is wrong with the implementation).
                string message = runKind == "validate" && claim.Evidence.Count > 0 ? claim.Evidence[0] : $"{claim.Title}. {SummaryText.Sentence(claim)}";
                testCase.Add(new XElement("failure",
                    new XAttribute("message", message),
                    new XAttribute("type", "ClaimFailed"),
                    EvidenceText(claim)));
                break;
            case "pass":
                testCase.Add(new XElement("system-out", EvidenceText(claim)));
                break;
            default:
                var undecided = claim.Assertions.Where(a => a.Verdict != Checks.Statistics.Verdict.Pass).Select(a => a.Name).ToList();
                string reason = undecided.Count > 0 ? $"; undecided: {string.Join("; ", undecided)}" : "";
                testCase.Add(new XElement("skipped",
                    new XAttribute("message", $"inconclusive: the interval straddles the prediction's boundary ({headline}){reason}")),
                    new XElement("system-out", EvidenceText(claim)));
                break;
        }
        return testCase;
    }

    // The JUnit schema's timestamp is yyyy-MM-ddTHH:mm:ss without a zone; the report's date is UTC ("...Z").
    private static string? Timestamp(string date) =>
        DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
            ? parsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : null;

    private static void MakeSafe(XElement root)
    {
        foreach (XElement element in root.DescendantsAndSelf())
        {
            foreach (XAttribute attribute in element.Attributes()) attribute.Value = XmlOutput.Safe(attribute.Value);
            foreach (XText text in element.Nodes().OfType<XText>()) text.Value = XmlOutput.Safe(text.Value);
        }
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static string Seconds(double seconds) => (double.IsFinite(seconds) && seconds > 0 ? seconds : 0).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Serialise(XElement root)
    {
        var copy = new XElement(root);
        MakeSafe(copy);
        return XmlOutput.AppendIndented(new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), copy).ToString();
    }
}
