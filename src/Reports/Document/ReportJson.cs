using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Reports.Document;

/// <summary>
/// report.json: snake_case names, indented with numeric arrays on one line (<see cref="ReportJsonLayout"/>), doubles written in round-trip form, non-finite numbers as the strings
/// "NaN", "Infinity", "-Infinity" (JSON has no such numbers), enums as snake_case strings. Reading accepts exactly
/// what writing produces: every field present, no unknown field, the current schema_version.
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
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The document as JSON text (LF line endings, trailing newline), laid out by <see cref="ReportJsonLayout"/>.</summary>
    public static string Write(ReportDocument document)
    {
        using JsonDocument tree = JsonSerializer.SerializeToDocument(document, Options);
        return ReportJsonLayout.Format(tree.RootElement, Options) + "\n";
    }

    /// <summary>Reads a report; throws <see cref="ReportFormatException"/> naming the source and what is wrong.</summary>
    public static ReportDocument Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        CheckSchemaVersion(json, source);
        ReportDocument? document;
        try { document = JsonSerializer.Deserialize<ReportDocument>(json, Options); }
        catch (JsonException error)
        {
            string where = string.IsNullOrEmpty(error.Path) ? "" : $" at {error.Path}";
            throw new ReportFormatException($"{source} is not a valid LocalSgdVerify report{where}: {error.Message}");
        }
        if (document is null) throw new ReportFormatException($"{source} is empty (expected a report object)");
        ReportContentRules.Check(document, source);
        return document;
    }

    /// <summary>Reads a report file; a missing or unreadable file is a <see cref="ReportFormatException"/> too.</summary>
    public static ReportDocument ReadFile(string path)
    {
        string text;
        try
        {
            text = StrictText.DecodeUtf8(File.ReadAllBytes(path), out long invalidAt)
                ?? throw new ReportFormatException($"{path} {StrictText.NotUtf8(invalidAt)}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string reason = error is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : error.Message;
            throw new ReportFormatException($"{path} could not be read: {reason}");
        }
        return Read(text, path);
    }

    /// <summary>
    /// The deterministic body: the document without its environment block (date, machine, threads, wall times), as
    /// JSON. Two runs with the same suite version, profile, seed and claims give byte-identical bodies.
    /// </summary>
    public static string Body(ReportDocument document) => Write(WithoutEnvironment(document));

    /// <summary>The document with an empty environment block.</summary>
    public static ReportDocument WithoutEnvironment(ReportDocument document) =>
        document with { Environment = new RunEnvironment("", "", 0, new Dictionary<string, double>()) };

    /// <summary>True when the two reports have byte-identical bodies (<see cref="Body"/>).</summary>
    public static bool BodiesEqual(ReportDocument first, ReportDocument second) => string.Equals(Body(first), Body(second), StringComparison.Ordinal);

    /// <summary>
    /// Null when the bodies are identical, else the first line where they differ ("report.json body line 42: expected
    /// ... but found ..."; see <see cref="TextDifference"/>), for a golden-report test's failure message.
    /// </summary>
    public static string? FirstBodyDifference(ReportDocument expected, ReportDocument actual) =>
        TextDifference.First(Body(expected), Body(actual)) is { } difference ? "report.json body " + difference : null;

    private static void CheckSchemaVersion(string json, string source)
    {
        JsonDocument parsed;
        try { parsed = JsonDocument.Parse(json); }
        catch (JsonException error)
        {
            throw new ReportFormatException($"{source} is not a LocalSgdVerify report: it is not valid JSON ({error.Message})");
        }
        using (parsed)
        {
            if (StrictText.FirstLoneSurrogate(parsed.RootElement) is string path)
                throw new ReportFormatException($"{source} is not a valid LocalSgdVerify report: {StrictText.LoneSurrogate(path)}");
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
                throw new ReportFormatException($"{source} is not a LocalSgdVerify report: expected a JSON object, found {parsed.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            if (!parsed.RootElement.TryGetProperty("schema_version", out JsonElement version))
                throw new ReportFormatException($"{source} is not a LocalSgdVerify report: it has no schema_version field");
            string? text = version.ValueKind == JsonValueKind.String ? version.GetString() : version.GetRawText();
            if (version.ValueKind != JsonValueKind.String || text != ReportDocument.CurrentSchemaVersion)
                throw new ReportFormatException($"{source}: schema_version = {text} is not supported; expected \"{ReportDocument.CurrentSchemaVersion}\" (re-run the suite to write a current report)");
        }
    }
}

/// <summary>A report file that cannot be read as a report.</summary>
public sealed class ReportFormatException(string message) : Exception(message);
