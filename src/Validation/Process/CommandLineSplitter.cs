using System.Globalization;
using System.Text;

namespace LocalSgdVerify.Validation.Process;

/// <summary>
/// Splits a command line into argv the way a POSIX shell splits words, without running a shell: blanks separate
/// words; '…' quotes literally; "…" quotes with backslash escaping only \" \\ \$ \` ; a backslash outside quotes
/// escapes the next character. There is no variable expansion, globbing, piping or redirection: characters such as
/// $ * | &gt; are passed through literally (use <see cref="ProcessOptions.UseShell"/> to get a shell).
/// </summary>
public static class CommandLineSplitter
{
    /// <summary>Splits <paramref name="commandLine"/> into words.</summary>
    /// <exception cref="ArgumentException">Unterminated quote, trailing backslash, or no words at all.</exception>
    public static IReadOnlyList<string> Split(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        var index = 0;
        while (index < commandLine.Length)
        {
            var character = commandLine[index];
            switch (character)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                        inWord = false;
                    }
                    index++;
                    break;
                case '\'':
                    {
                        var close = commandLine.IndexOf('\'', index + 1);
                        if (close < 0) throw Unterminated(commandLine, index, "single quote");
                        current.Append(commandLine, index + 1, close - index - 1);
                        inWord = true;
                        index = close + 1;
                        break;
                    }
                case '"':
                    index = ReadDoubleQuoted(commandLine, index, current);
                    inWord = true;
                    break;
                case '\\':
                    if (index + 1 >= commandLine.Length)
                        throw new ArgumentException($"The command line ends with a backslash that escapes nothing: {commandLine}", nameof(commandLine));
                    current.Append(commandLine[index + 1]);
                    inWord = true;
                    index += 2;
                    break;
                default:
                    current.Append(character);
                    inWord = true;
                    index++;
                    break;
            }
        }
        if (inWord) words.Add(current.ToString());
        if (words.Count == 0)
            throw new ArgumentException("The command line is empty; give the program to run, e.g. \"python3 my_local_sgd.py\".", nameof(commandLine));
        return words;
    }

    private static int ReadDoubleQuoted(string commandLine, int open, StringBuilder current)
    {
        var index = open + 1;
        while (index < commandLine.Length)
        {
            var character = commandLine[index];
            if (character == '"') return index + 1;
            if (character == '\\' && index + 1 < commandLine.Length && commandLine[index + 1] is '"' or '\\' or '$' or '`')
            {
                current.Append(commandLine[index + 1]);
                index += 2;
                continue;
            }
            current.Append(character);
            index++;
        }
        throw Unterminated(commandLine, open, "double quote");
    }

    private static ArgumentException Unterminated(string commandLine, int position, string what) =>
        new($"The {what} at position {position.ToString(CultureInfo.InvariantCulture)} of the command line is never closed: {commandLine}", nameof(commandLine));
}
