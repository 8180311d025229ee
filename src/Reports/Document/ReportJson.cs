using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalSgdVerify.Reports.Document;

/// <summary>
/// report.json: snake_case names, indented, doubles written in round-trip form, non-finite numbers as the strings
/// "NaN", "Infinity", "-Infinity" (JSON has no such numbers), enums as snake_case strings. Reading accepts what
/// writing produces.
/// </summary>
public static class ReportJson
{
    /// <summary>The serializer options of the report format.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The document as JSON text (LF line endings, trailing newline).</summary>
    public static string Write(ReportDocument document) => JsonSerializer.Serialize(document, Options).Replace("\r\n", "\n") + "\n";

    /// <summary>Reads a report; throws <see cref="ReportFormatException"/> naming what is wrong.</summary>
    public static ReportDocument Read(string json, string source)
    {
        ReportDocument? document;
        try { document = JsonSerializer.Deserialize<ReportDocument>(json, Options); }
        catch (JsonException error)
        {
            throw new ReportFormatException($"{source} is not a LocalSgdVerify report: {error.Message}");
        }
        if (document is null) throw new ReportFormatException($"{source} is empty (expected a report object)");
        if (document.SchemaVersion != ReportDocument.CurrentSchemaVersion)
            throw new ReportFormatException($"{source}: schema_version = {document.SchemaVersion} is not supported; expected {ReportDocument.CurrentSchemaVersion}");
        return document;
    }

    /// <summary>The deterministic body: the document without its environment block, as JSON.</summary>
    public static string Body(ReportDocument document) => Write(document with { Environment = new RunEnvironment("", "", 0, new Dictionary<string, double>()) });
}

/// <summary>A report file that cannot be read as a report.</summary>
public sealed class ReportFormatException(string message) : Exception(message);
