using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;

namespace LocalSgdVerify.Cli;

/// <summary>
/// What commands take from outside the command line: the exact engine and the problem families. The process uses
/// <see cref="Default"/>; tests pass their own.
/// </summary>
/// <param name="ExactEngine">The engine behind <c>--exact</c>, or null when none is available.</param>
/// <param name="Problems">The problem families scenario files may name.</param>
public sealed record CliEnvironment(IExactErrorEngine? ExactEngine, ProblemReaderRegistry Problems)
{
    /// <summary>Reads an environment variable (null when unset): the process's own, or a test's.</summary>
    public Func<string, string?> Variable { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Whether a writer is an interactive terminal: the process's stdout or stderr when not redirected, or what a test says.</summary>
    public Func<TextWriter, bool> IsTerminal { get; init; } = writer =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected) || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>The engine registered in <see cref="ExactEvaluation.Engine"/> and every built-in problem family.</summary>
    public static CliEnvironment Default => new(ExactEvaluation.Engine, ProblemReaderRegistry.Default);
}
