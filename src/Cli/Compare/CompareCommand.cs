using System.CommandLine;
using System.Globalization;
using LocalSgdVerify.Reports.Comparison;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Cli.Compare;

/// <summary>
/// <c>localsgd-verify compare OLD.json NEW.json [--threshold R]</c>: lists claims whose verdict changed (old → new),
/// measured values that moved beyond their intervals (disjoint intervals; without intervals on both sides, a
/// relative change above R, 0.1 by default), new claims and removed claims. Exit codes: 0 no new failure, 1 some
/// claim fails in NEW that did not fail in OLD (or is new and fails), so CI can gate on it; 2 bad input.
/// </summary>
public sealed class CompareCommand : ICommandDefinition
{
    /// <inheritdoc/>
    public string Name => "compare";

    /// <inheritdoc/>
    public Command Create(CliEnvironment environment)
    {
        var oldArgument = new Argument<string>("OLD") { Description = "The earlier report.json (e.g. reports/reference/report.json)." };
        var newArgument = new Argument<string>("NEW") { Description = "The later report.json (e.g. reports/latest/report.json)." };
        var thresholdOption = new Option<string?>("--threshold") { Description = "Relative change that counts as a move for values without intervals on both sides (default 0.1).", HelpName = "R" };
        var command = new Command(Name, "Compare two reports: changed verdicts, values that moved beyond their intervals, new and removed claims; exit 1 on a new failure.")
        {
            oldArgument, newArgument, thresholdOption,
        };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output, error = parseResult.InvocationConfiguration.Error;
            ComparisonOptions options;
            try
            {
                options = new ComparisonOptions(RelativeThreshold: Threshold(parseResult.GetValue(thresholdOption)));
            }
            catch (CommandLineException bad)
            {
                error.WriteLine(bad.Message);
                return ExitCodes.BadInput;
            }
            return Execute(parseResult.GetValue(oldArgument)!, parseResult.GetValue(newArgument)!, options, output, error);
        });
        return command;
    }

    /// <summary>Runs a parsed request; the writers stand for stdout and stderr.</summary>
    public static int Execute(string oldPath, string newPath, ComparisonOptions options, TextWriter output, TextWriter error)
    {
        ReportDocument old, current;
        try
        {
            old = ReportJson.ReadFile(oldPath);
            current = ReportJson.ReadFile(newPath);
        }
        catch (ReportFormatException bad)
        {
            error.WriteLine(bad.Message);
            return ExitCodes.BadInput;
        }
        ReportDifferences differences = ReportComparer.Compare(old, current, options);
        output.Write(ReportComparer.Describe(differences, oldPath, newPath));
        return differences.HasNewFailure ? ExitCodes.Finding : ExitCodes.Success;
    }

    private static double Threshold(string? text)
    {
        if (text is null) return ComparisonOptions.Default.RelativeThreshold;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0) return value;
        throw new CommandLineException($"--threshold = {text} is not allowed: expected a number >= 0 (a relative change, e.g. 0.1).");
    }
}
