using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>
/// The check table fits 100 terminal columns whatever the report holds (long ids, long predictions and measured units,
/// line breaks and control characters in them), loses none of the prediction's words, and its colouring adds no
/// visible columns.
/// </summary>
public sealed partial class CheckTableWidthTests
{
    /// <summary>A word of 1 to 60 letters, so some are longer than any column.</summary>
    private static Gen<string> Word =>
        Gen.Choose(1, 60).SelectMany(length => Gen.ArrayOf(Gen.Elements('a', 'Z', '7', '±', '≤', '→', 'σ'), length)).Select(chars => new string(chars));

    /// <summary>Long text: up to 40 words joined by spaces, line breaks or tabs, plus the writers' awkward characters.</summary>
    private static Gen<string> LongText =>
        from words in Gen.ListOf(Word).Select(list => list.Take(40).ToList())
        from separator in Gen.Elements(" ", "  ", "\n", "\t", " | ")
        from awkward in SyntheticReports.Text
        select string.Join(separator, words) + awkward;

    /// <summary>Synthetic reports whose claims carry long ids, predictions and measured units.</summary>
    private static Gen<ReportDocument> WideDocuments =>
        from document in SyntheticReports.DocumentGen
        from predictions in Gen.ArrayOf(LongText, document.Claims.Count)
        from units in Gen.ArrayOf(LongText, document.Claims.Count)
        from idLengths in Gen.ArrayOf(Gen.Choose(1, 130), document.Claims.Count)
        select document with
        {
            Claims = document.Claims.Select((claim, i) => claim with
            {
                Id = $"{i}." + new string('x', idLengths[i]),
                Predicted = new Prediction(predictions[i], 1),
                Measured = claim.Measured with { Unit = units[i] },
            }).ToList(),
        };

    [Fact]
    public void EveryLineFitsTheWidthForAnyReport() =>
        Prop.ForAll(WideDocuments.ToArbitrary(), document =>
        {
            string table = CheckTableWriter.Write(document, "in 12.3 s (ci budget 30 s)");
            foreach (string line in Lines(table))
                Assert.True(TextWrapping.DisplayWidth(line) <= CheckTableWriter.Width, $"{TextWrapping.DisplayWidth(line)} columns: {line}");
        }).Verify(200);

    [Fact]
    public void EveryWordOfEachPredictionIsInTheTableInOrder() =>
        Prop.ForAll(WideDocuments.ToArbitrary(), document =>
        {
            // Wrapping only moves words to new lines (and cuts words longer than a line), so with all whitespace removed
            // the table still holds each prediction as one run of characters.
            string squeezed = Squeeze(CheckTableWriter.Write(document));
            foreach (var claim in document.Claims) Assert.Contains(Squeeze(TextWrapping.Flatten(claim.Predicted.Description)), squeezed, StringComparison.Ordinal);
        }).Verify(100);

    [Fact]
    public void PaintingTheVerdictsChangesNoVisibleColumn() =>
        Prop.ForAll(WideDocuments.ToArbitrary(), document =>
        {
            string plain = CheckTableWriter.Write(document);
            string painted = CheckTableWriter.Write(document, paintVerdict: word => $"\u001b[1;31m{word}\u001b[0m");
            Assert.Equal(plain, Escapes().Replace(painted, ""));
            Assert.Equal(document.Claims.Count, Escapes().Matches(painted).Count / 2);
        }).Verify(100);

