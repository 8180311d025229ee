using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>report.json round-trips exactly, every format renders the same from the stored file, and bad files get one clear message.</summary>
public class ReportJsonTests
{
    [Fact]
    public void EveryFormatRendersIdenticallyFromTheStoredJson() =>
        Prop.ForAll(SyntheticReports.DocumentGen.ToArbitrary(), document =>
        {
            string json = ReportJson.Write(document);
            ReportDocument stored = ReportJson.Read(json, "report.json");
            Assert.Equal(json, ReportJson.Write(stored));
            foreach (ReportFormat format in Enum.GetValues<ReportFormat>())
                Assert.Equal(ReportRenderer.Render(document, format), ReportRenderer.Render(stored, format));
            Assert.Equal(ReportRenderer.RenderPlots(document), ReportRenderer.RenderPlots(stored));
        }).Verify(60);

    [Fact]
    public void LayoutChangesOnlyWhiteSpace() =>
        Prop.ForAll(SyntheticReports.DocumentGen.ToArbitrary(), document =>
        {
            string compact = JsonSerializer.Serialize(document, new JsonSerializerOptions(ReportJson.Options) { WriteIndented = false });
            Assert.Equal(compact, WithoutWhiteSpace(ReportJson.Write(document)));
        }).Verify(60);

    [Fact]
    public void NumericArraysStandOnOneLineAndEverythingElseIsIndented()
    {
        Figure gappy = SyntheticFigures.UvToy() with { Series = [new FigureSeries("gappy", [1, 2, 3], [0.5, double.NaN, double.PositiveInfinity])] };
        string json = ReportJson.Write(SyntheticReports.Document([SyntheticReports.Claim("a.b", "pass", [SyntheticFigures.ErrorVersusT(), gappy])]));
        Assert.Contains("\n  \"schema_version\": \"1\",\n", json);
        Assert.Contains("\"x\": [10, 100, 1000, 10000],\n", json);
        Assert.Contains("\"workers\": [1, 2, 4],\n", json);
        Assert.Contains("\"y\": [0.5, \"NaN\", \"Infinity\"],\n", json);
        Assert.Contains("\"schedules\": [\n", json);
        Assert.Contains("\"not_finished\": []\n", json);
        Assert.DoesNotMatch(@"\n *(-?[0-9][0-9.eE+-]*|""NaN""|""-?Infinity""),?\n", json);
    }

    [Fact]
    public void LongLinesAreShownFromTheirFirstDifference()
    {
        double[] x = [.. Enumerable.Range(1, 200).Select(i => (double)i)];
        ReportDocument With(double last) => SyntheticReports.Document([SyntheticReports.Claim("a.b", "pass",
            [SyntheticFigures.UvToy() with { Series = [new FigureSeries("long", x, [.. x.SkipLast(1), last])] }])]);
        string difference = ReportJson.FirstBodyDifference(With(200), With(201))!;
        Assert.Contains("expected '…", difference);
        Assert.Contains("198, 199, 200],' (character", difference);
        Assert.Contains("198, 199, 201],' (character", difference);
    }

    [Fact]
    public void NonFiniteNumbersSurviveTheRoundTrip()
    {
        var claim = SyntheticReports.Claim("a.b", "inconclusive", []) with
        {
            Measured = new Quantity("gap", double.NaN, "", double.NegativeInfinity, double.PositiveInfinity, 0.95),
            Margin = double.NegativeInfinity,
        };
        string json = ReportJson.Write(SyntheticReports.Document([claim]));
        Assert.Contains("\"value\": \"NaN\"", json);
        Assert.Contains("\"margin\": \"-Infinity\"", json);
        ClaimReport read = ReportJson.Read(json, "x").Claims[0];
        Assert.True(double.IsNaN(read.Measured.Value));
        Assert.Equal(double.NegativeInfinity, read.Measured.Low);
        Assert.Equal(double.PositiveInfinity, read.Measured.High);
        Assert.Equal(double.NegativeInfinity, read.Margin);
    }

    [Theory]
    [InlineData("{ not json", "is not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object, found array")]
    [InlineData("{\"claims\": []}", "has no schema_version field")]
    [InlineData("{\"schema_version\": \"2\"}", "schema_version = 2 is not supported; expected \"1\"")]
    [InlineData("{\"schema_version\": 1}", "schema_version = 1 is not supported")]
    public void BadFilesAreRejectedWithOneMessage(string json, string expected)
    {
        var error = Assert.Throws<ReportFormatException>(() => ReportJson.Read(json, "old.json"));
        Assert.StartsWith("old.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("remove", "claims")]
    [InlineData("unknown", "colour")]
    [InlineData("null-title", "title")]
    public void StructurallyBrokenReportsAreRejected(string breakage, string field)
    {
        JsonObject root = JsonNode.Parse(ReportJson.Write(SyntheticReports.Mixed()))!.AsObject();
        switch (breakage)
        {
            case "remove": root.Remove(field); break;
            case "unknown": root[field] = "blue"; break;
            default: root["claims"]![0]![field] = null; break;
        }
        var error = Assert.Throws<ReportFormatException>(() => ReportJson.Read(root.ToJsonString(), "r.json"));
        Assert.Contains("is not a valid LocalSgdVerify report", error.Message);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void AMissingFileIsAFormatErrorNamingThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-report-" + Guid.NewGuid().ToString("N") + ".json");
        var error = Assert.Throws<ReportFormatException>(() => ReportJson.ReadFile(path));
        Assert.Equal($"{path} could not be read: the file does not exist", error.Message);
    }

    [Fact]
    public void BodyIgnoresTheEnvironmentAndNothingElse()
    {
        ReportDocument first = SyntheticReports.Mixed();
        ReportDocument otherMachine = first with { Environment = new RunEnvironment("2030-01-01T00:00:00Z", "elsewhere", 1, new Dictionary<string, double> { ["x"] = 9 }) };
        Assert.NotEqual(ReportJson.Write(first), ReportJson.Write(otherMachine));
        Assert.True(ReportJson.BodiesEqual(first, otherMachine));
        Assert.Null(ReportJson.FirstBodyDifference(first, otherMachine));
        Assert.DoesNotContain("elsewhere", ReportJson.Body(otherMachine));

        ReportDocument otherResult = first with { Claims = [first.Claims[0] with { Margin = 0.25 }, .. first.Claims.Skip(1)] };
        Assert.False(ReportJson.BodiesEqual(first, otherResult));
        string difference = ReportJson.FirstBodyDifference(first, otherResult)!;
        Assert.Contains("expected '\"margin\": 0.125,' but found '\"margin\": 0.25,'", difference);
    }

    [Fact]
    public void MarkIncompleteAddsUnfinishedIdsOnceAndSkipsFinishedOnes()
    {
        ReportDocument document = SyntheticReports.Incomplete().MarkIncomplete(["gu.uv-toy", "spiridonoff.S1", "new.one", "new.one"]);
        Assert.False(document.Run.Complete);
        Assert.Equal(["spiridonoff.S2", "gu.uv-toy", "new.one"], document.Run.NotFinished);
    }

    // JSON text without the white space between tokens (strings are kept as they are).
    private static string WithoutWhiteSpace(string json)
    {
        var text = new StringBuilder(json.Length);
        bool inString = false, escaped = false;
        foreach (char c in json)
        {
            if (inString)
            {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
            }
            else if (char.IsWhiteSpace(c)) continue;
            else if (c == '"') inString = true;
            text.Append(c);
        }
        return text.ToString();
    }
}
