using System.CommandLine;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Cli;

/// <summary>
/// <c>localsgd-verify help [COMMAND]</c>: the same text as <c>--help</c> for the tool or for one command, for people
/// who type help as a word. An unknown command name is bad input (exit 2) with the nearest name as a suggestion.
/// </summary>
public sealed class HelpCommand : ICommandDefinition
{
    /// <inheritdoc/>
    public string Name => "help";

    /// <inheritdoc/>
    public Command Create(CliEnvironment environment)
    {
        var commandArgument = new Argument<string[]>("COMMAND") { Description = "The command to describe (default: the tool).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(Name, "Show help for the tool or for one command (the same as --help).") { commandArgument };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output, error = parseResult.InvocationConfiguration.Error;
            string[] path = parseResult.GetValue(commandArgument) ?? [];
            RootCommand root = CommandLineApplication.CreateRootCommand(environment);
            Command current = root;
            var words = new List<string>();
            foreach (string name in path)
            {
                Command? next = current.Subcommands.FirstOrDefault(sub => sub.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (next is null)
                {
                    var names = current.Subcommands.Select(sub => sub.Name).ToList();
                    error.WriteLine($"help: '{name}' is not a command.{Suggestions.DidYouMean(name, names)} Commands: {string.Join(", ", names)}.");
                    return ExitCodes.BadInput;
                }
                current = next;
                words.Add(next.Name);
            }
            words.Add("--help");
            return root.Parse(words).Invoke(new InvocationConfiguration { Output = output, Error = error });
        });
        return command;
    }
}
