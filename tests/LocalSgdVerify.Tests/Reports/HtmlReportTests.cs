using System.Text.RegularExpressions;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>report.html without a browser: self-contained, one section and plot per claim and figure, escaped text, unique ids.
/// The browser test in LocalSgdVerify.QualityTests/Reports loads it in headless Chromium.</summary>
public partial class HtmlReportTests
{
    [Fact]
    public void PageHasNoExternalResourcesAndNoUrlAtAll() =>
        Prop.ForAll(SyntheticReports.DocumentGen.ToArbitrary(), document =>
        {
            string html = HtmlReportWriter.Write(document);
            Assert.DoesNotContain("http://", html);
            Assert.DoesNotContain("https://", html);
            AssertSelfContained(html);
        }).Verify(60);

    [Fact]
    public void UrlsInClaimTextStayText()
    {
        var claim = SyntheticReports.Claim("a.b", "pass", [SyntheticFigures.ErrorVersusT()]) with { Source = "https://arxiv.org/abs/2106.00000 \"><img src=x>" };
        string html = HtmlReportWriter.Write(SyntheticReports.Document([claim]));
        AssertSelfContained(html);
        Assert.Contains("Source: https://arxiv.org/abs/2106.00000 &quot;&gt;&lt;img src=x&gt;", html);
    }

    [Fact]
    public void EveryClaimHasASummaryRowASectionAndAnInlineSvgPerPlot() =>
        Prop.ForAll(SyntheticReports.DocumentGen.ToArbitrary(), document =>
        {
            string html = HtmlReportWriter.Write(document);
            var ids = document.Claims.Select(c => c.Id).Concat(document.Run.NotFinished).ToList();
            var rows = SummaryRow().Matches(html).Select(m => WebDecode(m.Groups[1].Value)).ToList();
            var sections = ClaimSection().Matches(html).Select(m => WebDecode(m.Groups[1].Value)).ToList();
            Assert.Equal(ids, rows);
            Assert.Equal(ids, sections);
            int drawable = PlotFiles.For(document).Count(p => FigureCharts.Problem(p.Figure) is null);
            Assert.Equal(drawable, Regex.Matches(html, "<svg[ >]").Count);
            Assert.Equal(PlotFiles.For(document).Count, Regex.Matches(html, "<figure class=\"plot\"").Count);
            var elementIds = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(elementIds.Count, elementIds.Distinct().Count());
        }).Verify(60);

    [Fact]
    public void TextIsEscapedAndTheOnlyScriptIsTheFilter()
    {
        string html = HtmlReportWriter.Write(SyntheticReports.Mixed());
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.Contains("Awkward a | b *not bold* _x_ &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; `c` [link](#) # 5 &lt; 7 &gt; 3", html);
        Assert.Contains(HtmlReportAssets.Script, html);
        Assert.Contains("data-report-ready", HtmlReportAssets.Script);
    }

    [Fact]
    public void FilterOffersEachVerdictPresentWithItsCount()
    {
        string html = HtmlReportWriter.Write(SyntheticReports.Incomplete());
        var filters = Regex.Matches(html, "data-filter=\"([a-z_]+)\" checked> <span[^>]*>[^<]*</span> \\((\\d+)\\)").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal([("pass", "1"), ("fail", "0"), ("inconclusive", "0"), ("not_finished", "2")], filters);
    }

    [Fact]
    public void IncompleteNoticeComesBeforeTheSummary()
    {
        string html = HtmlReportWriter.Write(SyntheticReports.Incomplete());
        int notice = html.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        Assert.InRange(notice, 0, html.IndexOf("id=\"summary\"", StringComparison.Ordinal));
        Assert.Contains("Incomplete run: stopped before 2 claims finished (spiridonoff.S2, gu.uv-toy).", html);
        Assert.DoesNotContain("role=\"alert\"", HtmlReportWriter.Write(SyntheticReports.Mixed()));
    }

    [Fact]
    public void AFigureThatCannotBeDrawnIsReportedInPlace()
    {
        var broken = new Figure("broken", "Broken", new Axis("x"), new Axis("y"), [new FigureSeries("s", [1, 2, 3], [1, 2])], []);
        var document = SyntheticReports.Document([SyntheticReports.Claim("a.b", "pass", [broken, SyntheticFigures.UvToy()])]);
        string html = HtmlReportWriter.Write(document);
        Assert.Contains("<p class=\"plot-problem\">The figure could not be drawn: ", html);
        Assert.Contains("\"s\"", FigureCharts.Problem(broken));
        Assert.Single(Regex.Matches(html, "<svg[ >]"));
        // The broken figure has no SVG, but its data is still written.
        Assert.Equal(["plots/a.b-broken.csv", "plots/a.b-uv.svg", "plots/a.b-uv.csv"], ReportRenderer.RenderPlots(document).Select(p => p.Key));
        Assert.Contains("The figure could not be drawn", MarkdownReportWriter.Write(document));
    }

    internal static void AssertSelfContained(string html)
    {
        Assert.DoesNotMatch("(?i)<(link|img|iframe|object|embed|base|audio|video|source)[\\s>]", html);
        Assert.DoesNotMatch("(?i)<script[^>]*\\ssrc=", html);
        Assert.DoesNotMatch("(?i)(href|src|action|xlink:href)=\"(https?:|//)", html);
        Assert.DoesNotMatch("(?i)url\\((?!#)|@import", html); // url(#id) is a clip path inside the page
    }

    private static string WebDecode(string text) => System.Net.WebUtility.HtmlDecode(text);

    [GeneratedRegex("<tr data-verdict=\"[a-z_]+\" data-claim=\"([^\"]*)\">")]
    private static partial Regex SummaryRow();

    [GeneratedRegex("<section class=\"claim\" id=\"[^\"]+\" data-verdict=\"[a-z_]+\" data-claim=\"([^\"]*)\">")]
    private static partial Regex ClaimSection();
}
