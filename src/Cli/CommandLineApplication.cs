using System.CommandLine;

namespace LocalSgdVerify.Cli;

/// <summary>
/// Builds the root command from <see cref="Program.Commands"/> (with <c>--color</c>, which every command inherits),
/// parses, and invokes with the given writers. Parse errors (one line, with "did you mean" for unknown words) exit with <see cref="ExitCodes.BadInput"/> (System.CommandLine's own default would be 1, which
/// this tool reserves for findings).
/// </summary>
public static class CommandLineApplication
{
    /// <summary>The root command with every registered command.</summary>
    public static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var root = new RootCommand("localsgd-verify: checks the theory of Local SGD by exact recursions and deterministic seeded simulation.");
        foreach (ICommandDefinition definition in Program.Commands) root.Subcommands.Add(definition.Create(environment));
        root.Options.Add(ConsoleStyle.CreateOption());
        return root;
    }

    /// <summary>Runs the tool on <paramref name="args"/> with the given writers and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CliEnvironment environment)
    {
        RootCommand root = CreateRootCommand(environment);
        ParseResult parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // One line, like every other refusal: the parser's complaints with suggestions, then where usage is described.
            error.WriteLine(ParseErrorText.Describe(parseResult, args));
            return ExitCodes.BadInput;
        }
        try { ConsoleStyle.Resolve(parseResult, environment, output, error); }
        catch (CommandLineException bad)
        {
            // Checked here once, so every command may resolve the style without handling a bad --color itself.
            error.WriteLine(bad.Message);
            return ExitCodes.BadInput;
        }
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parseResult.Invoke(invocation);
        }
        catch (Exception unexpected)
        {
            error.WriteLine($"internal error (please report it with the command line and scenario): {unexpected}");
            return ExitCodes.InternalError;
        }
    }
}
