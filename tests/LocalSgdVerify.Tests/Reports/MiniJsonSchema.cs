using System.Text.Json;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>
/// A validator for the subset of JSON Schema 2020-12 that docs/report.schema.json uses: local $ref, type, const,
/// enum, required, properties, additionalProperties, items, anyOf, oneOf, minimum, maximum. A keyword outside the
/// subset throws, so the schema cannot quietly use something this validator ignores.
/// </summary>
internal sealed class MiniJsonSchema(JsonElement root)
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "$defs"];

    /// <summary>Every violation, as "path: problem"; empty when the instance is valid.</summary>
    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException($"only local $ref is supported, got {reference}");
        JsonElement node = root;
        foreach (string part in reference[2..].Split('/')) node = node.GetProperty(part);
        return node;
    }

    private void Check(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            switch (keyword.Name)
            {
                case "$ref":
                    Check(Resolve(keyword.Value.GetString()!), instance, path, errors);
                    break;
                case "type":
                    var types = keyword.Value.ValueKind == JsonValueKind.Array ? keyword.Value.EnumerateArray().Select(t => t.GetString()!).ToList() : [keyword.Value.GetString()!];
                    if (!types.Any(type => HasType(instance, type))) errors.Add($"{path}: expected type {string.Join(" or ", types)}, found {instance.ValueKind}");
                    break;
                case "const":
                    if (!JsonElement.DeepEquals(keyword.Value, instance)) errors.Add($"{path}: expected {keyword.Value.GetRawText()}, found {instance.GetRawText()}");
                    break;
                case "enum":
                    if (!keyword.Value.EnumerateArray().Any(value => JsonElement.DeepEquals(value, instance))) errors.Add($"{path}: {instance.GetRawText()} is not one of {keyword.Value.GetRawText()}");
                    break;
                case "required":
                    if (instance.ValueKind == JsonValueKind.Object)
                        foreach (JsonElement name in keyword.Value.EnumerateArray())
                            if (!instance.TryGetProperty(name.GetString()!, out _)) errors.Add($"{path}: missing required property {name.GetString()}");
                    break;
                case "properties":
                    if (instance.ValueKind == JsonValueKind.Object)
                        foreach (JsonProperty property in keyword.Value.EnumerateObject())
                            if (instance.TryGetProperty(property.Name, out JsonElement value)) Check(property.Value, value, $"{path}.{property.Name}", errors);
                    break;
                case "additionalProperties":
                    if (instance.ValueKind != JsonValueKind.Object) break;
                    var declared = schema.TryGetProperty("properties", out JsonElement properties) ? properties.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
                    foreach (JsonProperty property in instance.EnumerateObject().Where(p => !declared.Contains(p.Name)))
                    {
                        if (keyword.Value.ValueKind == JsonValueKind.False) errors.Add($"{path}: property {property.Name} is not allowed");
                        else if (keyword.Value.ValueKind == JsonValueKind.Object) Check(keyword.Value, property.Value, $"{path}.{property.Name}", errors);
                    }
                    break;
                case "items":
                    if (instance.ValueKind == JsonValueKind.Array)
                    {
                        int index = 0;
                        foreach (JsonElement item in instance.EnumerateArray()) Check(keyword.Value, item, $"{path}[{index++}]", errors);
                    }
                    break;
                case "anyOf":
                case "oneOf":
                    int matches = keyword.Value.EnumerateArray().Count(option => { var inner = new List<string>(); Check(option, instance, path, inner); return inner.Count == 0; });
                    if (matches == 0 || (keyword.Name == "oneOf" && matches > 1)) errors.Add($"{path}: {instance.GetRawText()} matches {matches} of the {keyword.Name} options");
                    break;
                case "minimum":
                    if (instance.ValueKind == JsonValueKind.Number && Compare(instance, keyword.Value) < 0) errors.Add($"{path}: {instance.GetRawText()} < minimum {keyword.Value.GetRawText()}");
                    break;
                case "maximum":
                    if (instance.ValueKind == JsonValueKind.Number && Compare(instance, keyword.Value) > 0) errors.Add($"{path}: {instance.GetRawText()} > maximum {keyword.Value.GetRawText()}");
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name)) throw new NotSupportedException($"schema keyword {keyword.Name} at {path} is outside the validator's subset");
                    break;
            }
        }
    }

    // Exact for integers up to 2^64 (decimal), by double beyond decimal's range.
    private static int Compare(JsonElement number, JsonElement bound) =>
        number.TryGetDecimal(out decimal a) && bound.TryGetDecimal(out decimal b) ? a.CompareTo(b) : number.GetDouble().CompareTo(bound.GetDouble());

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetDecimal(out decimal value) && decimal.Truncate(value) == value,
        _ => throw new NotSupportedException($"type {type}"),
    };
}
