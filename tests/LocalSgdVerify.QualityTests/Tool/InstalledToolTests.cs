using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;

namespace LocalSgdVerify.QualityTests.Tool;

/// <summary>
/// The installed tool works outside the checkout: <c>list</c>, <c>check --profile quick</c> and <c>validate</c> with
/// the Python adapter run from an empty temporary folder with nothing of the repository above it, so the built-in
/// scenario set must come from inside the tool.
/// </summary>
public sealed class InstalledToolTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    [Fact]
    public void TheWorkingFolderHasNothingOfTheRepositoryAboveIt()
    {
        Assert.False(tool.WorkingFolder.StartsWith(RepositoryPaths.Root, StringComparison.Ordinal));
        for (var folder = new DirectoryInfo(tool.WorkingFolder); folder is not null; folder = folder.Parent)
        {
            Assert.False(File.Exists(Path.Combine(folder.FullName, "LocalSgdVerify.sln")), $"{folder.FullName} holds the solution");
            Assert.False(Directory.Exists(Path.Combine(folder.FullName, DefaultScenarioSet.RelativeFolder)), $"{folder.FullName} holds a scenario set");
        }
    }

    [Fact]
    public void ListNamesEveryClaimOfTheCatalog()
    {
        ProcessOutcome list = tool.Run("list");
        Assert.True(list.ExitCode == 0, list.Describe());
        foreach (IClaim claim in ClaimCatalog.All) Assert.Contains(claim.Id, list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckQuickWritesAValidReportIntoTheCurrentFolder()
    {
        ProcessOutcome check = tool.Run("check", "--profile", "quick");
        Assert.True(check.ExitCode == 0, check.Describe());
        string path = Path.Combine(tool.WorkingFolder, "reports", "latest", "report.json");
        Assert.True(File.Exists(path), $"no report at {path}\n{check.Describe()}");
        string json = File.ReadAllText(path);
        IReadOnlyList<string> errors = SchemaCheck.ReportErrors(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        ReportDocument report = ReportJson.Read(json, path);
        Assert.Equal("quick", report.Run.Profile);
        Assert.True(report.Run.Complete);
        Assert.Equal(ClaimCatalog.All.Select(claim => claim.Id).Order(StringComparer.Ordinal), report.Claims.Select(claim => claim.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ValidateRunsTheBuiltInSetAgainstThePythonAdapter()
    {
        string adapter = RepositoryPaths.Of("adapters", "python", "local_sgd.py");
        ProcessOutcome validate = tool.Run("validate", "--impl", $"python3 \"{adapter}\"");
        Assert.True(validate.ExitCode == 0, validate.Describe());
        int oracleScenarios = DefaultScenarioSet.ForMode(DefaultScenarioSet.LoadBuiltIn(), ValidationMode.Oracle).Count;
        Assert.StartsWith($"conforms: all {oracleScenarios} scenarios", validate.Output, StringComparison.Ordinal);
        foreach (string name in DefaultScenarioSet.ForMode(DefaultScenarioSet.LoadBuiltIn(), ValidationMode.Oracle).Select(scenario => scenario.Name))
            Assert.Contains(name, validate.Output, StringComparison.Ordinal);
    }
}
