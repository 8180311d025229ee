using System.CommandLine;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Cli;

/// <summary>
/// The one line a command line the parser rejects gets: the parser's complaints, each unknown word followed by the
/// nearest command or flag it could have meant ("Unrecognized command or argument 'chek'. Did you mean 'check'?"),
/// then where usage is described.
/// </summary>
public static class ParseErrorText
{
    /// <summary>
    /// The message for a parse result with errors of <paramref name="args"/>. A word right after an unknown flag is taken
    /// as that flag's value and not complained about again; at the top level, an unknown word makes "Required command
    /// was not provided" redundant.
    /// </summary>
    public static string Describe(ParseResult parseResult, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(args);
        var command = parseResult.CommandResult.Command;
        var unmatched = parseResult.UnmatchedTokens;
        var valuesOfUnknownFlags = args.Skip(1).Where((arg, i) => args[i].StartsWith('-') && unmatched.Contains(args[i]) && !arg.StartsWith('-')).ToHashSet();
        var messages = new List<string>();
        foreach (var parseError in parseResult.Errors)
        {
            string? token = unmatched.FirstOrDefault(word => parseError.Message.Contains($"'{word}'", StringComparison.Ordinal));
            if (token is null)
            {
                if (command is not RootCommand || unmatched.Count == 0) messages.Add(parseError.Message);
            }
            else if (!valuesOfUnknownFlags.Contains(token)) messages.Add(parseError.Message + Suggestions.DidYouMean(token, Candidates(command, token)));
        }
        string usage = command is RootCommand ? "'localsgd-verify help'" : $"'localsgd-verify help {command.Name}'";
        return $"{string.Join(" ", messages)} Run {usage} for usage.";
    }

    /// <summary>What an unknown word could have meant: a flag of the command (its own and those it inherits) or one of its commands.</summary>
    private static IEnumerable<string> Candidates(Command command, string token)
    {
        if (!token.StartsWith('-')) return command.Subcommands.Where(sub => !sub.Hidden).Select(sub => sub.Name);
        var inherited = command.Parents.OfType<Command>().SelectMany(Ancestors).SelectMany(parent => parent.Options.Where(option => option.Recursive));
        return command.Options.Concat(inherited).Where(option => !option.Hidden).SelectMany(option => option.Aliases.Prepend(option.Name)).Distinct();
    }

    private static IEnumerable<Command> Ancestors(Command command) => command.Parents.OfType<Command>().SelectMany(Ancestors).Prepend(command);
}
