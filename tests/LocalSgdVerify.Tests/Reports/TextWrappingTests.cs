using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Reports.Rendering;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>Word wrapping for the terminal: lines within the width, indents as asked, words kept whole where they fit.</summary>
public sealed class TextWrappingTests
{
    [Fact]
    public void LinesFitAndKeepEveryCharacterInOrder() =>
        Prop.ForAll(SyntheticReports.Text.ToArbitrary(), Gen.Choose(8, 120).ToArbitrary(), Gen.Choose(0, 6).ToArbitrary(), (text, width, indent) =>
        {
            var lines = TextWrapping.Wrap(text, width, indent, indent + 1);
            Assert.All(lines, line => Assert.True(TextWrapping.DisplayWidth(line) <= width, line));
            Assert.All(lines, line => Assert.DoesNotContain('\n', line));
            Assert.Equal(NonSpace(TextWrapping.Flatten(text)), NonSpace(string.Concat(lines)));
        }).Verify(300);

    [Fact]
    public void WordsThatFitAreNeverCut()
    {
        var lines = TextWrapping.Wrap("aaa bbb ccc dddd", 8, 0, 2);
        Assert.Equal(["aaa bbb", "  ccc", "  dddd"], lines);
        // A word longer than a line is cut at the line's end.
        Assert.Equal(["abcde", "  fgh", "  ij"], TextWrapping.Wrap("abcdefghij", 5, 0, 2));
    }

    [Fact]
    public void ACombiningBarTakesNoColumnOfItsOwn()
    {
        Assert.Equal(2, TextWrapping.DisplayWidth("x\u0304y"));
        Assert.Equal("x\u0304 ", TextWrapping.Pad("x\u0304", 2));
    }

    private static string NonSpace(string text) => string.Concat(text.Where(c => c != ' '));
}
