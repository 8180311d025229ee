using System.Globalization;
using System.Text;
using System.Text.Json;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Validation.Scenarios;

/// <summary>
/// Reads a validation scenario: a scenario file (docs/scenario.md) with an optional top-level object
/// <c>"validation": {"modes": ["oracle", "blackbox"], "replicate": 0, "speedup": {"workers": [1, 2, 4, 8], "slope": -1, "tolerance": 0.2}}</c>.
/// Every refusal is one <see cref="ScenarioException"/> naming the path, the value and what is allowed.
/// </summary>
public sealed class ValidationScenarioReader(ScenarioReader? reader = null)
{
    /// <summary>The field table of <c>validation.speedup</c>.</summary>
    public static IReadOnlyList<ScenarioField> SpeedupFieldTable { get; } =
    [
        ScenarioField.Needed("workers", SchemaShape.List(SchemaShape.Integer(1, ScenarioReader.MaximumWorkers)), "Worker counts N, at least three distinct."),
        ScenarioField.Optional("slope", SchemaShape.Number(NumberRule.Finite).WithDefault(-1), "Predicted slope of log error against log N (default -1)."),
        ScenarioField.Optional("tolerance", SchemaShape.Number(NumberRule.Positive).WithDefault(0.2), "Allowed distance of the fitted slope from it (default 0.2)."),
    ];

    /// <summary>The field table of the <c>validation</c> object.</summary>
    public static IReadOnlyList<ScenarioField> FieldTable { get; } =
    [
        ScenarioField.Optional("modes", SchemaShape.List(SchemaShape.Choice(["oracle", "blackbox"])).WithDefault(new System.Text.Json.Nodes.JsonArray("oracle")),
            "The modes of validate that run this scenario (default [\"oracle\"])."),
        ScenarioField.Optional("replicate", SchemaShape.Integer(0).WithDefault(0), "The replicate whose noise oracle mode serves (default 0)."),
        ScenarioField.Optional("speedup", SchemaShape.Object(SpeedupFieldTable), "Blackbox only: a linear speed-up check over several N."),
    ];

    /// <summary>The top-level <c>validation</c> field as docs/scenario.schema.json describes it (only validate reads it).</summary>
    public static ScenarioField SchemaField { get; } = ScenarioField.Optional("validation", SchemaShape.Object(FieldTable),
        "Only for localsgd-verify validate (docs/protocol.md section 11): the modes, the replicate and a speed-up check.");

    /// <summary>The fields of the <c>validation</c> object.</summary>
    public static IReadOnlyList<string> Fields { get; } = ScenarioField.NamesOf(FieldTable);

    /// <summary>The fields of <c>validation.speedup</c>.</summary>
    public static IReadOnlyList<string> SpeedupFields { get; } = ScenarioField.NamesOf(SpeedupFieldTable);

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    private readonly ScenarioReader scenarios = reader ?? new ScenarioReader();

    /// <summary>Reads the file at <paramref name="path"/>; a missing or unreadable file is a <see cref="ScenarioException"/>.</summary>
    public ValidationScenario ReadFile(string path) => Read(ScenarioReader.ReadText(path), path);

    /// <summary>Reads scenario JSON text.</summary>
    public ValidationScenario Read(string json, string? source = null)
    {
        JsonElement? validation = null;
        string rest = json;
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("validation", out var block))
            {
                validation = block.Clone();
                rest = Without(document.RootElement, "validation");
            }
        }
        catch (JsonException)
        {
            // The scenario reader reports malformed JSON with its line and position.
        }
        Scenario scenario = scenarios.Read(rest, source);
        return validation is JsonElement element ? ReadValidation(scenario, element) : new ValidationScenario(scenario, [ValidationMode.Oracle], 0, null);
    }

    private static ValidationScenario ReadValidation(Scenario scenario, JsonElement element)
    {
        var block = ScenarioObject.Of(element, "validation", "an object with the fields " + string.Join(", ", Fields));
        block.AllowOnly(Fields);
        var modes = new List<ValidationMode>();
        if (block.Find("modes") is JsonElement modeList)
        {
            if (modeList.ValueKind != JsonValueKind.Array || modeList.GetArrayLength() == 0)
                throw ScenarioException.NotAllowed("validation.modes", modeList, "a non-empty list of \"oracle\" and \"blackbox\"");
            int index = 0;
            foreach (var item in modeList.EnumerateArray())
            {
                string mode = ScenarioValues.Choice(item, $"validation.modes[{index.ToString(CultureInfo.InvariantCulture)}]", ["oracle", "blackbox"]);
                var parsed = mode == "oracle" ? ValidationMode.Oracle : ValidationMode.Blackbox;
                if (!modes.Contains(parsed)) modes.Add(parsed);
                index++;
            }
        }
        else
        {
            modes.Add(ValidationMode.Oracle);
        }
        int replicate = block.Integer("replicate", IntegerRule.AtLeast(0), 0);
        SpeedupCheck? speedup = null;
        if (block.Has("speedup"))
        {
            var check = block.Object("speedup", "an object with the fields " + string.Join(", ", SpeedupFields));
            check.AllowOnly(SpeedupFields);
            int[] workers = check.IntegerList("workers", new IntegerRule(1, ScenarioReader.MaximumWorkers));
            if (workers.Distinct().Count() < 3)
                throw ScenarioException.NotAllowed("validation.speedup.workers", string.Join(", ", workers.Select(w => w.ToString(CultureInfo.InvariantCulture))),
                    "at least three distinct worker counts (a slope needs a residual variance)");
            speedup = new SpeedupCheck(workers.Distinct().Order().ToArray(), check.Number("slope", NumberRule.Finite, -1.0),
                check.Number("tolerance", NumberRule.Positive, 0.2));
            if (!modes.Contains(ValidationMode.Blackbox))
                throw ScenarioException.NotAllowed("validation.speedup", "a speed-up check", "only in a scenario whose validation.modes include \"blackbox\"");
        }
        return new ValidationScenario(scenario, modes, replicate, speedup);
    }

    private static string Without(JsonElement root, string field)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals(field)) continue;
                property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
