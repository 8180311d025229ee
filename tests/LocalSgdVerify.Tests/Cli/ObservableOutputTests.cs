using System.Text.Json;
using LocalSgdVerify.Cli;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.Model.Simulation;
using Xunit;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>Problems with observables (the uv toy's u² − v², sharpness) get them reported like the error.</summary>
public sealed class ObservableOutputTests : IDisposable
{
    private const string Scenario = """
        {
          "name": "observed-kink",
          "problem": { "family": "observed-kink", "noise": 8 },
          "workers": 4,
          "steps": 100,
          "x0": 2,
          "step_size": { "kind": "capped-inverse-time", "alpha": 2, "cap": 0.5 },
          "communication": { "kind": "constant-period", "period": 10 },
          "checkpoints": [50, 100],
          "replicates": 48,
          "seed": 3
        }
        """;

    private readonly TemporaryFolder folder = new();
    private readonly CliEnvironment environment = new(null, ProblemReaderRegistry.Default.With(new ObservedKinkReader()));

    public void Dispose() => folder.Dispose();

    [Fact]
    public void JsonReportsEachObservablePerCheckpoint()
    {
        string path = folder.Write("observed.json", Scenario);
        CliRun run = CliRun.Of(environment, "simulate", "--scenario", path, "--format", "json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);

        Scenario scenario = new ScenarioReader(environment.Problems).ReadFile(path);
        SimulationResult expected = MonteCarloSimulator.Run(scenario.Configuration, scenario.ToSimulationOptions(1));
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement observable = document.RootElement.GetProperty("monte_carlo").GetProperty("observables").GetProperty("x_squared");
        Assert.Equal("square of the output iterate", observable.GetProperty("description").GetString());
        IReadOnlyList<SampleStatistics> statistics = expected.ObservableStatistics["x_squared"];
        Assert.Equal(statistics[^1].Mean, observable.GetProperty("mean").GetDouble());
        Assert.Equal(statistics[^1].Median, observable.GetProperty("median").GetDouble());
        JsonElement[] perCheckpoint = observable.GetProperty("per_checkpoint").EnumerateArray().ToArray();
        Assert.Equal([50, 100], perCheckpoint.Select(e => e.GetProperty("step").GetInt32()));
        Assert.Equal(statistics.Select(s => s.Mean), perCheckpoint.Select(e => e.GetProperty("mean").GetDouble()));
        // For the kink, F(x) − F* = x² for x ≥ 0 and x²/2 for x < 0, so E[error] lies between E[x²]/2 and E[x²].
        double error = document.RootElement.GetProperty("monte_carlo").GetProperty("mean_error").GetDouble();
        Assert.InRange(error, statistics[^1].Mean / 2, statistics[^1].Mean);
    }

    [Fact]
    public void TableHasASectionPerObservable()
    {
        string path = folder.Write("observed.json", Scenario);
        CliRun run = CliRun.Of(environment, "simulate", "--scenario", path);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("observable x_squared: square of the output iterate", run.Output.Split('\n'));
    }

    /// <summary>The kink function with one observable, x².</summary>
    private sealed class ObservedKinkReader : IProblemReader
    {
        public string Family => "observed-kink";
        public string Summary => "kink function reporting x^2 (test)";
        public IReadOnlyList<ScenarioField> FieldTable { get; } = [ScenarioField.Needed("noise", SchemaShape.Number(NumberRule.NonNegative))];
        public IProblem Read(ScenarioObject problem, ScenarioContext context) => new ObservedKink(problem.Number("noise", NumberRule.NonNegative));
    }

    private sealed class ObservedKink(double noise) : IProblem
    {
        private readonly KinkFunction kink = new(1.0, noise);
        public string Family => "observed-kink";
        public int Dimension => 1;
        public double Value(ReadOnlySpan<double> x) => kink.Value(x);
        public void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => kink.Gradient(x, gradient);
        public double OptimalValue => kink.OptimalValue;
        public IReadOnlyList<double>? Optimum => kink.Optimum;
        public double? StrongConvexity => kink.StrongConvexity;
        public double? Smoothness => kink.Smoothness;
        public IReadOnlyList<Observable> Observables { get; } = [new Observable("x_squared", "square of the output iterate", x => x[0] * x[0])];
        public IGradientOracle CreateOracle(ulong seed) => kink.CreateOracle(seed);
        public IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object> { ["noise"] = noise };
    }
}
