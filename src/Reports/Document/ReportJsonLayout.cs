using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LocalSgdVerify.Reports.Document;

/// <summary>
/// The layout of report.json: indented two spaces with LF line ends, except that an array of numbers (a figure's x, y,
/// low, high; a design's worker counts) stands on one line, <c>[10, 100, 1000]</c>, instead of one number per line,
/// which made figure data most of a report's lines. Only white space differs from the serializer's own indented
/// text: every token, and so the document, is unchanged.
/// </summary>
internal static class ReportJsonLayout
{
    /// <summary>The JSON text <paramref name="json"/> (one value) laid out as described on the type, without a trailing newline.</summary>
    public static string Format(JsonElement json, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ArrayBufferWriter<byte>();
        var writerOptions = new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = options.Encoder };
        using (var writer = new Utf8JsonWriter(buffer, writerOptions)) Write(writer, json);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>True for a non-empty array of numbers, where "NaN", "Infinity" and "-Infinity" (how JSON spells non-finite doubles here) count as numbers.</summary>
    public static bool IsNumericArray(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0 && element.EnumerateArray().All(IsNumber);

    private static bool IsNumber(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number
        || (element.ValueKind == JsonValueKind.String && element.GetString() is "NaN" or "Infinity" or "-Infinity");

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array when IsNumericArray(element):
                // The elements' own text (GetRawText) is kept, so each number reads back to the same double.
                writer.WriteRawValue("[" + string.Join(", ", element.EnumerateArray().Select(item => item.GetRawText())) + "]");
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
