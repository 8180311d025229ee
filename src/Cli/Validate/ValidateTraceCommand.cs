using System.CommandLine;
using System.Text;
using System.Text.Json;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Trace;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Cli.Validate;

/// <summary>
/// <c>localsgd-verify validate-trace FILE [--format table|json] [--max-mismatches K]</c>: checks a training run's log
/// (docs/trace-format.md) against the schedule its header declares and lists every mismatch, the first one named in
/// the summary. Exit codes: 0 the trace matches, 1 it does not, 2 the file cannot be read as a trace.
/// </summary>
public sealed class ValidateTraceCommand : ICommandDefinition
{
    /// <summary>Mismatches printed in the table by default.</summary>
    public const int DefaultShown = 20;

    /// <inheritdoc/>
    public string Name => "validate-trace";

    /// <inheritdoc/>
    public Command Create(CliEnvironment environment)
    {
        var fileArgument = new Argument<string>("FILE") { Description = "The trace: JSON Lines with a header, step and sync lines (docs/trace-format.md)." };
        var formatOption = new Option<string?>("--format") { Description = "table (default) or json on stdout.", HelpName = "table|json" };
        var shownOption = new Option<string?>("--max-mismatches") { Description = $"Mismatches listed in the table (default {DefaultShown}); all are counted.", HelpName = "K" };
        var command = new Command(Name, "Check a training run's log against its declared communication schedule.") { fileArgument, formatOption, shownOption };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output, error = parseResult.InvocationConfiguration.Error;
            string format;
            int shown;
            try
            {
                format = FlagValues.Choice("--format", parseResult.GetValue(formatOption), ["table", "json"], "table");
                shown = FlagValues.Integer("--max-mismatches", parseResult.GetValue(shownOption), 1) ?? DefaultShown;
            }
            catch (CommandLineException bad)
            {
                error.WriteLine(bad.Message);
                return ExitCodes.BadInput;
            }
            TraceCheckResult result;
            try
            {
                result = TraceChecker.CheckFile(parseResult.GetValue(fileArgument)!);
            }
            catch (TraceFormatException bad)
            {
                error.WriteLine(bad.Message);
                return ExitCodes.BadInput;
            }
            output.Write(format == "json" ? Json(result) : Table(result, shown));
            return result.Conforms ? ExitCodes.Success : ExitCodes.Finding;
        });
        return command;
    }

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
