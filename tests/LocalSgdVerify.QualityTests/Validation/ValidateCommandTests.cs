using LocalSgdVerify.Cli;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>`localsgd-verify validate` end to end with the Python adapter: table, exit codes, stderr passthrough, report.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "localsgd-validate-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CommandLineApplication.Run(args, output, error, new CliEnvironment(null, ProblemReaderRegistry.Default));
        return (code, output.ToString(), error.ToString());
    }

    private static readonly string[] TwoScenarios =
        ["--scenario", RepositoryPaths.Of("scenarios", "validation", "separable-constant-period.json"), RepositoryPaths.Of("scenarios", "validation", "kink-haddadpour.json")];

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public void ConformingAdapterExitsZeroAndWritesTheReport()
    {
        var (code, output, error) = Run(["validate", "--impl", AdapterRuns.Python(), .. TwoScenarios, "--out", folder]);
        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains("2 scenarios: 2 conform, 0 non-conforming, 0 inconclusive, 0 could not run (python-local-sgd 1.0.0; oracle mode, tolerance 1e-9)", output);
        Assert.Contains("[2/2] kink-haddadpour: conforms", error);
        // The same report folder as check writes.
        foreach (string file in new[] { "report.md", "report.html", "junit.xml" }) Assert.True(File.Exists(Path.Combine(folder, file)), file);
        var report = ReportJson.Read(File.ReadAllText(Path.Combine(folder, "report.json")), "report.json");
        Assert.Equal(("validate", "oracle"), (report.Run.Kind, report.Run.Profile));
        Assert.Equal(["separable-constant-period", "kink-haddadpour"], report.Claims.Select(c => c.Id));
        Assert.All(report.Claims, claim => Assert.Equal("pass", claim.Verdict));
        Assert.Equal(new VerdictCounts(2, 0, 0), report.Summary);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public void BuggyAdapterExitsOneWithTheDiagnosisInTableJsonAndReport()
    {
        var (code, output, error) = Run(["validate", "--impl", AdapterRuns.Python("--bug unequal_weights"), .. TwoScenarios]);
        Assert.True(code == ExitCodes.Finding, output + error);
        Assert.Contains("NON-CONFORMING  unequal_weights: averages with unequal weights", output);
        Assert.Contains("First divergence at step 6, worker 0", output);
        // The implementation's standard error reaches the user's log, marked as such.
        Assert.Contains("[implementation] planted bug: unequal_weights", error);

        var (jsonCode, json, _) = Run(["validate", "--impl", AdapterRuns.Python("--bug unequal_weights"), .. TwoScenarios, "--format", "json"]);
        Assert.Equal(ExitCodes.Finding, jsonCode);
        var document = ReportJson.Read(json, "stdout");
        Assert.All(document.Claims, claim =>
        {
            Assert.Equal("fail", claim.Verdict);
            Assert.StartsWith("unequal_weights: ", claim.Evidence[0]);
            Assert.Equal("fail", Assert.Single(claim.Assertions).Verdict.ToString().ToLowerInvariant());
        });
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public void TheOverallVerdictComesFirstAndIdenticalDiagnosesShareOneBlock()
    {
        var (code, output, _) = Run(["validate", "--impl", AdapterRuns.Python("--bug unequal_weights"), .. TwoScenarios, "--out", folder]);
        Assert.Equal(ExitCodes.Finding, code);
        Assert.StartsWith("does not conform: unequal_weights in 2 of 2 scenarios\n", output);
        // One evidence block for both scenarios: one first divergence, one replay line.
        Assert.Contains("unequal_weights: NON-CONFORMING in 2 scenarios (separable-constant-period, kink-haddadpour)", output);
        Assert.Equal(1, Occurrences(output, "First divergence at step"));
        Assert.Equal(1, Occurrences(output, "replaying the reference with this bug reproduces"));
        // JUnit's failure message is the diagnosis, so a CI dashboard shows what is wrong.
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(folder, "junit.xml"));
        var failures = junit.Descendants("failure").Select(failure => (string)failure.Attribute("message")!).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, message => Assert.StartsWith("unequal_weights: averages with unequal weights", message));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public void ACrashIsAFindingWithItsTracebackPrintedOnce()
    {
        string crash = $"python3 \"{RepositoryPaths.Of("tests", "fixtures", "faulty", "crash_mid_run.py")}\"";
        var (code, output, error) = Run(["validate", "--impl", crash, .. TwoScenarios, "--out", folder]);
        Assert.True(code == ExitCodes.Finding, output + error);
        Assert.StartsWith("does not conform: process_crashed in 1 of 2 scenarios (1 could not run)", output);
        Assert.Equal(1, Occurrences(output, "Traceback (most recent call last):"));
        // The one-line summary quotes the traceback's last line.
        Assert.Contains("Its standard error ends with \"RuntimeError: simulated crash in fixture crash_mid_run\"", output);
        string written = File.ReadAllText(Path.Combine(folder, "report.json"));
        Assert.Empty(SchemaCheck.ReportErrors(written));
        var report = ReportJson.Read(written, "report.json");
        Assert.Equal(["fail", "inconclusive"], report.Claims.Select(claim => claim.Verdict));
    }

    private static int Occurrences(string text, string part)
    {
        int count = 0;
        for (int index = text.IndexOf(part, StringComparison.Ordinal); index >= 0; index = text.IndexOf(part, index + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public void BlackboxModeThroughTheCommand()
    {
        var (code, output, error) = Run("validate", "--impl", AdapterRuns.Python(), "--mode", "blackbox",
            "--scenario", RepositoryPaths.Of("scenarios", "validation", "separable-constant-period.json"), "--format", "json");
        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Empty(SchemaCheck.ReportErrors(output));
        var document = ReportJson.Read(output, "stdout");
        Assert.Equal("blackbox", document.Run.Profile);
        var claim = Assert.Single(document.Claims);
        Assert.Equal("statistical", claim.Kind);
        Assert.Equal(4, claim.Assertions.Count); // mean output of 3 coordinates, mean error
        Assert.Equal(4, document.Run.TotalAssertions);
        Assert.All(claim.Assertions, assertion => Assert.Equal(1e-4 / 4, assertion.Alpha!.Value, 15));
    }
}
