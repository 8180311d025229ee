using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>Validation scenario files and the built-in set of scenarios/validation.</summary>
public sealed class ValidationScenarioTests
{
    private static readonly string DefaultFolder = RepositoryPaths.Of(DefaultScenarioSet.RelativeFolder);

    private const string Base = """
        {
          "name": "base",
          "problem": { "family": "separable-quadratic", "curvatures": [1, 2], "multiplicative_noise": 0.5, "additive_noise": 0.5 },
          "workers": 4,
          "steps": 20,
          "x0": 1,
          "step_size": { "kind": "constant", "value": 0.1 },
          "communication": { "kind": "constant-period", "period": 5 }VALIDATION
        }
        """;

    private static ValidationScenario Read(string validation) => new ValidationScenarioReader().Read(Base.Replace("VALIDATION", validation));

    [Fact]
    public void WithoutAValidationBlockAScenarioIsOracleOnlyWithReplicateZero()
    {
        var scenario = Read("");
        Assert.Equal([ValidationMode.Oracle], scenario.Modes);
        Assert.Equal(0, scenario.Replicate);
        Assert.Null(scenario.Speedup);
        Assert.Equal("base", scenario.Name);
    }

    [Fact]
    public void ValidationBlockIsRead()
    {
        var scenario = Read(""", "validation": { "modes": ["blackbox", "oracle"], "replicate": 3, "speedup": { "workers": [8, 1, 2, 4, 2] } }""");
        Assert.Equal([ValidationMode.Blackbox, ValidationMode.Oracle], scenario.Modes);
        Assert.Equal(3, scenario.Replicate);
        Assert.Equal([1, 2, 4, 8], scenario.Speedup!.Workers);
        Assert.Equal((-1.0, 0.2), (scenario.Speedup.Slope, scenario.Speedup.Tolerance));
    }

    [Theory]
    [InlineData(""", "validation": { "mode": ["oracle"] }""", "unknown field 'mode' in validation")]
    [InlineData(""", "validation": { "modes": ["exact"] }""", "validation.modes[0]")]
    [InlineData(""", "validation": { "modes": [] }""", "validation.modes")]
    [InlineData(""", "validation": { "replicate": -1 }""", "validation.replicate")]
    [InlineData(""", "validation": { "modes": ["blackbox"], "speedup": { "workers": [1, 2] } }""", "at least three distinct worker counts")]
    [InlineData(""", "validation": { "speedup": { "workers": [1, 2, 4] } }""", "only in a scenario whose validation.modes include \"blackbox\"")]
    [InlineData(""", "validation": { "modes": ["oracle"] }, "peroid": 3""", "peroid")]
    public void BadValidationFieldsAreNamed(string validation, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => Read(validation));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void DefaultSetCoversEveryScheduleFamilySeveralProblemsAndOneToSixteenWorkers()
    {
        var scenarios = DefaultScenarioSet.LoadBuiltIn();
        var kinds = scenarios.Select(s => s.Scenario.Configuration.Communication.Kind).ToHashSet();
        Assert.Equal(CommunicationReader.KindNames.ToHashSet(), kinds);
        var families = scenarios.Select(s => s.Scenario.Configuration.Problem.Family).ToHashSet();
        Assert.Superset(new HashSet<string> { "separable-quadratic", "kink", "dense-quadratic", "least-squares" }, families);
        var workers = scenarios.Select(s => s.Scenario.Configuration.Workers).ToHashSet();
        Assert.Superset(new HashSet<int> { 1, 2, 4, 16 }, workers);
        Assert.All(scenarios, s => Assert.InRange(s.Scenario.Configuration.Steps, 20, 100));
        // Multiplicative noise (c > 0) in oracle mode, both outputs the protocol can send, and a blackbox speed-up check.
        Assert.Contains(scenarios, s => s.Scenario.Configuration.Problem is LocalSgdVerify.Model.Problems.SeparableQuadratic { MultiplicativeNoise: > 0 } && s.Modes.Contains(ValidationMode.Oracle));
        Assert.Contains(scenarios, s => s.Scenario.Configuration.Output == LocalSgdVerify.Model.Algorithm.OutputIterate.PolyakRuppert);
        Assert.Contains(scenarios, s => s.Speedup is not null);
        Assert.Equal(scenarios.Count, scenarios.Select(s => s.Name).Distinct().Count());
        Assert.Equal(scenarios.Count, DefaultScenarioSet.ForMode(scenarios, ValidationMode.Oracle).Count + DefaultScenarioSet.ForMode(scenarios, ValidationMode.Blackbox).Count
            - scenarios.Count(s => s.Modes.Count == 2));
    }

    [Fact]
    public void TheBuiltInSetIsTheFolderFileForFile()
    {
        string[] files = Directory.GetFiles(DefaultFolder, "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, DefaultScenarioSet.FileNames);
        foreach (string name in files) Assert.Equal(File.ReadAllText(Path.Combine(DefaultFolder, name)), DefaultScenarioSet.Text(name));
        var builtIn = DefaultScenarioSet.LoadBuiltIn();
        Assert.Equal(DefaultScenarioSet.Load(DefaultFolder).Select(s => s.Name), builtIn.Select(s => s.Name));
        Assert.Equal("scenarios/validation/" + files[0] + " (built in)", builtIn[0].Scenario.Source);
    }

    [Fact]
    public void AskingForAFileOutsideTheBuiltInSetNamesTheSet()
    {
        var error = Assert.Throws<ArgumentException>(() => DefaultScenarioSet.Text("no-such.json"));
        Assert.Contains("'no-such.json' is not a built-in scenario", error.Message, StringComparison.Ordinal);
        Assert.Contains(DefaultScenarioSet.FileNames[0], error.Message, StringComparison.Ordinal);
    }
}
