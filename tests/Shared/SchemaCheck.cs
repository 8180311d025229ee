using System.Text.Json;
using Json.Schema;

namespace LocalSgdVerify.TestSupport;

/// <summary>
/// The published schemas (docs/scenario.schema.json, docs/report.schema.json) evaluated by JsonSchema.Net, a full
/// JSON Schema 2020-12 validator: every failed keyword as <c>instance pointer: keyword: message</c>, empty when the
/// document is valid.
/// </summary>
public static class SchemaCheck
{
    private static readonly Lazy<JsonSchema> ScenarioSchema = new(() => Load("scenario.schema.json"));
    private static readonly Lazy<JsonSchema> ReportSchema = new(() => Load("report.schema.json"));

    // Scenario files may carry // and /* */ comments (docs/scenario.md), as the reader allows.
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Violations of docs/scenario.schema.json by scenario JSON text.</summary>
    public static IReadOnlyList<string> ScenarioErrors(string json) => Errors(ScenarioSchema.Value, json);

    /// <summary>Violations of docs/report.schema.json by report JSON text.</summary>
    public static IReadOnlyList<string> ReportErrors(string json) => Errors(ReportSchema.Value, json);

    // Each schema gets its own registry: both declare an $id, and the global registry refuses a second build of one.
    private static JsonSchema Load(string name) =>
        JsonSchema.FromText(File.ReadAllText(RepositoryPaths.Of("docs", name)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static List<string> Errors(JsonSchema schema, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json, DocumentOptions);
        EvaluationResults results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var errors = new List<string>();
        Collect(results, errors);
        // An invalid document always has at least one failed keyword; say so rather than report it valid.
        if (!results.IsValid && errors.Count == 0) errors.Add("(root): invalid, with no keyword named");
        return errors;
    }

    // Only failures on a path of failed nodes count: the failing branches of an anyOf that another branch satisfied
    // sit under a valid node and are not errors.
    private static void Collect(EvaluationResults node, List<string> errors)
    {
        if (node.IsValid) return;
        foreach ((string keyword, string message) in node.Errors ?? new Dictionary<string, string>())
            errors.Add($"{Pointer(node.InstanceLocation.ToString())}: {(keyword.Length == 0 ? "false schema" : keyword)}: {message}");
        foreach (EvaluationResults child in node.Details ?? []) Collect(child, errors);
    }

    private static string Pointer(string location) => location.Length == 0 ? "(root)" : location;
}
