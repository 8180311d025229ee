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
        text.AppendLine($"{result.Source}: N = {Integer(header.Workers)}, T = {Integer(header.Steps)}, schedule {header.ScheduleKind} (averaging after steps {header.Schedule.Describe()}); " +
            $"{Integer(result.StepLines)} step lines, {Integer(result.SyncLines)} sync lines{(result.IgnoredLines > 0 ? $", {Integer(result.IgnoredLines)} other lines ignored" : "")}");
        if (result.Conforms)
        {
            text.AppendLine("the trace matches its declared schedule: every declared sync once and in order, no other sync, steps 1..T without gaps, every loss finite");
            return text.ToString();
        }
        var counts = result.CountsByCode.Select(pair => $"{Integer(pair.Value)} {pair.Key}");
        text.AppendLine($"MISMATCH: {Integer(result.MismatchCount)} mismatch{(result.MismatchCount == 1 ? "" : "es")} ({string.Join(", ", counts)}); first: {result.Mismatches[0].Message}");
        foreach (var mismatch in result.Mismatches.Take(shown)) text.AppendLine($"  {mismatch.Code}: {mismatch.Message}");
        long listable = result.Mismatches.Count;
        if (result.MismatchCount > shown)
            text.AppendLine(shown < listable
                ? $"  … and {Integer(result.MismatchCount - shown)} more (--max-mismatches K lists more)"
                : $"  … and {Integer(result.MismatchCount - shown)} more (the first {Integer(listable)} are kept)");
        return text.ToString();
    }

    /// <summary>Sync steps the JSON header lists at most (sync_step_count counts all).</summary>
    public const int SyncStepsListed = 10_000;

    /// <summary>
    /// The result as one JSON object (snake_case): the header with the first <see cref="SyncStepsListed"/> declared
    /// sync steps, the line counts, mismatch_count and mismatch_counts (per code) over all mismatches, and the first
    /// <see cref="TraceCheckResult.MismatchesKept"/> mismatches in line order.
    /// </summary>
    public static string Json(TraceCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return JsonSerializer.Serialize(new
        {
            result.Source,
            result.Conforms,
            Header = new
            {
                result.Header.Workers,
                result.Header.Steps,
                Schedule = result.Header.ScheduleKind,
                SyncStepCount = result.Header.Schedule.Count,
                SyncSteps = result.Header.SyncSteps.Take(SyncStepsListed),
            },
            result.Lines,
            result.StepLines,
            result.SyncLines,
            result.IgnoredLines,
            result.MismatchCount,
            MismatchCounts = result.CountsByCode,
            result.Mismatches,
        }, options).Replace("\r\n", "\n") + "\n";
    }
}
