using System.CommandLine;

namespace LocalSgdVerify.Cli;

/// <summary>
/// One command of the tool, in its own file. <see cref="Create"/> builds the System.CommandLine command with its
/// options and action; the action writes through <c>parseResult.InvocationConfiguration.Output</c> and
/// <c>.Error</c> (never <see cref="Console"/>), so tests run it in-process with captured writers, and returns an
/// exit code from <see cref="ExitCodes"/>.
/// </summary>
public interface ICommandDefinition
{
    /// <summary>The command's name as typed, e.g. <c>simulate</c>.</summary>
    string Name { get; }

    /// <summary>Builds the command for one run of the tool.</summary>
    Command Create(CliEnvironment environment);
}
