using LocalSgdVerify.Cli;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.Tests.Cli;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary><c>report --from report.json --format md|html|junit|all [--out DIR]</c> re-renders a stored run; bad input exits 2 with nothing written.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string StoredReport(ReportDocument? document = null) => folder.Write("report-" + Guid.NewGuid().ToString("N") + ".json", ReportJson.Write(document ?? SyntheticReports.Mixed()));

    [Theory]
    [InlineData("md", ReportFormat.Markdown)]
    [InlineData("html", ReportFormat.Html)]
    [InlineData("junit", ReportFormat.JUnit)]
    public void RendersEachFormatToStdout(string format, ReportFormat kind)
    {
        CliRun run = CliRun.Of("report", "--from", StoredReport(), "--format", format);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(ReportRenderer.Render(SyntheticReports.Mixed(), kind), run.Output);
    }

    [Fact]
    public void MarkdownIntoAFolderBringsItsPlots()
    {
        string target = folder.NewPath("md");
        CliRun run = CliRun.Of("report", "--from", StoredReport(), "--format", "md", "--out", target);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(MarkdownReportWriter.Write(SyntheticReports.Mixed()), File.ReadAllText(Path.Combine(target, "report.md")));
        foreach (var (relative, svg) in ReportRenderer.RenderPlots(SyntheticReports.Mixed()))
            Assert.Equal(svg, File.ReadAllText(Path.Combine(target, relative)));
        Assert.Equal([ReportFolderOwnership.MarkerName, "plots", "report.md"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AllRewritesTheWholeFolderLikeCheckDoes()
    {
        string target = folder.NewPath("all");
        CliRun run = CliRun.Of("report", "--from", StoredReport(), "--format", "all", "--out", target);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        string reference = folder.NewPath("reference");
        ReportDirectoryWriter.Write(SyntheticReports.Mixed(), reference);
        foreach (string file in Directory.EnumerateFiles(reference, "*", SearchOption.AllDirectories))
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(target, Path.GetRelativePath(reference, file))));
    }

    [Fact]
    public void MissingFileExits2WithOneMessage()
    {
        string missing = folder.NewPath("missing.json");
        string target = folder.NewPath("out");
        CliRun run = CliRun.Of("report", "--from", missing, "--format", "html", "--out", target);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"{missing} could not be read: the file does not exist\n", run.Error.ReplaceLineEndings("\n"));
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(target));
    }

    [Theory]
    [InlineData("{\"name\": \"a scenario\"}", "is not a LocalSgdVerify report: it has no schema_version field")]
    [InlineData("{\"schema_version\": \"9\"}", "schema_version = 9 is not supported; expected \"1\"")]
    [InlineData("not json", "is not valid JSON")]
    public void FilesThatAreNotCurrentReportsExit2(string text, string expected)
    {
        string path = folder.Write("bad-" + Guid.NewGuid().ToString("N") + ".json", text);
        string target = folder.NewPath("out");
        CliRun run = CliRun.Of("report", "--from", path, "--format", "md", "--out", target);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void UnknownFormatExits2NamingTheAllowedOnes()
    {
        string target = folder.NewPath("out");
        CliRun run = CliRun.Of("report", "--from", StoredReport(), "--format", "pdf", "--out", target);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("--format = pdf is not allowed: expected one of md, html, junit, summary, all.", run.Error.Trim());
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void AllWithoutOutAndOutNamingAFileExit2()
    {
        Assert.Equal(ExitCodes.BadInput, CliRun.Of("report", "--from", StoredReport(), "--format", "all").ExitCode);
        string file = folder.Write("taken.txt", "x");
        CliRun run = CliRun.Of("report", "--from", StoredReport(), "--format", "md", "--out", file);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("expected a folder for the report, but it is a regular file", run.Error);
        Assert.Equal("x", File.ReadAllText(file));
    }
}
