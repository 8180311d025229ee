using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Rendering;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>
/// Replicates needed in report.html, junit.xml and the check table. The synthetic claims' "level" assertion is 3.5 [3.1, 3.9] against
/// ≤ 4: h = 0.4, D = 0.5, f = 0.64 of 256 replicates; their "slope" assertion has a prediction without a bound.
/// </summary>
public class ReplicatesNeededRenderingTests
{
    [Fact]
    public void HtmlShowsItInTheSummaryAndInEveryAssertionTableWithTheReasonOnHover()
    {
        string html = HtmlReportWriter.Write(SyntheticReports.Mixed());
        Assert.Contains("<th>Margin</th><th>Replicates used</th><th>Replicates needed</th></tr></thead>", html);
        Assert.Contains("<th>Detectable discrepancy</th><th>Replicates needed</th></tr></thead>", html);
        Assert.Contains("<td class=\"number\" title=\"≈ 64 % of 256 replicates (≈ 164 replicates; ≈ 7,901 of 12,345 samples), set by: spiridonoff.S1 level; 1 assertion with an interval not covered (see its reason)\">≈ 64 % of 256</td>", html);
        Assert.Contains("<td class=\"number\" title=\"≈ 64 % (≤ bound: h = 0.4, D = 0.5)\">≈ 64 %</td>", html);
        Assert.Contains("<td class=\"number\" title=\"not applicable: the prediction has no bound\">n/a</td>", html);
        Assert.Contains("<td class=\"number\" title=\"not applicable: exact: the measured value has no confidence interval\">n/a (exact)</td>", html);
    }

    [Theory]
    [InlineData(0.31, "≈ 31 %")]
    [InlineData(0.0424, "≈ 4.2 %")]
    [InlineData(0.00346, "≈ 0.35 %")]
    [InlineData(0.00005, "< 0.01 %")]
    [InlineData(0.996, "≈ 100 %")]
    [InlineData(2.345, "≈ 2.3×")]
    [InlineData(4, "≈ 4×")]
    public void FractionsPrintInTwoSignificantDigits(double fraction, string expected) => Assert.Equal(expected, ReportText.Approximately(fraction));

    [Fact]
    public void ClaimCellsReadAsAShareOrAMultipleOfTheReplicates()
    {
        Assert.Equal("≈ 31 % of 16,000", ReportText.ReplicatesNeededShort(new ClaimReplicatesNeeded(0.31, 16000, 4960, 64000, 19840, "a", 1, 0, null)));
        Assert.Equal("≈ 4 × 1,000", ReportText.ReplicatesNeededShort(new ClaimReplicatesNeeded(4, 1000, 4000, 2000, 8000, "a", 1, 0, null)));
        Assert.Equal("< 0.01 % of 400", ReportText.ReplicatesNeededShort(new ClaimReplicatesNeeded(9e-5, 400, 1, 1600, 1, "a", 1, 0, null)));
        Assert.Equal("≈ 64 %", ReportText.ReplicatesNeededShort(new ClaimReplicatesNeeded(0.64, 0, null, 0, null, "a", 1, 0, null)));
        Assert.Equal("n/a", ReportText.ReplicatesNeededShort(new ClaimReplicatesNeeded(null, 8, null, 40, null, null, 0, 0, "no assertion has a confidence interval")));
    }

    [Fact]
    public void JunitEvidenceCarriesTheClaimLineAndEachAssertionWithAnInterval()
    {
        string xml = JUnitReportWriter.Write(SyntheticReports.Mixed());
        Assert.Contains("Replicates needed: ≈ 64 % of 256 replicates", xml);
        Assert.Contains("replicates needed ≈ 64 % (≤ bound: h = 0.4, D = 0.5)", xml);
        Assert.Contains("Replicates needed: not applicable: no failed assertion has a covered decision rule", xml);
    }

    [Fact]
    public void TableHasAReplicatesNeededColumn()
    {
        // Synthetic claims: "level" 3.5 [3.1, 3.9] ≤ 4 gives f = (0.4/0.5)² = 64 % of the design's 256 replicates; the
        // failing claim's failed assertion has no bound (n/a); the exact claim has no interval (n/a).
        string[] lines = CheckTableWriter.Write(SyntheticReports.Mixed()).Split('\n');
        Assert.EndsWith("replicates needed", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("≈ 64 % of 256", Assert.Single(lines, l => l.StartsWith("spiridonoff.S1 ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("n/a", Assert.Single(lines, l => l.StartsWith("spiridonoff.S2 ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("n/a", Assert.Single(lines, l => l.StartsWith("identities.exact ", StringComparison.Ordinal)), StringComparison.Ordinal);
        int column = lines[0].IndexOf("replicates needed", StringComparison.Ordinal);
        Assert.Equal("≈ 64 % of 256", lines.Single(l => l.StartsWith("spiridonoff.S1 ", StringComparison.Ordinal))[column..]);
    }
}
