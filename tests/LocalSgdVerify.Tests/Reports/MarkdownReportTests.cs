using System.Text.RegularExpressions;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>report.md: well-formed tables, one section per claim, escaped text, plot links that exist, the incomplete notice.</summary>
public partial class MarkdownReportTests
{
    [Fact]
    public void TablesAreWellFormedAndEveryClaimHasASummaryRowAndASection() =>
        Prop.ForAll(SyntheticReports.DocumentGen.ToArbitrary(), document =>
        {
            string markdown = MarkdownReportWriter.Write(document);
            var tables = MarkdownTables.Find(markdown); // throws on a malformed table
            var summary = tables.Single(t => t.Rows[0].SequenceEqual(["Claim", "Verdict", "Measured", "Predicted", "Margin", "Replicates used", "Replicates needed"]));
            var ids = document.Claims.Select(c => c.Id).Concat(document.Run.NotFinished).ToList();
            var titles = document.Claims.ToDictionary(c => c.Id, c => c.Title);
            Assert.Equal(ids.Select(id => titles.TryGetValue(id, out string? title) ? $"{MarkdownText.Code(id)} {MarkdownText.Escape(title)}".Trim() : MarkdownText.Code(id)),
                summary.Rows.Skip(1).Select(row => row[0]));
            foreach (var claim in document.Claims)
                Assert.Single(markdown.Split('\n'), line => line.StartsWith("### ", StringComparison.Ordinal) && line.Contains($"`{claim.Id}`", StringComparison.Ordinal));
            Assert.Equal(document.Claims.Count, markdown.Split('\n').Count(line => line.StartsWith("### ", StringComparison.Ordinal)));
        }).Verify(80);

    [Fact]
    public void HeaderNamesVersionProfileSeedBudgetDateAndMachine()
    {
        string markdown = MarkdownReportWriter.Write(SyntheticReports.Mixed());
        var header = MarkdownTables.Find(markdown)[0].Rows.ToDictionary(row => row[0], row => row[1]);
        Assert.Equal("LocalSgdVerify 0.1.0 (report schema 1)", header["Suite"]);
        Assert.Equal("`ci`", header["Profile"]);
        Assert.Equal("`42`", header["Master seed"]);
        // 8 statistical assertions (4 claims × 2) share α = 1e-4: 1.25e-5 each.
        Assert.Equal("1e-4 in total, Bonferroni-split over 8 statistical assertions (1.25e-5 each)", header["α budget"]);
        Assert.Equal("2026-11-21T09:30:00Z", header["Date"]);
        Assert.Equal("test machine, 2 cores, 2 threads, 3.75 s of claim time", header["Machine"]);
        Assert.StartsWith("# LocalSgdVerify bound-check report: ❌ FAIL\n", markdown);
        Assert.Contains("**5 claims: 2 pass, 2 fail, 1 inconclusive**", markdown);
    }

    [Fact]
    public void SummaryRowsNameTitleAndQuantityWithIntervalPredictionAndSignedMarginAndStateTheLevelOnce()
    {
        string markdown = MarkdownReportWriter.Write(SyntheticReports.Mixed());
        var summary = MarkdownTables.Find(markdown)[1].Rows;
        Assert.Equal(["`spiridonoff.S1` Claim spiridonoff.S1", "✅ PASS", "slope: -0.98 [-1.02, -0.94]", "-1", "+0.125", "256", "≈ 64 % of 256"], summary[1]);
        Assert.Equal(["`gu.uv-toy` Claim gu.uv-toy", "⚠️ INCONCLUSIVE", "slope: -0.98 [-1.02, -0.94]", "-1", "-∞", "256", "≈ 64 % of 256"], summary[3]);
        string summarySection = markdown[markdown.IndexOf("## Summary", StringComparison.Ordinal)..markdown.IndexOf("## Claims", StringComparison.Ordinal)];
        Assert.Single(Regex.Matches(summarySection, "at level"));
        Assert.Contains("Measured intervals are confidence intervals at level 1 − 2.5e-6", summarySection);
    }

