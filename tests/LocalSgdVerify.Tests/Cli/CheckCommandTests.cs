using System.Text.Json;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Cli;
using LocalSgdVerify.Cli.Check;
using LocalSgdVerify.Reports.Document;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>`list` and `check`: the catalog, the exit codes, the JSON document and the report folder.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    // The cheapest claim: exact, a fraction of a second at the quick profile.
    private const string Cheap = "identities.schedule-invariance";

    [Fact]
    public void ListPrintsEveryClaimOfTheCatalog()
    {
        var run = CliRun.Of("list");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var claim in ClaimCatalog.All) Assert.Contains(claim.Id, run.Output);
        var json = CliRun.Of("list", "--format", "json");
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(ClaimCatalog.All.Count, document.RootElement.GetArrayLength());
    }

    [Fact]
    public void CheckPrintsTheTableWritesTheReportAndExits0WhenNothingFails()
    {
        string output = Path.Combine(folder.Path, "report");
        var run = CliRun.Of("check", "--claim", Cheap, "--profile", "quick", "--out", output);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(Cheap, run.Output);
        Assert.Contains("pass", run.Output);
        // The last line is the one summary: the verdict counts (singular for one claim) and the command's own wall time
        // against the quick budget (the number itself is not checked).
        Assert.Matches(@"^1 claim: 1 pass, 0 fail, 0 inconclusive in \d+\.\d s \(quick budget 10 s\)$", run.Output.TrimEnd('\n').Split('\n')[^1]);
        var report = ReportJson.Read(File.ReadAllText(Path.Combine(output, "report.json")), "report.json");
        Assert.Equal("quick", report.Run.Profile);
        Assert.Equal(Cheap, Assert.Single(report.Claims).Id);
    }

    [Fact]
    public void JsonFormatCarriesIdVerdictMeasuredPredictedMarginAlphaAndEvidence()
    {
        var run = CliRun.Of("check", "--claim", Cheap, "--profile", "quick", "--no-report", "--format", "json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var claim = document.RootElement.GetProperty("claims")[0];
        foreach (string field in new[] { "id", "verdict", "measured", "predicted", "margin", "alpha_per_assertion", "evidence" })
            Assert.True(claim.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal("pass", claim.GetProperty("verdict").GetString());
        // Exact claim: replicates needed not applicable. The environment block carries the wall time and the budget.
        Assert.Equal(JsonValueKind.Null, claim.GetProperty("replicates_needed").GetProperty("fraction").ValueKind);
        var environment = document.RootElement.GetProperty("environment");
        Assert.True(environment.GetProperty("total_wall_seconds").GetDouble() > 0);
        Assert.Equal(10, environment.GetProperty("wall_budget_seconds").GetDouble());
    }

    [Fact]
    public void TheReportBodyIsTheSameForOneAndTwoThreads()
    {
        string Body(string threads)
        {
            var run = CliRun.Of("check", "--claim", Cheap, "--profile", "quick", "--no-report", "--format", "json", "--threads", threads);
            return ReportJson.Body(ReportJson.Read(run.Output, "stdout"));
        }
        Assert.Equal(Body("1"), Body("2"));
    }

    [Theory]
    [InlineData("--claim", "no.such.claim", "--claim no.such.claim is not in the catalog")]
    [InlineData("--profile", "huge", "--profile = huge is not allowed: expected one of quick, ci, full.")]
    [InlineData("--alpha", "0", "--alpha = 0 is not allowed: expected a number in (0, 1)")]
    [InlineData("--alpha", "NaN", "--alpha = NaN is not allowed")]
    [InlineData("--seed", "-3", "--seed = -3 is not allowed")]
    [InlineData("--threads", "-1", "--threads = -1 is not allowed")]
    [InlineData("--format", "xml", "--format = xml is not allowed")]
    public void BadFlagsExit2WithOneMessageAndWriteNothing(string flag, string value, string message)
    {
        string output = Path.Combine(folder.Path, "untouched");
        var run = CliRun.Of("check", flag, value, "--out", output);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ARunStoppedBeforeItStartsWritesAnIncompleteReportAndSaysWhatWasNotFinished()
    {
        string output = Path.Combine(folder.Path, "stopped");
        using var error = new StringWriter();
        using var stdout = new StringWriter();
        var request = new CheckRequest([Cheap], Profile.Quick, 1, 1e-4, 1, output, "table", false);
        int exitCode = CheckCommand.Execute(request, stdout, error, new CancellationToken(canceled: true));
        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Contains($"not finished: {Cheap}", error.ToString());
        var report = ReportJson.Read(File.ReadAllText(Path.Combine(output, "report.json")), "report.json");
        Assert.False(report.Run.Complete);
        Assert.Equal([Cheap], report.Run.NotFinished);
    }
}
