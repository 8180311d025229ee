using System.CommandLine;

namespace LocalSgdVerify.Cli;

/// <summary>
/// Whether console output is coloured, decided once per run: <c>--color always</c> and <c>--color never</c> decide
/// outright (a flag on the command line overrides the environment, as https://no-color.org asks); with
/// <c>--color auto</c> (the default) a writer is coloured only when it is a terminal, <c>NO_COLOR</c> is unset or
/// empty and <c>TERM</c> is not <c>dumb</c>. Colour only decorates words that already stand out without it
/// (pass, FAIL, inconclusive), so piped and logged output is the same text without escape codes.
/// </summary>
/// <param name="Output">Colour on stdout.</param>
/// <param name="Error">Colour on stderr (progress).</param>
public sealed record ConsoleStyle(bool Output, bool Error)
{
    /// <summary>The name of the flag, which every command takes.</summary>
    public const string FlagName = "--color";

    /// <summary>The values of <c>--color</c>.</summary>
    public static readonly IReadOnlyList<string> Choices = ["auto", "always", "never"];

    /// <summary>No colour anywhere.</summary>
    public static ConsoleStyle Plain { get; } = new(false, false);

    /// <summary>The <c>--color</c> option, given to the root command and inherited by every command.</summary>
    public static Option<string?> CreateOption() => new(FlagName)
    {
        Description = "Colour verdicts: auto (default: on a terminal, unless NO_COLOR is set), always or never.",
        HelpName = "auto|always|never",
        Recursive = true,
    };

    /// <summary>The style of a parsed command line; throws <see cref="CommandLineException"/> for a --color value not allowed.</summary>
    public static ConsoleStyle Resolve(ParseResult parseResult, CliEnvironment environment, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return Resolve(parseResult.GetValue<string?>(FlagName), environment, output, error);
    }

    /// <summary>The style for a --color value (null = auto) in <paramref name="environment"/>.</summary>
    public static ConsoleStyle Resolve(string? color, CliEnvironment environment, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        switch (FlagValues.Choice(FlagName, color, Choices, "auto"))
        {
            case "always": return new(true, true);
            case "never": return Plain;
        }
        bool allowed = string.IsNullOrEmpty(environment.Variable("NO_COLOR")) && environment.Variable("TERM") != "dumb";
        return new(allowed && environment.IsTerminal(output), allowed && environment.IsTerminal(error));
    }

    /// <summary>Paints a verdict word on stdout, or null when stdout is plain.</summary>
    public Func<string, string>? OutputVerdicts => Output ? Verdict : null;

    /// <summary>Paints a verdict word on stderr, or null when stderr is plain.</summary>
    public Func<string, string>? ErrorVerdicts => Error ? Verdict : null;

    /// <summary>The verdict word in its colour (ANSI SGR): pass green, FAIL bold red, inconclusive yellow; other words unchanged.</summary>
    public static string Verdict(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        string? code = word switch { "pass" => "32", "FAIL" => "1;31", "inconclusive" => "33", _ => null };
        return code is null ? word : $"\u001b[{code}m{word}\u001b[0m";
    }

    /// <summary>The Spectre.Console colour name of a verdict word (for progress bars).</summary>
    public static string MarkupColour(string word) => word switch { "pass" => "green", "FAIL" => "red", "inconclusive" => "yellow", _ => "blue" };
}
