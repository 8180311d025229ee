using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Text;
using LocalSgdVerify.Tests.Reports;
using Xunit;

namespace LocalSgdVerify.Tests.Model;

/// <summary>Edit distance (optimal string alignment: textbook values and its laws) and the suggestion drawn from it.</summary>
public sealed class SuggestionsTests
{
    private static Arbitrary<string> Words => Gen.ArrayOf(Gen.Elements('a', 'b', 'c', '-', '.')).Select(chars => new string(chars)).ToArbitrary();

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "check", 5)]
    [InlineData("chek", "check", 1)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("--profil", "--profile", 1)]
    [InlineData("jsno", "json", 1)] // a swap of neighbours is one edit
    [InlineData("ca", "abc", 3)] // no edit inside a swapped pair: optimal string alignment, not full Damerau–Levenshtein (2)
    public void TextbookDistances(string from, string to, int expected) => Assert.Equal(expected, Suggestions.EditDistance(from, to));

    [Fact]
    public void DistanceIsSymmetricZeroOnlyForEqualWordsAndWithinTheLengthBounds() =>
        Prop.ForAll(Words, Words, Gen.Choose(0, 20).ToArbitrary(), (a, b, position) =>
        {
            int ab = Suggestions.EditDistance(a, b);
            Assert.Equal(ab, Suggestions.EditDistance(b, a));
            Assert.Equal(a == b, ab == 0);
            Assert.InRange(ab, Math.Abs(a.Length - b.Length), Math.Max(a.Length, b.Length));
            // Inserting a letter neither word has is one edit, and moves the distance to the other word by at most one.
            string inserted = a.Insert(Math.Min(position, a.Length), "z");
            Assert.Equal(1, Suggestions.EditDistance(a, inserted));
            Assert.InRange(Suggestions.EditDistance(inserted, b), ab - 1, ab + 1);
        }).Verify(300);

    [Theory]
    [InlineData("chek", "check")]
    [InlineData("CHECK", "check")]
    [InlineData("simulat", "simulate")]
    [InlineData("valdate", "validate")]
    public void ATypoGetsTheNearestName(string typed, string expected) =>
        Assert.Equal(expected, Suggestions.Closest(typed, ["simulate", "list", "check", "merge", "validate", "validate-trace"]));

    [Theory]
    [InlineData("xyzzy")]
    [InlineData("c")]
    [InlineData("deploy")]
    public void AnUnrelatedWordGetsNoGuess(string typed)
    {
        Assert.Null(Suggestions.Closest(typed, ["simulate", "list", "check", "merge"]));
        Assert.Equal("", Suggestions.DidYouMean(typed, ["simulate", "list", "check", "merge"]));
    }
}
