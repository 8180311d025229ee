using System.Text.Json;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using Xunit;

namespace LocalSgdVerify.Tests.Scenarios;

/// <summary>docs/scenario.schema.json and docs/scenario.md describe exactly the fields and kinds the reader accepts.</summary>
public class ScenarioSchemaTests
{
    private static string DocsFolder => Path.Combine(Path.GetDirectoryName(ScenarioTestFiles.ScenariosFolder)!, "docs");

    private static JsonDocument Schema() => JsonDocument.Parse(File.ReadAllText(Path.Combine(DocsFolder, "scenario.schema.json")));

    [Fact]
    public void SchemaTopLevelFieldsAreTheReaders()
    {
        using JsonDocument schema = Schema();
        Assert.Equal(ScenarioReader.TopLevelFields.Order(), schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
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
        foreach (IProblemReader reader in ProblemReaderRegistry.Default.Readers)
        {
            Assert.True(families.ContainsKey(reader.Family), $"schema lacks family {reader.Family}");
            Assert.Equal(reader.Fields.Order(), families[reader.Family].Order());
        }
    }

    [Fact]
    public void DocumentationNamesEveryKindAndFamily()
    {
        string page = File.ReadAllText(Path.Combine(DocsFolder, "scenario.md"));
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
