using System.Text.Json;
using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Cli;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Exploration;

/// <summary>
/// Counterexample and witness files replay: the report folder's counterexamples/&lt;id&gt;.json and witnesses/&lt;id&gt;.json,
/// run through <c>simulate</c> as a user would, print exactly the value the report records beside them (the exact engine
/// bit for bit; a Monte Carlo witness's mean bit for bit, since the file keeps the claim's replicates and seed).
/// </summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    [Fact]
    public void AnExactCounterexampleReplaysThroughSimulateExactToTheReportedValue()
    {
        // A planted constant 2× too small fails, so the report carries a counterexample.
        var claim = new AsymptoticConstantClaim(0.5, 1, null);
        var (document, files) = Report(claim);
        var exploration = document.Claims.Single().Exploration!;
        var counterexample = exploration.Counterexample!;
        string path = Assert.Single(files, f => f.Key == $"counterexamples/{claim.Id}.json").Value;

        using var json = Simulate(path, "--exact");
        double exact = json.RootElement.GetProperty("exact").GetProperty("mean_error").GetDouble();
        Assert.Equal(counterexample.ReplayValue, exact);

        // The reported gap follows from the replayed value: |N·T·E F/(0.5 C) − 1| with N, T, a, σ, α of the file.
        var scenario = new ScenarioReader().ReadFile(path);
        var problem = Assert.IsType<SeparableQuadratic>(scenario.Configuration.Problem);
        var stepSize = Assert.IsType<InverseTimeStepSize>(scenario.Configuration.StepSize);
        var setting = new QuadraticSetting(problem.Curvatures, problem.MultiplicativeNoise, problem.AdditiveNoise, scenario.Configuration.InitialPoint[0], stepSize.Alpha, stepSize.Beta);
        double gap = Math.Abs(scenario.Configuration.Workers * (double)scenario.Configuration.Steps * exact / (0.5 * AsymptoticConstantClaim.PredictedConstant(setting)) - 1);
        Assert.Equal(counterexample.Measured, gap, 12);
        output.WriteLine($"{path}: {counterexample.Description}; exact {exact}");
    }

    [Fact]
    public void AMonteCarloWitnessReplaysThroughSimulateToTheReportedMean()
    {
        var claim = new S2Claim();
        var (document, files) = Report(claim);
        var witness = document.Claims.Single().Exploration!.Witness!;
        string path = Assert.Single(files, f => f.Key == $"witnesses/{claim.Id}.json").Value;

        using var json = Simulate(path);
        Assert.Equal(witness.ReplayValue, json.RootElement.GetProperty("monte_carlo").GetProperty("mean_error").GetDouble());
        output.WriteLine($"{path}: {witness.Description}; mean {witness.ReplayValue}");
    }

    // Runs the claim alone at quick, renders its report folder into a temporary folder and returns the document and the
    // written scenario files (relative name → full path).
    private static (ReportDocument Document, IReadOnlyList<KeyValuePair<string, string>> Files) Report(IClaim claim)
    {
        var run = ClaimRunner.Run([claim], new CheckOptions(Profile.Quick, TestSeeds.MasterSeed), TestContext.Current.CancellationToken);
        var document = ReportDocumentBuilder.FromCheckRun(run, [claim], DateTimeOffset.UnixEpoch, "test");
        string folder = Path.Combine(Path.GetTempPath(), "localsgd-replay-" + Guid.NewGuid().ToString("N"));
        var files = new List<KeyValuePair<string, string>>();
        foreach (var (name, text) in ReportRenderer.RenderAll(document).Where(f => f.Key.StartsWith("counterexamples/", StringComparison.Ordinal) || f.Key.StartsWith("witnesses/", StringComparison.Ordinal)))
        {
            string path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            files.Add(new(name, path));
        }
        return (document, files);
    }

    private static JsonDocument Simulate(string scenario, params string[] flags)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = CommandLineApplication.Run(["simulate", "--scenario", scenario, "--format", "json", .. flags], stdout, stderr, CliEnvironment.Default);
        Assert.True(exit == 0, $"simulate exited {exit}: {stderr}");
        return JsonDocument.Parse(stdout.ToString());
    }
}
