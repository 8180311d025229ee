using System.Text.Json;
using System.Text.Json.Nodes;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.Model.Scenarios.Schema;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;

namespace LocalSgdVerify.Tests.Scenarios;

/// <summary>
/// docs/scenario.schema.json is generated from the readers' field tables (<see cref="ScenarioSchema"/>), every shipped
/// scenario validates against it with a full JSON Schema validator, and it refuses what the readers refuse.
/// </summary>
public class ScenarioSchemaTests
{
    /// <summary>Set to 1 to write the generated schema over docs/scenario.schema.json instead of comparing.</summary>
    public const string RegenerateVariable = "LOCALSGD_WRITE_SCENARIO_SCHEMA";

    private static string SchemaPath => RepositoryPaths.Of("docs", "scenario.schema.json");

    private static string Generated() => ScenarioSchema.Write([ValidationScenarioReader.SchemaField]);

    private static JsonDocument Schema() => JsonDocument.Parse(File.ReadAllText(SchemaPath));

    [Fact]
    public void TheCommittedSchemaIsTheOneGeneratedFromTheReadersFieldTables()
    {
        string generated = Generated();
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1") File.WriteAllText(SchemaPath, generated);
        string? difference = TextDifference.First(generated, File.ReadAllText(SchemaPath).Replace("\r\n", "\n"));
        Assert.True(difference is null,
            $"docs/scenario.schema.json is not what the readers' field tables generate ({difference}); regenerate it with " +
            $"{RegenerateVariable}=1 dotnet test tests/LocalSgdVerify.Tests --filter {nameof(TheCommittedSchemaIsTheOneGeneratedFromTheReadersFieldTables)}");
    }

    public static TheoryData<string> ShippedScenarios()
    {
        var files = new TheoryData<string>();
        foreach (string folder in new[] { RepositoryPaths.Of("scenarios"), RepositoryPaths.Of(DefaultScenarioSet.RelativeFolder) })
            foreach (string file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)) files.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        return files;
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void EveryShippedScenarioValidatesAgainstTheSchema(string file)
    {
        string json = File.ReadAllText(RepositoryPaths.Of(file));
        IReadOnlyList<string> errors = SchemaCheck.ScenarioErrors(json);
        Assert.True(errors.Count == 0, $"{file}:\n" + string.Join("\n", errors));
        _ = new ValidationScenarioReader().Read(json, file); // and the reader takes it
    }

    private const string Base = """
        {
          "name": "base",
          "problem": { "family": "separable-quadratic", "curvatures": [1, 2], "multiplicative_noise": 0, "additive_noise": 1 },
          "workers": 4,
          "steps": 40,
          "x0": 1,
          "step_size": { "kind": "constant", "value": 0.1 },
          "communication": { "kind": "constant-period", "period": 5 }
        }
        """;

