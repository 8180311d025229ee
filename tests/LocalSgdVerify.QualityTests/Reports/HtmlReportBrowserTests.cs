using System.Text.RegularExpressions;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;
using LocalSgdVerify.Reports.Rendering;
using Xunit;

namespace LocalSgdVerify.QualityTests.Reports;

/// <summary>
/// report.html in a real browser (headless Chromium, loaded from file:// with no server and no network): the page
/// script runs without console errors, every claim section and every plot is in the rendered DOM, the verdict filter
/// hides what it should, and a screenshot is kept as a CI artifact. Without Chromium the test fails in CI
/// (LOCALSGD_CI=1; .ci/run installs Debian's chromium) and is skipped on a developer machine.
/// </summary>
public sealed partial class HtmlReportBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "localsgd-browser-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static string Browser()
    {
        string? browser = HeadlessChromium.Find();
        if (browser is null)
        {
            const string Message = "chromium was not found (looked at $LOCALSGD_CHROMIUM, /usr/bin/chromium and PATH); install Debian's chromium package (.ci/run does) to test report.html in a browser";
            if (Environment.GetEnvironmentVariable("LOCALSGD_CI") == "1") Assert.Fail(Message);
            Assert.Skip(Message);
        }
        return browser!;
    }

    private (ReportDocument Document, string Page) WriteReport()
    {
        ReportDocument document = BrowserTestReport.Create();
        ReportDirectoryWriter.Write(document, Path.Combine(folder, "report"));
        return (document, Path.Combine(folder, "report", "report.html"));
    }

    private static string FileUrl(string path, string fragment = "") => new Uri(path).AbsoluteUri + fragment;

    [Fact]
    public void PageRendersEveryClaimAndPlotWithoutConsoleErrors()
    {
        string browser = Browser();
        var (document, page) = WriteReport();
        BrowserRun run = HeadlessChromium.Run(browser, FileUrl(page), "--dump-dom");
        string dom = run.Output;
        Assert.True(run.ExitCode == 0, $"chromium exited with {run.ExitCode}; stderr:\n{run.Error}");
        AssertNoPageProblems(run);

        Assert.Matches("<body[^>]*data-report-ready=\"true\"", dom);
        Assert.Matches("<nav class=\"filter\" id=\"verdict-filter\" aria-label=\"[^\"]*\">", dom); // the script un-hid the filter
        var ids = document.Claims.Select(c => c.Id).Concat(document.Run.NotFinished).ToList();
        Assert.Equal(ids, ClaimSection().Matches(dom).Select(m => m.Groups[1].Value));
        Assert.Equal(ids, SummaryRow().Matches(dom).Select(m => m.Groups[1].Value));
        var plots = PlotFiles.For(document);
        Assert.Equal(6, plots.Count);
        foreach (PlotFile plot in plots)
            Assert.Matches($"<figure class=\"plot\" id=\"{plot.ElementId}\" data-plot=\"{Regex.Escape(plot.RelativePath)}\">\\s*<svg[^>]*>", dom);
        Assert.Equal(plots.Count, Regex.Matches(dom, "<svg[ >]").Count);
        Assert.Contains("showing 7 of 7 claim sections", dom);
        Assert.Contains("Title with &lt;b&gt;tags&lt;/b&gt; &amp; \"quotes\" that must stay text", dom);
        Assert.DoesNotContain("<b>tags</b>", dom);
        Assert.Contains("Incomplete run: stopped before 1 claim finished (woodworth.lower-bound).", dom);
    }

    [Fact]
    public void FilterFromTheLinkShowsOnlyTheChosenVerdicts()
    {
        string browser = Browser();
        var (document, page) = WriteReport();
        BrowserRun run = HeadlessChromium.Run(browser, FileUrl(page, "#show=fail,not_finished"), "--dump-dom");
        AssertNoPageProblems(run);
        var hidden = Regex.Matches(run.Output, "<section class=\"claim\" id=\"[^\"]+\" data-verdict=\"([a-z_]+)\" data-claim=\"([^\"]*)\"( hidden=\"\")?>")
            .ToDictionary(m => m.Groups[2].Value, m => (Verdict: m.Groups[1].Value, Hidden: m.Groups[3].Success));
        Assert.Equal(document.Claims.Count + 1, hidden.Count);
        foreach (var (id, state) in hidden)
        {
            bool shown = state.Verdict is "fail" or "not_finished";
            Assert.True(state.Hidden != shown, $"{id} ({state.Verdict}): hidden = {state.Hidden}, expected {!shown}");
        }
        Assert.Equal(4, Regex.Matches(run.Output, "<tr data-verdict=\"(pass|inconclusive)\" data-claim=\"[^\"]*\" hidden=\"\">").Count);
        Assert.Equal(["spiridonoff.S2", "patel.exact-vs-mc", "woodworth.lower-bound"], hidden.Where(p => !p.Value.Hidden).Select(p => p.Key));
        Assert.Contains("showing 3 of 7 claim sections", run.Output);
    }

    [Fact]
    public void ScreenshotIsTakenAndKept()
    {
        string browser = Browser();
        var (_, page) = WriteReport();
        string shot = Path.Combine(folder, "report-screenshot.png");
        BrowserRun run = HeadlessChromium.Run(browser, FileUrl(page), "--screenshot=" + shot, "--window-size=1200,2000", "--hide-scrollbars");
        Assert.True(File.Exists(shot), $"chromium wrote no screenshot; exit {run.ExitCode}; stderr:\n{run.Error}");
        AssertNoPageProblems(run);
        byte[] bytes = File.ReadAllBytes(shot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        // PNG header: width and height, big-endian, at bytes 16..23.
        Assert.Equal(1200, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal(2000, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
        Assert.True(bytes.Length > 50_000, $"the screenshot is only {bytes.Length} bytes: the page probably rendered blank");

        string? artifacts = Environment.GetEnvironmentVariable("LOCALSGD_ARTIFACTS");
        string destination = string.IsNullOrEmpty(artifacts) ? Path.Combine(AppContext.BaseDirectory, "artifacts") : artifacts;
        Directory.CreateDirectory(destination);
        string kept = Path.Combine(destination, "report-html-screenshot.png");
        File.Copy(shot, kept, overwrite: true);
        output.WriteLine($"report.html screenshot: {kept}");
    }

    private static void AssertNoPageProblems(BrowserRun run)
    {
        var problems = HeadlessChromium.PageProblems(run.Error);
        Assert.True(problems.Count == 0, "the page logged to the console or threw:\n" + string.Join("\n", problems));
    }

    [GeneratedRegex("<section class=\"claim\" id=\"[^\"]+\" data-verdict=\"[a-z_]+\" data-claim=\"([^\"]*)\"")]
    private static partial Regex ClaimSection();

    [GeneratedRegex("<tr data-verdict=\"[a-z_]+\" data-claim=\"([^\"]*)\"")]
    private static partial Regex SummaryRow();
}
