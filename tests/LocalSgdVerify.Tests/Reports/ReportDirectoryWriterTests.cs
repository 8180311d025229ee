using System.Text;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.Tests.Cli;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>The report folder is replaced as a whole: complete new report or untouched old one, never a mixture.</summary>
public sealed class ReportDirectoryWriterTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    // The report's files; the ownership marker is checked on its own.
    private static Dictionary<string, string> ReadAll(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != ReportFolderOwnership.MarkerName)
            .ToDictionary(path => Path.GetRelativePath(directory, path).Replace('\\', '/'), File.ReadAllText);

    [Fact]
    public void WritesEveryFormatAndEveryPlot()
    {
        string target = Path.Combine(folder.Path, "reports", "latest");
        ReportDocument document = SyntheticReports.Mixed();
        ReportWriteResult result = ReportDirectoryWriter.Write(document, target);
        var expected = ReportRenderer.RenderAll(document).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(expected, ReadAll(target));
        // Byte for byte: UTF-8 without a byte-order mark.
        Assert.All(expected, file => Assert.Equal(Encoding.UTF8.GetBytes(file.Value), File.ReadAllBytes(Path.Combine(target, file.Key))));
        Assert.Equal(expected.Keys, result.Files);
        Assert.Equal(["junit.xml", "plots/gu.uv-toy-uv.csv", "plots/gu.uv-toy-uv.svg", "plots/patel.exact-vs-mc-exact-vs-mc.csv", "plots/patel.exact-vs-mc-exact-vs-mc.svg",
            "plots/spiridonoff.s1-error-vs-t.csv", "plots/spiridonoff.s1-error-vs-t.svg", "plots/spiridonoff.s1-speed-up.csv", "plots/spiridonoff.s1-speed-up.svg",
            "plots/spiridonoff.s2-n-t-error.csv", "plots/spiridonoff.s2-n-t-error.svg", "report.html", "report.json", "report.md", "summary.md"], expected.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["latest"], Directory.EnumerateFileSystemEntries(Path.Combine(folder.Path, "reports")).Select(Path.GetFileName));
        Assert.Equal(ReportFolderOwnership.MarkerText, File.ReadAllText(Path.Combine(target, ReportFolderOwnership.MarkerName)));
    }

    [Fact]
    public void ANewReportReplacesTheOldOneEntirely()
    {
        string target = folder.NewPath("out");
        ReportDirectoryWriter.Write(SyntheticReports.Mixed(), target);
        ReportDocument smaller = SyntheticReports.Incomplete();
        ReportDirectoryWriter.Write(smaller, target);
        Assert.Equal(ReportRenderer.RenderAll(smaller).ToDictionary(p => p.Key, p => p.Value), ReadAll(target));
        Assert.False(File.Exists(Path.Combine(target, "plots", "gu.uv-toy-uv.svg")));
        Assert.Single(Directory.EnumerateFileSystemEntries(folder.Path), path => Path.GetFileName(path).Contains("out", StringComparison.Ordinal));
    }

    [Fact]
    public void AWriteThatFailsMidwayLeavesThePreviousReportAndNoTemporaryFolder()
    {
        string target = folder.NewPath("out");
        ReportDirectoryWriter.Write(SyntheticReports.Mixed(), target);
        var before = ReadAll(target);
        var files = ReportRenderer.RenderAll(SyntheticReports.Incomplete()).Append(new("../escape.txt", "x")).ToList();
        Assert.Throws<ArgumentException>(() => ReportDirectoryWriter.WriteFiles(files, target));
        Assert.Equal(before, ReadAll(target));
        Assert.Single(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void MarkingIncompletePutsTheUnfinishedClaimsIntoEveryFormat()
    {
        string target = folder.NewPath("out");
        ReportDirectoryWriter.Write(SyntheticReports.Mixed(), target, ["late.claim"]);
        ReportDocument stored = ReportJson.ReadFile(Path.Combine(target, "report.json"));
        Assert.False(stored.Run.Complete);
        Assert.Equal(["late.claim"], stored.Run.NotFinished);
        foreach (string file in new[] { "report.md", "report.html", "junit.xml" })
            Assert.Contains("Incomplete run: stopped before 1 claim finished (late.claim)", File.ReadAllText(Path.Combine(target, file)));
    }

    [Fact]
    public void RefusesToReplaceAFolderThatIsNotAReport()
    {
        string target = folder.NewPath("src");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "Program.cs"), "precious");
        var error = Assert.Throws<OutputTargetException>(() => ReportDirectoryWriter.Write(SyntheticReports.Mixed(), target));
        Assert.Contains("is not a report folder", error.Message);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(target, "Program.cs")));
    }

    [Fact]
    public void RefusesAFilePath()
    {
        string target = folder.Write("report.txt", "text");
        var error = Assert.Throws<OutputTargetException>(() => ReportDirectoryWriter.Write(SyntheticReports.Mixed(), target));
        Assert.EndsWith("expected a folder for the report, but it is a regular file.", error.Message);
    }

    [Fact]
    public void AnEmptyExistingFolderIsFilled()
    {
        string target = folder.NewPath("empty");
        Directory.CreateDirectory(target);
        ReportDirectoryWriter.Write(SyntheticReports.Mixed(), target);
        Assert.True(File.Exists(Path.Combine(target, "report.json")));
    }
}

/// <summary>The folder swap itself, and clean-up after crashed writes.</summary>
public sealed class DirectorySwapTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ExchangeSwapsTwoFoldersInOneStepOnLinux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "renameat2 is Linux-only; elsewhere the writer uses two renames");
        string first = folder.NewPath("a"), second = folder.NewPath("b");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        File.WriteAllText(Path.Combine(first, "which"), "first");
        File.WriteAllText(Path.Combine(second, "which"), "second");
        Assert.True(DirectorySwap.TryExchange(first, second));
        Assert.Equal("second", File.ReadAllText(Path.Combine(first, "which")));
        Assert.Equal("first", File.ReadAllText(Path.Combine(second, "which")));
    }

    [Fact]
    public void ReplaceMovesTheNewFolderInAndRemovesNothingElse()
    {
        string source = folder.NewPath("new"), target = folder.NewPath("target");
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(source, "report.json"), "new");
        File.WriteAllText(Path.Combine(target, "report.json"), "old");
        DirectorySwap.Replace(source, target);
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "report.json")));
        // With the exchange the old report is left at the source path for the caller to delete; without it, nothing is left.
        Assert.True(!Directory.Exists(source) || File.ReadAllText(Path.Combine(source, "report.json")) == "old");
    }

    [Fact]
    public void StaleLeftoversOfCrashedWritesAreRemovedAndFreshOnesKept()
    {
        string target = Path.Combine(folder.Path, "latest");
        string stale = Path.Combine(folder.Path, ".latest.writing-0123");
        string fresh = Path.Combine(folder.Path, ".latest.replaced-4567");
        string unrelated = Path.Combine(folder.Path, ".latest.mine");
        foreach (string leftover in new[] { stale, fresh, unrelated }) Directory.CreateDirectory(leftover);
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        Directory.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddHours(-1));
        ReportDirectoryWriter.Write(SyntheticReports.Mixed(), target);
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(fresh));
        Assert.True(Directory.Exists(unrelated));
    }
}
