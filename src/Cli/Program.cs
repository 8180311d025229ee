using LocalSgdVerify.Cli.Check;
using LocalSgdVerify.Cli.Compare;
using LocalSgdVerify.Cli.Merge;
using LocalSgdVerify.Cli.Report;
using LocalSgdVerify.Cli.Simulate;
using LocalSgdVerify.Cli.Validate;

namespace LocalSgdVerify.Cli;

/// <summary>
/// Entry point of <c>localsgd-verify</c>. Each command lives in its own file as an <see cref="ICommandDefinition"/>;
/// adding a command means adding one line to <see cref="Commands"/>.
/// </summary>
public static class Program
{
    /// <summary>The commands of the tool, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<ICommandDefinition> Commands { get; } =
    [
        new SimulateCommand(),
        new ListCommand(),
        new CheckCommand(),
        new MergeCommand(),
        new ReportCommand(),
        new CompareCommand(),
        new ValidateCommand(),
        new ValidateTraceCommand(),
        new HelpCommand(),
    ];

    /// <summary>Runs the tool on the process's console; the return value is the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Main(string[] args) => CommandLineApplication.Run(args, Console.Out, Console.Error, CliEnvironment.Default);
}
