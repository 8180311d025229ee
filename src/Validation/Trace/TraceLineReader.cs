using System.Globalization;
using System.Text.Json;
using LocalSgdVerify.Model.Text;
using System.Text.RegularExpressions;

namespace LocalSgdVerify.Validation.Trace;

/// <summary>
/// Parses one trace line. Lenient where training scripts usually are: Python's <c>json.dumps</c> writes a NaN loss as
/// the bare token <c>NaN</c> (not JSON), so bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> values are read as
/// the strings "NaN", "Infinity", "-Infinity", which the checker reports as a non-finite loss.
/// </summary>
public static partial class TraceLineReader
{
    /// <summary>The line as a JSON object, or a <see cref="TraceFormatException"/> naming the line.</summary>
    public static JsonDocument Parse(string line, long lineNumber, string source)
    {
        try
        {
            return Object(JsonDocument.Parse(line), lineNumber, source);
        }
        catch (JsonException first)
        {
            string quoted = BareNonFinite().Replace(line, match => "\"" + match.Value + "\"");
            if (quoted != line)
            {
                try
                {
                    return Object(JsonDocument.Parse(quoted), lineNumber, source);
                }
                catch (JsonException)
                {
                    // Fall through to the original error.
                }
            }
            throw new TraceFormatException($"{source} line {lineNumber.ToString(CultureInfo.InvariantCulture)} is not JSON ({first.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}); every line of a trace is one JSON object.");
        }
    }

    private static JsonDocument Object(JsonDocument document, long lineNumber, string source)
    {
        if (StrictText.FirstLoneSurrogate(document.RootElement) is string path)
        {
            document.Dispose();
            throw new TraceFormatException($"{source} line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {StrictText.LoneSurrogate(path)}");
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new TraceFormatException($"{source} line {lineNumber.ToString(CultureInfo.InvariantCulture)} is not a JSON object; every line of a trace is one object with a \"type\".");
    }

    [GeneratedRegex(@"(?<=[:\[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])")]
    private static partial Regex BareNonFinite();
}
