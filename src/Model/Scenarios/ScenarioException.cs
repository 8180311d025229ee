using System.Text.Json;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// A scenario that cannot be read: a missing file, malformed JSON, an unknown field or kind, or a value outside
/// its range. The message is one sentence that names the JSON path (e.g. <c>communication.period</c>), the
/// value as written and what is allowed, so the command line prints it as it is and exits with code 2.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>An error with a free-form message about <paramref name="field"/>.</summary>
    public ScenarioException(string field, string message, Exception? inner = null) : base(message, inner)
    {
        Field = field;
    }

    /// <summary>Dotted JSON path of the offending field (<c>x0[2]</c>, <c>communication.rounds</c>), or the file name for file errors.</summary>
    public string Field { get; }

    /// <summary>"{field} = {value} is not allowed: expected {allowed}."</summary>
    public static ScenarioException NotAllowed(string field, string value, string allowed)
        => new(field, $"{field} = {value} is not allowed: expected {allowed}.");

    /// <summary>As <see cref="NotAllowed(string, string, string)"/> with the value shown as written in the file.</summary>
    public static ScenarioException NotAllowed(string field, JsonElement value, string allowed)
        => NotAllowed(field, Show(value), allowed);

    /// <summary>A required field that is absent.</summary>
    public static ScenarioException Missing(string field, string allowed)
        => new(field, $"{field} is missing: expected {allowed}.");

    /// <summary>The JSON text of a value, shortened so that a long vector does not flood the message.</summary>
    public static string Show(JsonElement value)
    {
        const int limit = 80;
        string text = value.ValueKind == JsonValueKind.Undefined ? "(nothing)" : value.GetRawText();
        text = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(part => part.Trim()));
        return text.Length <= limit ? text : text[..(limit - 3)] + "...";
    }
}
