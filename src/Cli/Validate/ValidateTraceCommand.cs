using System.CommandLine;
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
            output.Write(format == "json" ? TraceCheckWriter.Json(result) : TraceCheckWriter.Table(result, shown));
            return result.Conforms ? ExitCodes.Success : ExitCodes.Finding;
        });
        return command;
    }
}
