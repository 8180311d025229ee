using LocalSgdVerify.Cli;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>
/// The faulty fixtures of tests/fixtures/faulty through `localsgd-verify validate`: the command survives each one,
/// names its error, and exits 1 — a crash, a hang, output that is not the protocol or a broken rule is a finding about
/// the implementation, like a wrong result — and 0 for the correct one. (Exit 2 is for the user's own mistakes.)
/// </summary>
public sealed class FaultyThroughValidateTests
{
    private static string Fixture(string name, string arguments = "") =>
        (name.EndsWith(".py", StringComparison.Ordinal) ? $"python3 \"{RepositoryPaths.Of("tests", "fixtures", "faulty", name)}\" {arguments}"
            : $"\"{RepositoryPaths.Of("tests", "fixtures", "faulty", name)}\" {arguments}").TrimEnd();

    // d = 2 and N = 2 (the fixtures corrupt coordinate 1 and worker 1), T = 36.
    private static readonly string Scenario = RepositoryPaths.Of("scenarios", "validation", "separable-stich.json");

    // The hanging fixtures end only when the per-message timeout fires, so theirs is short; every other fixture gets a
    // timeout that no load on a shared machine reaches, so their verdict never depends on how fast Python starts.
    private static string MessageTimeout(string fixture) => fixture.StartsWith("hang_", StringComparison.Ordinal) ? "2" : "60";

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("exit_before_hello.sh", "", 1, "process_exited_early")]
    [InlineData("exit_leaving_grandchild.sh", "", 1, "process_exited_early")]
    [InlineData("crash_mid_run.py", "", 1, "process_crashed")]
    [InlineData("hang_mid_run.py", "", 1, "message_timeout")]
    [InlineData("hang_with_grandchild.sh", "", 1, "message_timeout")]
    [InlineData("non_json.py", "", 1, "malformed_message")]
    [InlineData("unknown_type.py", "", 1, "unknown_message")]
    [InlineData("wrong_length.py", "", 1, "wrong_vector_length")]
    [InlineData("non_finite.py", "nan", 1, "non_finite_value")]
    [InlineData("non_finite.py", "null", 1, "non_finite_value")]
    [InlineData("flood_line.py", "20", 1, "output_flood")]
    [InlineData("query_first.py", "", 1, "handshake_ignored")]
    [InlineData("version_mismatch.py", "", 1, "handshake_mismatch")]
    [InlineData("reports_error.py", "", 1, "implementation_error")]
    [InlineData("shutdown_misbehaves.py", "ignore", 1, "unexpected_message")]
    [InlineData("echo_ok.py", "", 1, "unexplained_divergence")]
    [InlineData("local_sgd_ok.py", "", 0, "conforms")]
    public void ValidateSurvivesTheFixtureAndNamesWhatHappened(string fixture, string arguments, int exitCode, string named)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CommandLineApplication.Run(["validate", "--impl", Fixture(fixture, arguments), "--scenario", Scenario, Scenario.Replace("separable-stich", "separable-constant-period"), "--timeout", MessageTimeout(fixture)],
            output, error, new CliEnvironment(null, ProblemReaderRegistry.Default));
        Assert.True(code == exitCode, $"exit {code}\n{output}\n{error}");
        Assert.Contains(named, output.ToString());
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task EndlessLogLinesEndInAnOutputFloodAtTheTotalLimit()
    {
        var scenarios = new[] { new ValidationScenarioReader().ReadFile(Scenario) };
        var (run, _) = await AdapterRuns.ValidateAsync(Fixture("flood_lines.py"), scenarios,
            limits: TransportLimits.Default with { MaxLineBytes = 1 << 16, MaxTotalBytes = 1 << 20 }, timeout: TimeSpan.FromSeconds(60));
        var result = Assert.Single(run.Results);
        Assert.Equal(ScenarioVerdict.CouldNotRun, result.Verdict);
        Assert.Equal("output_flood", result.Error!.Code);
        Assert.Equal(1, run.ExitCode);
    }
}
