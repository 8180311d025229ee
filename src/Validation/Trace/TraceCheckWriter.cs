using System.Text;
using System.Text.Json;
using LocalSgdVerify.Validation.Diagnosing;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Trace;

/// <summary>
/// The outputs of <c>validate-trace</c>: a plain table (the header, the summary with the first mismatch, then the
/// mismatches) and one JSON object (snake_case) of the whole <see cref="TraceCheckResult"/>.
/// </summary>
public static class TraceCheckWriter
{
    /// <summary>The plain report: the header, the summary with the first mismatch, then up to <paramref name="shown"/> mismatches.</summary>
    public static string Table(TraceCheckResult result, int shown)
    {
        ArgumentNullException.ThrowIfNull(result);
        var header = result.Header;
        var text = new StringBuilder();
        text.AppendLine($"{result.Source}: N = {Integer(header.Workers)}, T = {Integer(header.Steps)}, schedule {header.ScheduleKind} (averaging after steps {StepListText.Describe(header.SyncSteps)}); " +
            $"{Integer(result.StepLines)} step lines, {Integer(result.SyncLines)} sync lines{(result.IgnoredLines > 0 ? $", {Integer(result.IgnoredLines)} other lines ignored" : "")}");
        if (result.Conforms)
        {
            text.AppendLine("the trace matches its declared schedule: every declared sync once and in order, no other sync, steps 1..T without gaps, every loss finite");
            return text.ToString();
        }
        var counts = result.Mismatches.GroupBy(m => m.Code).Select(g => $"{Integer(g.Count())} {g.Key}");
        text.AppendLine($"MISMATCH: {Integer(result.Mismatches.Count)} mismatch{(result.Mismatches.Count == 1 ? "" : "es")} ({string.Join(", ", counts)}); first: {result.Mismatches[0].Message}");
        foreach (var mismatch in result.Mismatches.Take(shown)) text.AppendLine($"  {mismatch.Code}: {mismatch.Message}");
        if (result.Mismatches.Count > shown) text.AppendLine($"  … and {Integer(result.Mismatches.Count - shown)} more (--max-mismatches K lists more)");
        return text.ToString();
    }

    /// <summary>The result as one JSON object (snake_case).</summary>
    public static string Json(TraceCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return JsonSerializer.Serialize(new
        {
            result.Source,
            result.Conforms,
            Header = new { result.Header.Workers, result.Header.Steps, Schedule = result.Header.ScheduleKind, result.Header.SyncSteps },
            result.Lines,
            result.StepLines,
            result.SyncLines,
            result.IgnoredLines,
            result.Mismatches,
        }, options).Replace("\r\n", "\n") + "\n";
    }
}
