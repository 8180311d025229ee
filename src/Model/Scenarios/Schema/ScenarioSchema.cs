using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalSgdVerify.Model.Scenarios.Schema;

/// <summary>
/// Builds docs/scenario.schema.json from the readers' field tables (<see cref="ScenarioReader.Fields"/> and the
/// tables they reach: problems, step sizes, schedules, output, checkpoints), so the schema names exactly what the
/// readers accept. Fields read by other layers (validate's <c>validation</c> object) are passed in.
/// </summary>
public static class ScenarioSchema
{
    private static readonly JsonSerializerOptions Writing = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Descriptions hold quotes, < and >: keep them readable rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The schema document, as the text committed in docs/scenario.schema.json (ends with a newline).</summary>
    public static string Write(IReadOnlyList<ScenarioField>? otherTopLevelFields = null) => Build(otherTopLevelFields).ToJsonString(Writing) + "\n";

    /// <summary>The schema document.</summary>
    public static JsonObject Build(IReadOnlyList<ScenarioField>? otherTopLevelFields = null)
    {
        JsonObject body = SchemaShape.Object([.. ScenarioReader.Fields, .. otherTopLevelFields ?? []]).ToJson();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://localsgdverify.invalid/scenario.schema.json",
            ["title"] = "LocalSgdVerify scenario",
            ["description"] = "One Local SGD run and how to simulate it. See docs/scenario.md. Generated from the readers' field tables " +
                "(src/Model/Scenarios); ranges that depend on other fields (e.g. rounds <= steps, x0 of length d) are checked by the tool, not by this schema.",
        };
        foreach ((string key, JsonNode? value) in body.ToArray())
        {
            body.Remove(key);
            root[key] = value;
        }
        return root;
    }
}