    [Fact]
    public void TheReferenceRunsTableFitsAndShowsEveryClaimAndItsPrediction()
    {
        // reports/reference/report.json is a real ci run of the whole catalog: its table as check prints it.
        var reference = ReportJson.Read(File.ReadAllText(RepositoryPaths.Of("reports", "reference", "report.json")), "report.json");
        string[] lines = Lines(CheckTableWriter.Write(reference, "in 127.4 s (ci budget 30 s)"));
        Assert.All(lines, line => Assert.True(TextWrapping.DisplayWidth(line) <= CheckTableWriter.Width, line));
        foreach (var claim in reference.Claims)
        {
            int row = Array.FindIndex(lines, line => line.StartsWith(claim.Id + " ", StringComparison.Ordinal));
            Assert.True(row > 0, $"no row for {claim.Id}");
            Assert.StartsWith("  measured ", lines[row + 1], StringComparison.Ordinal);
            Assert.Contains(Squeeze(claim.Predicted.Description), Squeeze(string.Concat(lines.Skip(row + 1).TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal)))), StringComparison.Ordinal);
        }
        Assert.Equal($"{reference.Claims.Count} claims: {reference.Summary.Pass} pass, {reference.Summary.Fail} fail, {reference.Summary.Inconclusive} inconclusive in 127.4 s (ci budget 30 s)", lines[^1]);
    }

    [Fact]
    public void ExplorationsTakeOneRowPerClaimWithCountsWorstRatioAndWhatWasFound()
    {
        // The committed ci run: every explored claim has one row under the "explored" header, with its configuration
        // count, its worst ratio and "no counterexample" (for all) or its witness count (exists), and a replay line
        // naming each witness file; the laws and cases in full stay in the reports.
        var reference = ReportJson.Read(File.ReadAllText(RepositoryPaths.Of("reports", "reference", "report.json")), "report.json");
        string[] lines = Lines(CheckTableWriter.Write(reference));
        int header = Array.FindIndex(lines, line => line.StartsWith("explored ", StringComparison.Ordinal));
        Assert.True(header > 0, "no exploration table");
        var explored = reference.Claims.Where(c => c.Exploration is not null).ToList();
        Assert.NotEmpty(explored);
        foreach (var claim in explored)
        {
            var exploration = claim.Exploration!;
            string row = Assert.Single(lines.Skip(header + 1), line => line.StartsWith(claim.Id + " ", StringComparison.Ordinal));
            string[] cells = Regex.Split(row.Trim(), " {2,}");
            Assert.Equal(exploration.Kind == "for_all" ? "for all" : "exists", cells[1]);
            string others = string.Join(", ", new[] { (exploration.Verdicts.Fail, "fail"), (exploration.Verdicts.Inconclusive, "inconclusive") }
                .Where(v => v.Item1 > 0).Select(v => $"{v.Item1} {v.Item2}"));
            Assert.Equal(others.Length == 0 ? $"{exploration.Configurations}" : $"{exploration.Configurations} ({others})", cells[2].Replace(",", "", StringComparison.Ordinal).Replace("  ", ", ", StringComparison.Ordinal));
            if (exploration.Kind == "for_all")
                Assert.Equal(exploration.Counterexample is null ? "no counterexample" : "COUNTEREXAMPLE", cells[^1]);
            else
                Assert.Equal(exploration.Witnesses.Count == 1 ? "1 witness" : $"{exploration.Witnesses.Count} witnesses", cells[^1]);
        }
        int witnessFiles = explored.Sum(c => c.Exploration!.Witnesses.Count + (c.Exploration.Counterexample is null ? 0 : 1));
        Assert.Equal(witnessFiles, Regex.Matches(string.Join(" ", lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal))), @"(witnesses|counterexamples)/[\w.-]+\.json").Count);
        Assert.True(lines.Length - header < 3 * explored.Count + 6, $"the exploration section should stay short, it has {lines.Length - header} lines");
    }

    [Fact]
    public void TheSummaryIsTheLastLineAndSaysClaimForOne()
    {
        var one = SyntheticReports.Document([SyntheticReports.Claim("spiridonoff.S1", "pass", Figures: [])]);
        Assert.Equal("1 claim: 1 pass, 0 fail, 0 inconclusive in 1.0 s (quick budget 10 s)", Lines(CheckTableWriter.Write(one, "in 1.0 s (quick budget 10 s)"))[^1]);
        Assert.Equal("5 claims: 2 pass, 2 fail, 1 inconclusive", Lines(CheckTableWriter.Write(SyntheticReports.Mixed()))[^1]);
        // A stopped run counts the claims it did not finish in the same line.
        Assert.Equal("3 claims: 1 pass, 0 fail, 0 inconclusive, 2 not finished", Lines(CheckTableWriter.Write(SyntheticReports.Incomplete()))[^1]);
    }

    [Fact]
    public void EachClaimHasARowAndAMeasuredAndPredictedLineBeneathIt()
    {
        string[] lines = Lines(CheckTableWriter.Write(SyntheticReports.Mixed()));
        int row = Array.FindIndex(lines, line => line.StartsWith("spiridonoff.S2 ", StringComparison.Ordinal));
        Assert.Matches(@"^spiridonoff\.S2 +FAIL +-0\.5 +256 +n/a$", lines[row]);
        Assert.Equal("  measured -0.98 [-1.02, -0.94]; predicted -1", lines[row + 1]);
    }

    private static string[] Lines(string table) => table.TrimEnd('\n').Split('\n').Select(line => line.TrimEnd('\r')).ToArray();

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Escapes();
}