    // The synthetic claims have two assertions: "slope" (prediction without a bound: not covered) and "level",
    // 3.5 [3.1, 3.9] against ≤ 4, so f = (0.4/0.5)² = 0.64 of the design's 256 replicates (⌈163.84⌉ = 164) and of its
    // 12,345 samples (⌈7900.8⌉ = 7,901). A failing claim is set by its failed assertions only; "slope" is not covered.
    [Fact]
    public void ReplicatesNeededShowsPerClaimInSummaryAndDesignAndPerAssertionWithReasons()
    {
        string markdown = MarkdownReportWriter.Write(SyntheticReports.Mixed());
        var tables = MarkdownTables.Find(markdown);
        Assert.Equal("n/a", tables[1].Rows[2][6]);
        var design = tables.First(t => t.Rows[0].SequenceEqual(["Design", "Value"])).Rows.ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("≈ 64 % of 256 replicates (≈ 164 replicates; ≈ 7,901 of 12,345 samples), set by: spiridonoff.S1 level; 1 assertion with an interval not covered (see its reason)", design["Replicates needed"]);
        var assertions = tables.First(t => t.Rows[0][0] == "Assertion");
        Assert.Equal("Replicates needed", assertions.Rows[0][^1]);
        Assert.Equal(["n/a", "≈ 64 %"], assertions.Rows.Skip(1).Select(r => r[^1]));
        Assert.Contains("- *spiridonoff.S1 slope:* replicates needed not applicable: the prediction has no bound", markdown.Split('\n'));
        var exact = tables.Where(t => t.Rows[0][0] == "Assertion").Single(t => t.Rows.Skip(1).Any(r => r[0] == "path value"));
        Assert.Equal("n/a (exact)", exact.Rows[1][^1]);
        Assert.Contains("not applicable: no assertion has a confidence interval (exact or deterministic)", markdown);
    }

    [Fact]
    public void SpecialCharactersStayLiteral()
    {
        string markdown = MarkdownReportWriter.Write(SyntheticReports.Mixed());
        Assert.DoesNotContain("<script>", markdown);
        Assert.Contains(@"Awkward a \| b \*not bold\* \_x\_ \<script\>alert('x')\</script\> \& ""q"" \`c\` [link\](\#) \# 5 \< 7 \> 3", markdown);
    }

    [Fact]
    public void IncompleteRunsSaySoFirstAndListWhatIsMissing()
    {
        string markdown = MarkdownReportWriter.Write(SyntheticReports.Incomplete());
        string[] lines = markdown.Split('\n');
        Assert.Equal("# LocalSgdVerify bound-check report: ⏸️ INCOMPLETE", lines[0]);
        Assert.Equal("> ⏸️ **Incomplete run: stopped before 2 claims finished (spiridonoff.S2, gu.uv-toy). Their verdicts are missing; rerun to complete the report.**", lines[2]);
        Assert.Contains("- `spiridonoff.S2`: the run stopped before this claim finished.", lines);
        Assert.Contains("| `gu.uv-toy` | ⏸️ NOT FINISHED | — | — | — | — | — |", lines);
    }

    [Fact]
    public void PlotLinksNameTheFilesTheReportWritesAndDescribeThemInWords()
    {
        ReportDocument document = SyntheticReports.Mixed();
        string markdown = MarkdownReportWriter.Write(document);
        var links = PlotLink().Matches(markdown).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        Assert.Equal(ReportRenderer.RenderPlots(document).Select(p => p.Key), links);
        Assert.Equal(10, links.Count);
        Assert.Contains("E F(x̄\\_T) − F\\* against T (steps) (log–log axes). Series: every-step (4 points, y = 0.1 at x = 10 to 1.1e-4 at x = 10000, with interval band); one-shot (4 points, y = 0.2 at x = 10 to 2e-4 at x = 10000). Reference lines: predicted slope -1.", markdown);
        Assert.Contains("| every-step | 10000 | 1.1e-4 | [1e-4, 1.2e-4] |", markdown);
    }

    [Theory]
    [InlineData("a|b", @"a\|b")]
    [InlineData("x*y_z", @"x\*y\_z")]
    [InlineData("[0.9, 1.1]", "[0.9, 1.1]")]
    [InlineData("[a](b) ![c][d] [e]: f", @"[a\](b) ![c\][d] [e\]: f")]
    [InlineData("line\nbreak\r\nand", "line break and")]
    [InlineData(@"back\slash", @"back\\slash")]
    public void EscapeExamples(string text, string expected) => Assert.Equal(expected, MarkdownText.Escape(text));

    [Theory]
    [InlineData("id", "`id`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x", "`` `x ``")]
    [InlineData("p|q", @"`p\|q`")]
    public void CodeSpanExamples(string text, string expected) => Assert.Equal(expected, MarkdownText.Code(text));

    // An image of a plot, or the link to its data.
    [GeneratedRegex(@"!\[[^\n]*?\]\((plots/[^)]+\.svg)\)|, data: \[[^\n]*?\]\((plots/[^)]+\.csv)\)")]
    private static partial Regex PlotLink();
}
