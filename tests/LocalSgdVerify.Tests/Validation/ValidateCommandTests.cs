using LocalSgdVerify.Cli;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Tests.Cli;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>validate and validate-trace: usage errors and the exit codes that need no implementation process.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string Scenario(string name) => RepositoryPaths.Of("scenarios", "validation", name);

    [Theory]
    [InlineData(new[] { "validate" }, "--impl is required")]
    [InlineData(new[] { "validate", "--impl", "python3 x.py", "--mode", "exact" }, "--mode = exact is not allowed: expected one of oracle, blackbox")]
    [InlineData(new[] { "validate", "--impl", "python3 x.py", "--tolerance", "-1" }, "--tolerance = -1 is not allowed")]
    [InlineData(new[] { "validate", "--impl", "python3 x.py", "--timeout", "soon" }, "--timeout = soon is not allowed")]
    [InlineData(new[] { "validate", "--impl", "python3 x.py", "--scenario", "/no/such/scenario.json" }, "does not exist")]
    [InlineData(new[] { "validate", "--impl", "python3 x.py", "--format", "xml" }, "--format = xml is not allowed")]
    public void BadUsageExitsTwoWithOneMessage(string[] args, string message)
    {
        var run = CliRun.Of(args);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void OutputFolderThatIsAFileIsBadInputBeforeAnyProcessStarts()
    {
        string file = folder.Write("not-a-folder.txt", "x");
        var run = CliRun.Of("validate", "--impl", "definitely-not-a-command-4f2", "--scenario", Scenario("smooth-qsr.json"), "--out", file);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--out", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void ScenarioTheModeCannotSendIsBadInputBeforeAnyProcessStarts()
    {
        string stich = folder.Write("stich.json", """
            {
              "name": "stich-weighted",
              "problem": { "family": "separable-quadratic", "curvatures": [1, 2], "multiplicative_noise": 0, "additive_noise": 1 },
              "workers": 2, "steps": 20, "x0": 1,
              "step_size": { "kind": "stich", "mu": 1, "condition_number": 2, "period": 4 },
              "communication": { "kind": "constant-period", "period": 4 },
              "output": "stich-weighted"
            }
            """);
        var run = CliRun.Of("validate", "--impl", "definitely-not-a-command-4f2", "--scenario", stich);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("scenario stich-weighted", run.Error);
        Assert.Contains("cannot carry Stich's shift", run.Error);

        var blackbox = CliRun.Of("validate", "--impl", "definitely-not-a-command-4f2", "--mode", "blackbox", "--scenario", Scenario("separable-ada-lupa-loss.json"));
        Assert.Equal(ExitCodes.BadInput, blackbox.ExitCode);
        Assert.Contains("depends on the run's loss", blackbox.Error);
    }

    [Fact]
    public void ImplementationThatCannotStartIsExitTwoWithTheReasonPerScenario()
    {
        var run = CliRun.Of("validate", "--impl", "definitely-not-a-command-4f2 --flag", "--scenario", Scenario("kink-haddadpour.json"), Scenario("smooth-qsr.json"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("COULD NOT RUN", run.Output);
        Assert.Contains("process_start_failed", run.Output);
        Assert.Contains("no program named \"definitely-not-a-command-4f2\"", run.Output);
        Assert.Contains("2 scenarios: 0 conform, 0 non-conforming, 0 inconclusive, 2 could not run", run.Output);
    }

    [Fact]
    public void TraceCommandExitCodesZeroOneTwo()
    {
        const string header = """{"type":"header","version":1,"workers":1,"steps":4,"schedule":{"kind":"constant-period","period":2}}""";
        string good = folder.Write("good.jsonl", header + "\n" + string.Join("\n", Enumerable.Range(1, 4).Select(s => $"{{\"type\":\"step\",\"step\":{s}}}" + (s % 2 == 0 ? $"\n{{\"type\":\"sync\",\"step\":{s}}}" : ""))) + "\n");
        var ok = CliRun.Of("validate-trace", good);
        Assert.Equal(ExitCodes.Success, ok.ExitCode);
        Assert.Contains("the trace matches its declared schedule", ok.Output);

        string late = folder.Write("late.jsonl", File.ReadAllText(good).Replace("{\"type\":\"sync\",\"step\":2}\n{\"type\":\"step\",\"step\":3}", "{\"type\":\"step\",\"step\":3}\n{\"type\":\"sync\",\"step\":3}"));
        var finding = CliRun.Of("validate-trace", late);
        Assert.Equal(ExitCodes.Finding, finding.ExitCode);
        Assert.Contains("MISMATCH: 1 mismatch (1 shifted_sync); first: line 5: sync after step 3 instead of 2", finding.Output);
        var json = CliRun.Of("validate-trace", late, "--format", "json");
        Assert.Equal(ExitCodes.Finding, json.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        Assert.False(document.RootElement.GetProperty("conforms").GetBoolean());
        Assert.Equal("shifted_sync", document.RootElement.GetProperty("mismatches")[0].GetProperty("code").GetString());

        var missing = CliRun.Of("validate-trace", folder.NewPath("absent.jsonl"));
        Assert.Equal(ExitCodes.BadInput, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error);
    }
}
