using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.GoldenReport;

/// <summary>
/// The golden-report tests. The committed reference is reports/reference/report.json alone (the `ci` profile with
/// the default master seed); the rest of its folder is rendered from it. The ci run is regenerated once
/// (<see cref="RegeneratedReference"/>): its deterministic body must be byte-identical to the reference's, and every
/// other file of the report folder rendered from the committed report.json must be byte-identical to what `check`
/// writes for the same document. A change to any claim's numbers, verdict, design or text shows here first; when the
/// change is intended, regenerate the reference with
/// <c>dotnet run --project src/Cli -c Release -- check --profile ci --out reports/reference</c> and commit its report.json.
/// </summary>
public class GoldenReportTests(RegeneratedReference golden, ITestOutputHelper output) : IClassFixture<RegeneratedReference>
{
    [Fact]
    public void TheReferenceReportIsRegeneratedByteForByte()
    {
        string? artifacts = Environment.GetEnvironmentVariable("LOCALSGD_ARTIFACTS");
        if (artifacts is not null)
        {
            string folder = Path.Combine(artifacts, "golden-report");
            ReportDirectoryWriter.Write(golden.Regenerated, folder);
            output.WriteLine($"regenerated report written to {folder}");
        }
        foreach (var (id, seconds) in golden.Regenerated.Environment.WallSeconds) output.WriteLine($"{id}: {seconds:0.0} s");

        string? difference = ReportJson.FirstBodyDifference(golden.Reference, golden.Regenerated);
        Assert.True(difference is null,
            $"the regenerated ci report differs from reports/reference/report.json (master seed {golden.Reference.Run.MasterSeed}): {difference}. " +
            "If the change is intended, regenerate the reference and commit it.");
    }

    [Fact]
    public void TheRegeneratedRunsTableFitsOneHundredColumns()
    {
        // The table check prints for this real run: every line within the terminal width the table promises.
        foreach (string line in CheckTableWriter.Write(golden.Regenerated, "in 127.4 s (ci budget 30 s)").Split('\n'))
            Assert.True(TextWrapping.DisplayWidth(line.TrimEnd('\r')) <= CheckTableWriter.Width, $"{TextWrapping.DisplayWidth(line)} columns: {line}");
    }

    [Fact]
    public void TheRegeneratedReportValidatesAgainstTheSchema()
    {
        IReadOnlyList<string> violations = SchemaCheck.ReportErrors(ReportJson.Write(golden.Regenerated));
        Assert.True(violations.Count == 0, "the regenerated ci report breaks docs/report.schema.json:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void EveryFileRenderedFromTheReferenceIsWhatCheckWritesForIt()
    {
        Assert.True(ReportJson.BodiesEqual(golden.Reference, golden.Regenerated),
            "the regenerated body differs from the reference (see TheReferenceReportIsRegeneratedByteForByte), so the two runs share no document to render");
        // What check writes is rendered from its run in memory; the environment block (date, machine, wall times) is
        // the one part two runs do not share, so it is taken from the reference to make the two documents the same.
        ReportDocument asChecked = golden.Regenerated with { Environment = golden.Reference.Environment };
        IReadOnlyList<KeyValuePair<string, string>> written = ReportRenderer.RenderAll(asChecked);
        IReadOnlyList<KeyValuePair<string, string>> rebuilt = ReportRenderer.RenderAll(golden.Reference);

        string? artifacts = Environment.GetEnvironmentVariable("LOCALSGD_ARTIFACTS");
        if (artifacts is not null)
        {
            string folder = Path.Combine(artifacts, "reference-report");
            ReportDirectoryWriter.WriteFiles(rebuilt, folder);
            output.WriteLine($"reference report rendered from report.json written to {folder}");
        }

        Assert.Equal(written.Select(file => file.Key), rebuilt.Select(file => file.Key));
        foreach (var ((name, expected), (_, actual)) in written.Zip(rebuilt))
        {
            string? difference = TextDifference.First(expected, actual);
            Assert.True(difference is null,
                $"{name} rendered from reports/reference/report.json differs from what check writes for the same document: {difference}");
        }
    }
}
