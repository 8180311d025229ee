using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.Tests.Cli;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>
/// What a reader sees first: summary rows that say what was measured, tolerances of exact claims shown as tolerances,
/// the cannot-discriminate flag, the compact job summary, and the data behind every figure as CSV.
/// </summary>
public sealed class SummaryAndFigureDataTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AnExactClaimShowsItsToleranceAsATolerance()
    {
        ClaimReport exact = SyntheticReports.Claim("identities.x", "pass", []) with
        {
            Kind = "exact",
            Measured = new Quantity("max relative path gap", 1.2e-15),
            Predicted = new Prediction("0 up to round-off, tolerance 1e-12", 0, 0, 1e-12),
            Margin = 1e-12 - 1.2e-15,
        };
        Assert.Equal(1e-12, SummaryText.Tolerance(exact));
        Assert.Equal("within tolerance 1e-12", SummaryText.Margin(exact));
        Assert.Equal("outside tolerance 1e-12", SummaryText.Margin(exact with { Measured = exact.Measured with { Value = 2e-12 }, Margin = -1e-12 }));
        Assert.Equal("exact match", SummaryText.Margin(exact with { Predicted = new Prediction("0 (bit for bit)", 0, 0, 0), Margin = 0 }));
        // A statistical claim, or an exact one judged against a bound rather than a value, keeps its signed margin.
        Assert.Equal(ReportText.Margin(exact.Margin), SummaryText.Margin(exact with { Kind = "statistical" }));
        Assert.StartsWith("+9.9", SummaryText.Margin(exact with { Kind = "statistical" }));
        Assert.Null(SummaryText.Tolerance(exact with { Predicted = new Prediction("≤ 1", null, null, 1) }));
        Assert.Null(SummaryText.Tolerance(exact with { Kind = "scaling" }));
        string row = MarkdownReportWriter.Write(SyntheticReports.Document([exact])).Split('\n').Single(line => line.StartsWith("| `identities.x`", StringComparison.Ordinal));
        Assert.Contains("| max relative path gap: 1.2e-15 | 0 up to round-off, tolerance 1e-12 | within tolerance 1e-12 |", row);
    }

    [Fact]
    public void AClaimThatCannotDiscriminateIsFlaggedInEveryFormat()
    {
        ClaimReport flagged = SyntheticReports.Claim("a.weak", "pass", []) with { CannotDiscriminate = "the accepted band contains the alternative slope 0" };
        ReportDocument document = SyntheticReports.Document([flagged, SyntheticReports.Claim("a.strong", "pass", [])]);
        const string flag = "⚑ cannot discriminate: the accepted band contains the alternative slope 0";
        string markdown = MarkdownReportWriter.Write(document);
        Assert.Contains($"✅ PASS<br>{flag}", markdown.Split('\n').Single(line => line.StartsWith("| `a.weak`", StringComparison.Ordinal)));
        Assert.DoesNotContain("⚑", markdown.Split('\n').Single(line => line.StartsWith("| `a.strong`", StringComparison.Ordinal)));
        Assert.Contains(flag, HtmlReportWriter.Write(document));
        Assert.Contains(flag, JobSummaryWriter.Write(document));
        // The flag travels through report.json.
        Assert.Equal(flagged.CannotDiscriminate, ReportJson.Read(ReportJson.Write(document), "round trip").Claims[0].CannotDiscriminate);
    }

    [Fact]
    public void TheJobSummaryOfTheReferenceReportIsCompactWithoutImagesAndNamesEveryClaimAndQuantity()
    {
        ReportDocument reference = ReportJson.ReadFile(RepositoryPaths.Of("reports", "reference", "report.json"));
        string summary = ReportRenderer.Render(reference, ReportFormat.Summary);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(summary) < 20 * 1024, $"summary.md is {summary.Length} characters; a job summary should stay under 20 KB");
        Assert.DoesNotContain("![", summary);
        Assert.DoesNotContain("<img", summary);
        Assert.DoesNotContain("<svg", summary);
        foreach (ClaimReport claim in reference.Claims)
        {
            string row = summary.Split('\n').Single(line => line.StartsWith($"| {MarkdownText.Code(claim.Id)} ", StringComparison.Ordinal));
            Assert.Contains(MarkdownText.Escape(claim.Title), row);
            Assert.Contains(MarkdownText.Escape(claim.Measured.Name), row);
            Assert.DoesNotContain("at level", row);
        }
    }

    [Fact]
    public void TheJobSummaryExplainsEveryClaimThatDidNotPass()
    {
        ReportDocument document = SyntheticReports.Mixed();
        string summary = JobSummaryWriter.Write(document);
        foreach (ClaimReport claim in document.Claims.Where(c => c.Verdict != "pass"))
            Assert.Contains($"{MarkdownText.Code(claim.Id)}: {MarkdownText.Escape(SummaryText.Sentence(claim))}", summary);
        Assert.DoesNotContain($"{MarkdownText.Code("spiridonoff.S1")}: Measured", summary);
        // The sentence of a failed claim names the measured quantity, the prediction and the failing assertion.
        string sentence = SummaryText.Sentence(document.Claims.Single(c => c.Id == "spiridonoff.S2"));
        Assert.StartsWith("Measured slope = -0.98 [-1.02, -0.94] at level 1 − 2.5e-6; predicted -1; margin -0.5.", sentence);
        Assert.Contains("First assertion not passed (FAIL): spiridonoff.S2 slope", sentence);
    }

    [Fact]
    public void EveryFigureHasItsDataAsCsvBesideItsSvgWithOneRecordPerPoint()
    {
        ReportDocument document = SyntheticReports.Mixed();
        var files = ReportRenderer.RenderPlots(document).ToDictionary(f => f.Key, f => f.Value);
        foreach (PlotFile plot in PlotFiles.For(document))
        {
            string csv = files[PlotFiles.CsvPath(plot)];
            string[] lines = csv.TrimEnd('\n').Split('\n');
            Assert.StartsWith("# ", lines[0]);
            Assert.Equal(plot.Figure.Series.Sum(s => s.Y.Count), lines.Length - 2);
            // Every y value reads back exactly, in order.
            var ys = lines.Skip(2).Select(line => double.Parse(SplitRecord(line)[2], CultureInfo.InvariantCulture));
            Assert.Equal(plot.Figure.Series.SelectMany(s => s.Y), ys);
        }
        string errors = files["plots/spiridonoff.s1-error-vs-t.csv"];
        Assert.Contains("\"series\",\"T (steps)\",\"E F(x̄_T) − F*\",\"low\",\"high\"\n", errors);
        Assert.Contains("\"every-step\",10,0.1,0.09,0.11\n", errors);
        Assert.Contains("\"one-shot\",10,0.2,,\n", errors);
    }

    [Fact]
    public void AnUnmarkedReportFolderWithPlotDataIsAdopted()
    {
        string target = folder.NewPath("old");
        Directory.CreateDirectory(Path.Combine(target, "plots"));
        File.WriteAllText(Path.Combine(target, "report.json"), ReportJson.Write(SyntheticReports.Mixed()));
        File.WriteAllText(Path.Combine(target, "summary.md"), "old summary");
        File.WriteAllText(Path.Combine(target, "plots", "a.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(target, "plots", "a.csv"), "x,y\n");
        Assert.True(ReportFolderOwnership.IsOwned(Path.GetFullPath(target)));
        File.WriteAllText(Path.Combine(target, "plots", "notes.txt"), "mine");
        Assert.False(ReportFolderOwnership.IsOwned(Path.GetFullPath(target)));
    }

    [Fact]
    public void AnUnmarkedReportFolderWithReplayScenariosIsAdoptedButNotWithAUsersFileAmongThem()
    {
        // A report folder of an earlier version holds the searches' witness and counterexample scenarios too.
        string target = folder.NewPath("replays");
        Directory.CreateDirectory(Path.Combine(target, "witnesses"));
        Directory.CreateDirectory(Path.Combine(target, "counterexamples"));
        File.WriteAllText(Path.Combine(target, "report.json"), ReportJson.Write(SyntheticReports.Mixed()));
        File.WriteAllText(Path.Combine(target, "witnesses", "spiridonoff.S2.json"), "{}");
        File.WriteAllText(Path.Combine(target, "counterexamples", "stich.linear-speedup.json"), "{}");
        Assert.True(ReportFolderOwnership.IsOwned(Path.GetFullPath(target)));
        File.WriteAllText(Path.Combine(target, "witnesses", "my-notes.md"), "mine");
        Assert.False(ReportFolderOwnership.IsOwned(Path.GetFullPath(target)));
    }

    // The fields of one CSV record: quoted fields may hold commas.
    private static List<string> SplitRecord(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
