using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Process;
using Xunit;

namespace LocalSgdVerify.Tests.Protocol;

public sealed class CommandLineSplitterTests
{
    [Theory]
    [InlineData("python3 impl.py", new[] { "python3", "impl.py" })]
    [InlineData("  python3\t impl.py  --lr 0.1 ", new[] { "python3", "impl.py", "--lr", "0.1" })]
    [InlineData("python3 'my impl.py'", new[] { "python3", "my impl.py" })]
    [InlineData("python3 \"my impl.py\" --name \"a \\\"quoted\\\" word\"", new[] { "python3", "my impl.py", "--name", "a \"quoted\" word" })]
    [InlineData("echo a\\ b 'it'\\''s' \"\"", new[] { "echo", "a b", "it's", "" })]
    [InlineData("run $HOME *.py | tee", new[] { "run", "$HOME", "*.py", "|", "tee" })]
    [InlineData("echo \"back\\slash\" 'lit\\eral'", new[] { "echo", "back\\slash", "lit\\eral" })]
    public void SplitsLikeAShellWithoutExpanding(string commandLine, string[] expected)
    {
        Assert.Equal(expected, CommandLineSplitter.Split(commandLine));
    }

    [Theory]
    [InlineData("python3 'unterminated", "single quote at position 8")]
    [InlineData("python3 \"unterminated", "double quote at position 8")]
    [InlineData("python3 trailing\\", "ends with a backslash")]
    [InlineData("   ", "empty")]
    public void BadCommandLinesAreRejectedWithTheReason(string commandLine, string reason)
    {
        var exception = Assert.Throws<ArgumentException>(() => CommandLineSplitter.Split(commandLine));
        Assert.Contains(reason, exception.Message);
    }

    /// <summary>Words built from awkward pieces: spaces, quotes, backslashes, a dollar, a tab, a non-ASCII letter.</summary>
    public static class Words
    {
        private static readonly string[] Pieces = ["a", "b c", "'", "\"", "\\", "$x", "\t", "é", "-", "="];

        public static Arbitrary<string[]> AwkwardWords() =>
            (from count in Gen.Choose(1, 5)
             from list in Gen.ArrayOf(Gen.Choose(0, 4).SelectMany(length => Gen.ArrayOf(Gen.Elements(Pieces), length)).Select(string.Concat), count)
             select list).ToArbitrary();
    }

    [ReplayedProperty(MaxTest = 300, Arbitrary = [typeof(Words)])]
    public bool SingleQuotingAnyWordsAndSplittingGivesThemBack(string[] words)
    {
        // POSIX single quoting: wrap in '…' and write an embedded ' as '\'' .
        var commandLine = string.Join(" ", words.Select(word => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return CommandLineSplitter.Split(commandLine).SequenceEqual(words);
    }
}