    // Each edit breaks one rule the schema can state without knowing other fields.
    public static TheoryData<string, string, string> Refusals => new()
    {
        { "workers", "0", "/workers" },
        { "steps", "1.5", "/steps" },
        { "problem", """{ "family": "separable-quadratic", "curvatures": [1, -2], "multiplicative_noise": 0, "additive_noise": 1 }""", "/problem" },
        { "problem", """{ "family": "kink" }""", "/problem" },
        { "problem", """{ "family": "dense-quadratic", "eigenvalues": [1, 2], "spectrum": { "kind": "linear", "dimension": 2, "mu": 1, "l": 2 }, "noise": 1, "data_seed": 3 }""", "/problem" },
        { "problem", """{ "family": "heterogeneous-quadratics", "curvatures": [1], "noise": 1, "optima": [[0], [1], [2], [3]], "spread": 1 }""", "/problem" },
        { "step_size", """{ "kind": "constant", "value": 0.1, "rounding": true }""", "/step_size" },
        { "step_size", """{ "kind": "polynomial-decay", "initial": 1, "exponent": 2 }""", "/step_size" },
        { "communication", """{ "kind": "every-other-step" }""", "/communication" },
        { "communication", """{ "kind": "constant-rounds", "rounds": { "workers_power": 3 } }""", "/communication" },
        { "output", "\"best-iterate\"", "/output" },
        { "checkpoints", """{ "count": 4, "spacing": "quadratic" }""", "/checkpoints" },
        { "confidence_level", "1", "/confidence_level" },
        { "seed", "-1", "/seed" },
        { "validation", """{ "modes": ["oracle"], "replicas": 2 }""", "/validation" },
        { "unknown_field", "1", "/unknown_field" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void TheSchemaRefusesWhatTheReaderRefuses(string field, string value, string pointer)
    {
        JsonObject scenario = JsonNode.Parse(Base)!.AsObject();
        Assert.Empty(SchemaCheck.ScenarioErrors(scenario.ToJsonString()));
        scenario[field] = JsonNode.Parse(value);
        string json = scenario.ToJsonString();
        Assert.ThrowsAny<ScenarioException>(() => new ValidationScenarioReader().Read(json));
        IReadOnlyList<string> errors = SchemaCheck.ScenarioErrors(json);
        Assert.True(errors.Any(error => error.StartsWith(pointer, StringComparison.Ordinal)), $"no error at {pointer}: " + string.Join("\n", errors));
    }

    [Fact]
    public void SchemaTopLevelFieldsAreTheReadersAndValidates()
    {
        using JsonDocument schema = Schema();
        Assert.Equal(ScenarioReader.TopLevelFields.Append("validation").Order(), schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void SchemaStepSizeAndCommunicationKindsHaveTheReadersFields()
    {
        using JsonDocument schema = Schema();
        JsonElement properties = schema.RootElement.GetProperty("properties");
        Dictionary<string, string[]> stepSizes = Variants(properties.GetProperty("step_size"), "kind");
        Assert.Equal(StepSizeReader.KindNames.Order(), stepSizes.Keys.Order());
        foreach ((string kind, string[] fields) in stepSizes)
            Assert.Equal(StepSizeReader.FieldsOf(kind).Append("round_to_power_of_two").Order(), fields.Order());

        Dictionary<string, string[]> communication = Variants(properties.GetProperty("communication"), "kind");
        Assert.Equal(CommunicationReader.KindNames.Order(), communication.Keys.Order());
        foreach ((string kind, string[] fields) in communication) Assert.Equal(CommunicationReader.FieldsOf(kind).Order(), fields.Order());
    }

    [Fact]
    public void SchemaListsEveryRegisteredFamilyWithItsFields()
    {
        using JsonDocument schema = Schema();
        Dictionary<string, string[]> families = Variants(schema.RootElement.GetProperty("properties").GetProperty("problem"), "family");
        Assert.Equal(ProblemReaderRegistry.Default.Families.Order(), families.Keys.Order());
        foreach (IProblemReader reader in ProblemReaderRegistry.Default.Readers)
            Assert.Equal(reader.Fields.Order(), families[reader.Family].Order());
    }

    [Fact]
    public void DocumentationNamesEveryKindAndFamily()
    {
        string page = File.ReadAllText(RepositoryPaths.Of("docs", "scenario.md"));
        IEnumerable<string> names = StepSizeReader.KindNames.Concat(CommunicationReader.KindNames).Concat(OutputReader.KindNames)
            .Concat(ProblemReaderRegistry.Default.Families).Concat(ScenarioReader.TopLevelFields);
        foreach (string name in names) Assert.Contains($"`{name}`", page);
    }

    // kind (or family) constant → the other property names of each oneOf variant.
    private static Dictionary<string, string[]> Variants(JsonElement union, string discriminator)
    {
        var variants = new Dictionary<string, string[]>();
        foreach (JsonElement variant in union.GetProperty("oneOf").EnumerateArray())
        {
            JsonElement properties = variant.GetProperty("properties");
            string name = properties.GetProperty(discriminator).GetProperty("const").GetString()!;
            variants[name] = properties.EnumerateObject().Select(p => p.Name).Where(p => p != discriminator).ToArray();
        }
        return variants;
    }
}
