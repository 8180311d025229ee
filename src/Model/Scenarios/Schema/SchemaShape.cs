using System.Text.Json.Nodes;

namespace LocalSgdVerify.Model.Scenarios.Schema;

/// <summary>
/// What a field's value may be, as a JSON Schema (2020-12) fragment: numbers and integers with the bounds of their
/// rules, strings, choices, lists, unions and objects built from field tables. Each shape builds a fresh
/// <see cref="JsonObject"/>, so shapes can be shared between fields.
/// </summary>
public sealed class SchemaShape
{
    private readonly Func<JsonObject> build;

    private SchemaShape(Func<JsonObject> build) => this.build = build;

    /// <summary>The schema fragment.</summary>
    public JsonObject ToJson() => build();

    /// <summary>A number with the bounds of <paramref name="rule"/> (a rule without bounds gives any number).</summary>
    public static SchemaShape Number(NumberRule rule) => new(() =>
    {
        var node = new JsonObject { ["type"] = "number" };
        if (rule.Minimum is double minimum) node["minimum"] = minimum;
        if (rule.ExclusiveMinimum is double exclusiveMinimum) node["exclusiveMinimum"] = exclusiveMinimum;
        if (rule.Maximum is double maximum) node["maximum"] = maximum;
        if (rule.ExclusiveMaximum is double exclusiveMaximum) node["exclusiveMaximum"] = exclusiveMaximum;
        return node;
    });

    /// <summary>An integer ≥ <paramref name="minimum"/> (and ≤ <paramref name="maximum"/> when given).</summary>
    public static SchemaShape Integer(long minimum, long? maximum = null) => new(() =>
    {
        var node = new JsonObject { ["type"] = "integer", ["minimum"] = minimum };
        if (maximum is long bound) node["maximum"] = bound;
        return node;
    });

    /// <summary>An integer in the range of <paramref name="rule"/> (a rule up to the largest 32-bit integer has no maximum here).</summary>
    public static SchemaShape Integer(IntegerRule rule) => Integer(rule.Minimum, rule.Maximum >= int.MaxValue ? null : rule.Maximum);

    /// <summary>A seed: an integer in 0..2⁶⁴−1.</summary>
    public static SchemaShape Seed { get; } = new(() => new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = ulong.MaxValue });

    /// <summary>A string (non-empty when <paramref name="minimumLength"/> is 1).</summary>
    public static SchemaShape Text(int minimumLength = 0) => new(() =>
    {
        var node = new JsonObject { ["type"] = "string" };
        if (minimumLength > 0) node["minLength"] = minimumLength;
        return node;
    });

    /// <summary>true or false.</summary>
    public static SchemaShape Boolean { get; } = new(() => new JsonObject { ["type"] = "boolean" });

    /// <summary>One of fixed strings.</summary>
    public static SchemaShape Choice(IEnumerable<string> values) => new(() => new JsonObject { ["enum"] = Array(values) });

    /// <summary>Exactly the string <paramref name="value"/> (the tag of a kind or family).</summary>
    public static SchemaShape Constant(string value) => new(() => new JsonObject { ["const"] = value });

    /// <summary>A non-empty list of <paramref name="item"/> (at most <paramref name="maximumItems"/>).</summary>
    public static SchemaShape List(SchemaShape item, int? maximumItems = null) => new(() =>
    {
        var node = new JsonObject { ["type"] = "array", ["items"] = item.ToJson(), ["minItems"] = 1 };
        if (maximumItems is int bound) node["maxItems"] = bound;
        return node;
    });

    /// <summary>Exactly one of <paramref name="options"/>.</summary>
    public static SchemaShape OneOf(params SchemaShape[] options) => new(() => new JsonObject { ["oneOf"] = new JsonArray(options.Select(option => (JsonNode)option.ToJson()).ToArray()) });

    /// <summary>
    /// An object with exactly the fields of <paramref name="fields"/> (no others), the required ones required, and
    /// the cross-field <paramref name="rules"/>.
    /// </summary>
    public static SchemaShape Object(IReadOnlyList<ScenarioField> fields, string? description = null, IReadOnlyList<FieldRule>? rules = null) => new(() =>
    {
        var node = new JsonObject { ["type"] = "object" };
        if (description is not null) node["description"] = description;
        var properties = new JsonObject();
        foreach (ScenarioField field in fields) properties[field.Name] = FieldJson(field);
        node["properties"] = properties;
        string[] required = fields.Where(field => field.Required).Select(field => field.Name).ToArray();
        if (required.Length > 0) node["required"] = Array(required);
        if (rules is { Count: > 0 }) node["allOf"] = new JsonArray(rules.Select(rule => (JsonNode)RuleJson(rule)).ToArray());
        node["additionalProperties"] = false;
        return node;
    });

    /// <summary>An object tagged by <paramref name="tag"/> = <paramref name="value"/> (a kind or a family) with the fields of that variant.</summary>
    public static SchemaShape Tagged(string tag, string value, string description, IReadOnlyList<ScenarioField> fields, IReadOnlyList<FieldRule>? rules = null) =>
        Object([ScenarioField.Needed(tag, Constant(value)), .. fields], description, rules);

    /// <summary>This shape with a default value (an annotation for editors; the reader applies it).</summary>
    public SchemaShape WithDefault(JsonNode value) => new(() =>
    {
        JsonObject node = ToJson();
        node["default"] = value.DeepClone(); // one default node per fragment: a node has one parent
        return node;
    });

    /// <summary>The field's schema: its shape with its description first.</summary>
    internal static JsonObject FieldJson(ScenarioField field)
    {
        JsonObject shape = field.Shape.ToJson();
        if (field.Description is null) return shape;
        var node = new JsonObject { ["description"] = field.Description };
        foreach ((string key, JsonNode? value) in shape.ToArray())
        {
            shape.Remove(key);
            node[key] = value;
        }
        return node;
    }

    private static JsonObject RuleJson(FieldRule rule) => new()
    {
        ["oneOf"] = new JsonArray(rule.Alternatives.Select(alternative =>
        {
            var option = new JsonObject { ["required"] = Array(alternative.Present) };
            if (alternative.Absent.Count > 0)
                option["not"] = new JsonObject { ["anyOf"] = new JsonArray(alternative.Absent.Select(field => (JsonNode)new JsonObject { ["required"] = Array([field]) }).ToArray()) };
            return (JsonNode)option;
        }).ToArray()),
    };

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(value => (JsonNode)JsonValue.Create(value)).ToArray());
}
