using System.Globalization;
using System.Text.Json;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// Reads the fields of one decoded JSON object and turns every defect into a named <see cref="ProtocolError"/>
/// that says which field, which value and what is allowed. Unknown fields are ignored for forward compatibility.
/// </summary>
internal readonly struct JsonMessageReader
{
    private readonly JsonElement root;
    private readonly string messageType;
    private readonly string line;
    private readonly long lineNumber;

    internal JsonMessageReader(JsonElement root, string messageType, string line, long lineNumber)
    {
        this.root = root;
        this.messageType = messageType;
        this.line = line;
        this.lineNumber = lineNumber;
    }

    private string Qualified(string field) => messageType + "." + field;

    private ProtocolException Missing(string field) => new(new MalformedMessage(
        lineNumber, MessageText.Excerpt(line), $"message \"{messageType}\" lacks the required field \"{field}\""));

    private ProtocolException WrongType(string field, JsonElement value, string allowed) =>
        new(new InvalidField(Qualified(field), Shorten(value.GetRawText()), allowed));

    private static string Shorten(string raw) => raw.Length <= 60 ? raw : raw[..60] + "…";

    private bool TryGet(string field, out JsonElement value) =>
        root.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    private JsonElement Required(string field) => TryGet(field, out var value) ? value : throw Missing(field);

    internal string RequiredString(string field) => StringValue(field, Required(field));

    internal string OptionalString(string field, string fallback) =>
        TryGet(field, out var value) ? StringValue(field, value) : fallback;

    private string StringValue(string field, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(field, value, "a string");

    internal int RequiredInt(string field) => IntValue(field, Required(field));

    internal int? OptionalInt(string field) => TryGet(field, out var value) ? IntValue(field, value) : null;

    private int IntValue(string field, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw WrongType(field, value, "an integer between −2³¹ and 2³¹−1 written without a decimal point");

    internal long RequiredLong(string field)
    {
        var value = Required(field);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw WrongType(field, value, "a 64-bit integer written without a decimal point");
    }

    internal bool OptionalBool(string field, bool fallback)
    {
        if (!TryGet(field, out var value)) return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(field, value, "true or false"),
        };
    }

    internal IReadOnlyList<string> StringList(string field, IReadOnlyList<string>? fallback)
    {
        if (!TryGet(field, out var value))
            return fallback ?? throw Missing(field);
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(field, value, "an array of strings");
        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
            items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongType(field, item, "an array of strings"));
        return items;
    }

    internal int[] RequiredIntArray(string field) => IntArray(field, Required(field));

    internal int[]? OptionalIntArray(string field) => TryGet(field, out var value) ? IntArray(field, value) : null;

    private int[] IntArray(string field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(field, value, "an array of integers");
        var items = new int[value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items[index] = IntValue(field + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", item);
            index++;
        }
        return items;
    }

    internal JsonElement ObjectField(string field, bool required)
    {
        if (!TryGet(field, out var value))
            return required ? throw Missing(field) : ProtocolJson.EmptyObject;
        return value.ValueKind == JsonValueKind.Object ? value.Clone() : throw WrongType(field, value, "a JSON object");
    }

    internal JsonMessageReader Nested(string field) =>
        new(ObjectField(field, required: true), Qualified(field), line, lineNumber);

    internal double[] RequiredVector(string field) => Vector(field, Required(field));

    private double[] Vector(string field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(field, value, "an array of finite numbers");
        var items = new double[value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items[index] = FiniteNumber(field, index, item);
            index++;
        }
        return items;
    }

    internal double[][] RequiredMatrix(string field)
    {
        var value = Required(field);
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(field, value, "an array of arrays of finite numbers (one row per worker)");
        var rows = new double[value.GetArrayLength()][];
        var index = 0;
        foreach (var row in value.EnumerateArray())
        {
            rows[index] = Vector(field + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", row);
            index++;
        }
        return rows;
    }

    private double FiniteNumber(string field, int index, JsonElement item)
    {
        switch (item.ValueKind)
        {
            case JsonValueKind.Number:
                // System.Text.Json parses 1e400 to +∞ without complaint, so finiteness is checked here.
                if (item.TryGetDouble(out var number) && double.IsFinite(number)) return number;
                throw new ProtocolException(new NonFiniteValue(Qualified(field), index, item.GetRawText() + " (outside the range of a double)"));
            case JsonValueKind.String when LooksNonFinite(item.GetString()!):
                throw new ProtocolException(new NonFiniteValue(Qualified(field), index, "the string " + item.GetRawText()));
            case JsonValueKind.Null:
                throw new ProtocolException(new NonFiniteValue(Qualified(field), index, "null (JavaScript's JSON.stringify writes NaN and ±Infinity as null)"));
            default:
                throw new ProtocolException(new InvalidField(
                    Qualified(field) + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", Shorten(item.GetRawText()), "a finite number"));
        }
    }

    private static bool LooksNonFinite(string text)
    {
        var trimmed = text.Trim().TrimStart('+', '-');
        return trimmed.Equals("nan", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("infinity", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Small JSON helpers shared by the protocol types.</summary>
public static class ProtocolJson
{
    /// <summary>The empty JSON object <c>{}</c>, the default for schedule and problem parameters.</summary>
    public static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Parses <paramref name="json"/> (which must be a JSON object) into a detached element, for schedule and problem parameters.</summary>
    public static JsonElement Object(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new ArgumentException($"Parameters must be a JSON object, got {document.RootElement.ValueKind}: {json}", nameof(json));
        return document.RootElement.Clone();
    }
}
