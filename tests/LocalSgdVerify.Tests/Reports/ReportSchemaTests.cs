using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>docs/report.schema.json accepts every report the writer produces, rejects broken ones, and names exactly the fields of the records.</summary>
public class ReportSchemaTests
{
    private static JsonDocument SchemaDocument() => JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Of("docs", "report.schema.json")));

    private static IReadOnlyList<string> Violations(string json) => SchemaCheck.ReportErrors(json);

    [Fact]
    public void WrittenReportsValidateAgainstTheSchema()
    {
        foreach (ReportDocument document in new[] { SyntheticReports.Mixed(), SyntheticReports.Incomplete(), SyntheticReports.Document([]) })
            Assert.Empty(Violations(ReportJson.Write(document)));
    }

    [Fact]
    public void TheReferenceReportValidatesAgainstTheSchema()
    {
        IReadOnlyList<string> violations = Violations(File.ReadAllText(RepositoryPaths.Of("reports", "reference", "report.json")));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void ARealCheckRunValidatesAgainstTheSchema()
    {
        IReadOnlyList<IClaim> claims = [new LocalSgdVerify.Checks.Claims.Identities.ScheduleInvarianceClaim()];
        var run = ClaimRunner.Run(claims, new CheckOptions(Profile.Quick, TestSeeds.MasterSeed, Threads: 1), TestContext.Current.CancellationToken);
        var violations = Violations(ReportJson.Write(ReportDocumentBuilder.FromCheckRun(run, claims, DateTimeOffset.UnixEpoch, "m")));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void RandomReportsValidateAgainstTheSchema() =>
        Prop.ForAll(SyntheticReports.DocumentGen.ToArbitrary(), document =>
        {
            var violations = Violations(ReportJson.Write(document));
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }).Verify(60);

    [Theory]
    [InlineData("remove", "run", "complete", "/run: required: ")]
    [InlineData("add", "summary", "skipped", "/summary/skipped: false schema: ")]
    [InlineData("set", "schema_version", "2", "/schema_version: const: ")]
    public void SchemaRejectsBrokenReports(string operation, string field, string value, string expected)
    {
        JsonObject root = JsonNode.Parse(ReportJson.Write(SyntheticReports.Mixed()))!.AsObject();
        switch (operation)
        {
            case "remove": root[field]!.AsObject().Remove(value); break;
            case "add": root[field]!.AsObject()[value] = 1; break;
            default: root[field] = value; break;
        }
        IReadOnlyList<string> violations = Violations(root.ToJsonString());
        Assert.True(violations.Count == 1 && violations[0].StartsWith(expected, StringComparison.Ordinal), string.Join("\n", violations));
        if (operation == "remove") Assert.Contains(value, violations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaRejectsAnUnknownVerdictAndAFractionalCount()
    {
        JsonObject root = JsonNode.Parse(ReportJson.Write(SyntheticReports.Mixed()))!.AsObject();
        root["claims"]![0]!["verdict"] = "maybe";
        root["summary"]!["pass"] = 1.5;
        var violations = Violations(root.ToJsonString());
        Assert.Contains(violations, v => v.StartsWith("/claims/0/verdict: enum: ", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("/summary/pass: type: ", StringComparison.Ordinal));
        Assert.Equal(2, violations.Count);
    }

    public static TheoryData<string, Type> Definitions => new()
    {
        { "", typeof(ReportDocument) }, { "suite", typeof(SuiteInfo) }, { "run", typeof(RunInfo) }, { "environment", typeof(RunEnvironment) },
        { "summary", typeof(VerdictCounts) }, { "quantity", typeof(Quantity) }, { "prediction", typeof(Prediction) }, { "design", typeof(ClaimDesign) },
        { "assertion", typeof(AssertionResult) }, { "axis", typeof(Axis) }, { "series", typeof(FigureSeries) },
        { "referenceLine", typeof(LocalSgdVerify.Checks.Framework.ReferenceLine) }, { "figure", typeof(Figure) }, { "claim", typeof(ClaimReport) },
        { "replicatesNeeded", typeof(ReplicatesNeeded) }, { "claimReplicatesNeeded", typeof(ClaimReplicatesNeeded) },
        { "exploration", typeof(LocalSgdVerify.Checks.Framework.Exploration.ExplorationReport) },
        { "exploredVerdicts", typeof(LocalSgdVerify.Checks.Framework.Exploration.ExploredVerdicts) },
        { "exploredCase", typeof(LocalSgdVerify.Checks.Framework.Exploration.ExploredCase) },
        { "heatMap", typeof(HeatMap) },
    };

    // Fields added to schema 1 after its first release (additive, so no version bump): always written, but not
    // required, so reports written before them still validate and read.
    internal static readonly HashSet<string> AddedLater =
        ["environment.total_wall_seconds", "environment.wall_budget_seconds", "assertion.replicates_needed", "claim.replicates_needed",
         "claim.replicates_used", "claim.replicates_maximum", "claim.exploration", "claim.cannot_discriminate", "figure.heat_map"];

    [Theory]
    [MemberData(nameof(Definitions))]
    public void SchemaNamesEveryFieldOfEachRecordAndRequiresAllButTheLaterAdditions(string definition, Type type)
    {
        using JsonDocument schema = SchemaDocument();
        JsonElement node = definition.Length == 0 ? schema.RootElement : schema.RootElement.GetProperty("$defs").GetProperty(definition);
        var expected = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(expected.Where(name => !AddedLater.Contains($"{definition}.{name}")).ToList(),
            node.GetProperty("required").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(JsonValueKind.False, node.GetProperty("additionalProperties").ValueKind);
    }

    [Fact]
    public void AReportWrittenBeforeTheLaterAdditionsStillValidatesAndReads()
    {
        JsonObject root = JsonNode.Parse(ReportJson.Write(SyntheticReports.Mixed() with
        {
            Environment = SyntheticReports.Mixed().Environment with { TotalWallSeconds = 12.5, WallBudgetSeconds = 300 },
        }))!.AsObject();
        Assert.Equal(12.5, root["environment"]!["total_wall_seconds"]!.GetValue<double>());
        root["environment"]!.AsObject().Remove("total_wall_seconds");
        root["environment"]!.AsObject().Remove("wall_budget_seconds");
        foreach (JsonNode? claim in root["claims"]!.AsArray())
        {
            Assert.NotNull(claim!["replicates_needed"]);
            claim.AsObject().Remove("replicates_needed");
            foreach (JsonNode? assertion in claim["assertions"]!.AsArray()) assertion!.AsObject().Remove("replicates_needed");
        }
        string old = root.ToJsonString();
        Assert.Empty(Violations(old));
        var read = ReportJson.Read(old, "old report");
        Assert.Null(read.Environment.TotalWallSeconds);
        Assert.Null(read.Environment.WallBudgetSeconds);
        // The derived fields come back from the recorded ones: the synthetic "level" assertion is 3.5 [3.1, 3.9] against
        // ≤ 4, so f = (0.4/0.5)² = 0.64.
        Assert.Equal(0.64, read.Claims[0].Assertions[1].ReplicatesNeeded.Fraction!.Value, 12);
    }

    [Fact]
    public void SchemaVersionConstantMatchesTheCode()
    {
        using JsonDocument schema = SchemaDocument();
        Assert.Equal(ReportDocument.CurrentSchemaVersion, schema.RootElement.GetProperty("properties").GetProperty("schema_version").GetProperty("const").GetString());
    }
}

/// <summary>docs/reports.md names every file of a report folder and every format of the report command.</summary>
public class ReportDocumentationTests
{
    [Fact]
    public void ReportsPageNamesEveryFileAndFormat()
    {
        string page = File.ReadAllText(RepositoryPaths.Of("docs", "reports.md"));
        foreach (string file in LocalSgdVerify.Reports.Output.ReportFolderOwnership.ReportFileNames.Concat(LocalSgdVerify.Reports.Output.ReportFolderOwnership.PlotFilePatterns).Append(LocalSgdVerify.Reports.Output.ReportFolderOwnership.MarkerName))
            Assert.Contains($"`{file}`", page);
        foreach (string format in LocalSgdVerify.Cli.Report.ReportCommand.Formats)
            Assert.Contains($"`{format}`", page);
        Assert.Contains("`#show=fail,inconclusive`", page);
        Assert.Contains($"`schema_version` (`\"{LocalSgdVerify.Reports.Document.ReportDocument.CurrentSchemaVersion}\"`", page);
    }
}
