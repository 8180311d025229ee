using System.CommandLine;
using System.Globalization;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;

namespace LocalSgdVerify.Cli.Validate;

/// <summary>
/// <c>localsgd-verify validate --impl "COMMAND ARGS" [--mode oracle|blackbox] [--scenario FILE ...] [--tolerance R]
/// [--timeout S] [--alpha A] [--out DIR] [--format table|json]</c>: runs the implementation through the built-in
/// scenario set (scenarios/validation) or the given scenarios, prints one verdict per scenario with its diagnosis, and
/// writes the report into --out. Exit codes: 0 every scenario conforms, 1 one does not, 2 bad usage or input or the
/// implementation could not be run, 130 stopped by Ctrl-C, 143 by SIGTERM.
/// </summary>
public sealed class ValidateCommand : ICommandDefinition
{
    /// <inheritdoc/>
    public string Name => "validate";

    /// <inheritdoc/>
    public Command Create(CliEnvironment environment)
    {
        var implementationOption = new Option<string?>("--impl") { Description = "The implementation's command line, e.g. \"python3 adapters/python/local_sgd.py\" (split like a shell would, without a shell).", HelpName = "COMMAND" };
        var modeOption = new Option<string?>("--mode") { Description = "oracle (default: the harness serves every gradient and checks every point) or blackbox (the implementation draws its own noise).", HelpName = "oracle|blackbox" };
        var scenarioOption = new Option<string[]>("--scenario") { Description = "Scenario file (repeatable); default: the built-in set in scenarios/validation.", HelpName = "FILE", AllowMultipleArgumentsPerToken = true };
        var toleranceOption = new Option<string?>("--tolerance") { Description = "Relative tolerance ρ of oracle mode: |x − x_ref|∞ ≤ ρ·max(1, |x_ref|∞) (default 1e-9; about 1e-5 for float32).", HelpName = "R" };
        var timeoutOption = new Option<string?>("--timeout") { Description = "Longest wait in seconds for any one message from the implementation (default 30).", HelpName = "S" };
        var alphaOption = new Option<string?>("--alpha") { Description = "Total false-fail rate of the blackbox assertions (default 1e-4).", HelpName = "A" };
        var outOption = new Option<string?>("--out") { Description = "Report folder, as check writes it (report.json, report.md, report.html, junit.xml).", HelpName = "DIR" };
        var formatOption = new Option<string?>("--format") { Description = "table (default) or json (the report document) on stdout.", HelpName = "table|json" };
        var command = new Command(Name, "Validate a Local SGD implementation against the reference, and name what is wrong.")
        {
            implementationOption, modeOption, scenarioOption, toleranceOption, timeoutOption, alphaOption, outOption, formatOption,
        };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output, error = parseResult.InvocationConfiguration.Error;
            ValidateRequest request;
            try
            {
                string implementation = parseResult.GetValue(implementationOption) is { } text && !string.IsNullOrWhiteSpace(text)
                    ? text
                    : throw new CommandLineException("--impl is required: the command that starts the implementation, e.g. --impl \"python3 adapters/python/local_sgd.py\".");
                request = new ValidateRequest(
                    implementation,
                    FlagValues.Choice("--mode", parseResult.GetValue(modeOption), ["oracle", "blackbox"], "oracle") == "oracle" ? ValidationMode.Oracle : ValidationMode.Blackbox,
                    parseResult.GetValue(scenarioOption) ?? [],
                    PositiveNumber("--tolerance", parseResult.GetValue(toleranceOption), PointTolerance.DefaultRelativeTolerance, "e.g. 1e-9, or 1e-5 for float32", upperExclusive: 1),
                    TimeSpan.FromSeconds(PositiveNumber("--timeout", parseResult.GetValue(timeoutOption), 30, "seconds, e.g. 30", upperExclusive: 86400)),
                    PositiveNumber("--alpha", parseResult.GetValue(alphaOption), 1e-4, "a number in (0, 1), e.g. 1e-4", upperExclusive: 1),
                    parseResult.GetValue(outOption),
                    FlagValues.Choice("--format", parseResult.GetValue(formatOption), ["table", "json"], "table"));
            }
            catch (CommandLineException bad)
            {
                error.WriteLine(bad.Message);
                return ExitCodes.BadInput;
            }
            return Execute(request, environment, output, error);
        });
        return command;
    }

    /// <summary>Runs a parsed request; the writers stand for stdout and stderr.</summary>
    public static int Execute(ValidateRequest request, CliEnvironment environment, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<ValidationScenario> scenarios;
        try
        {
            scenarios = LoadScenarios(request, environment);
            if (request.OutputDirectory is string folder) ReportFolderOutput.CheckTarget(folder);
            ScenarioPreparation.Prepare(scenarios, request.Mode);
        }
        catch (Exception bad) when (bad is CommandLineException or ScenarioException or NotSupportedException or ArgumentException)
        {
            error.WriteLine(bad.Message);
            return ExitCodes.BadInput;
        }

        var writeLock = new Lock();
        void Log(string prefix, string line)
        {
            lock (writeLock) error.WriteLine(prefix + line);
        }
        int done = 0;
        var options = new ValidationOptions
        {
            Mode = request.Mode,
            RelativeTolerance = request.Tolerance,
            MessageTimeout = request.Timeout,
            Alpha = request.Alpha,
            Log = line => Log("[implementation log] ", line),
            Progress = result => Log("", $"[{(++done).ToString(CultureInfo.InvariantCulture)}/{scenarios.Count.ToString(CultureInfo.InvariantCulture)}] {result.Name}: {ValidationTableWriter.Show(result.Verdict)} ({result.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)"),
        };
        var target = ImplementationTarget.Command(new ProcessOptions
        {
            CommandLine = request.Implementation,
            StandardErrorLine = line => Log("[implementation] ", line),
        });

        ValidationRun run;
        using (var interrupt = new ConsoleInterrupt(error, cancellation))
        {
            try
            {
                run = ValidationRunner.RunAsync(target, scenarios, options, interrupt.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
            {
                error.WriteLine($"stopped ({interrupt.Cause}); the implementation was terminated and no report was written.");
                return interrupt.ExitCode;
            }
        }

        var document = ValidationReport.ToDocument(run, DateTimeOffset.UtcNow, ReportDocumentBuilder.DescribeMachine());
        output.Write(request.Format == "json" ? ReportJson.Write(document) : ValidationTableWriter.Write(run));
        if (request.OutputDirectory is string directory && !ReportFolderOutput.TryWrite(document, directory, error)) return ExitCodes.BadInput;
        return run.ExitCode;
    }

    private static IReadOnlyList<ValidationScenario> LoadScenarios(ValidateRequest request, CliEnvironment environment)
    {
        var reader = new ValidationScenarioReader(new ScenarioReader(environment.Problems));
        if (request.Scenarios.Count > 0) return request.Scenarios.Select(reader.ReadFile).ToArray();
        var scenarios = DefaultScenarioSet.ForMode(DefaultScenarioSet.LoadBuiltIn(reader), request.Mode);
        if (scenarios.Count == 0)
            throw new CommandLineException($"the built-in scenario set has no scenario for {ScenarioPreparation.ModeName(request.Mode)} mode; pass --scenario FILE.");
        return scenarios;
    }

    private static double PositiveNumber(string flag, string? text, double defaultValue, string allowed, double upperExclusive)
    {
        if (text is null) return defaultValue;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && value < upperExclusive) return value;
        throw new CommandLineException($"{flag} = {text} is not allowed: expected {allowed}.");
    }
}

/// <summary>The flags of one <c>validate</c> invocation.</summary>
/// <param name="Implementation">--impl, the command line.</param>
/// <param name="Mode">--mode.</param>
/// <param name="Scenarios">--scenario files (empty = the built-in set).</param>
/// <param name="Tolerance">--tolerance ρ.</param>
/// <param name="Timeout">--timeout per message.</param>
/// <param name="Alpha">--alpha of blackbox mode.</param>
/// <param name="OutputDirectory">--out, or null for no report folder.</param>
/// <param name="Format">--format: table or json.</param>
public sealed record ValidateRequest(string Implementation, ValidationMode Mode, IReadOnlyList<string> Scenarios, double Tolerance, TimeSpan Timeout,
    double Alpha, string? OutputDirectory, string Format);
