using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.GoldenReport;

/// <summary>
/// The golden-report test: the committed reference report (reports/reference/, the `ci` profile with the default
/// master seed) is regenerated and its deterministic body must be byte-identical. A change to any claim's numbers,
/// verdict, design or text shows here first; when the change is intended, regenerate the reference with
/// <c>dotnet run --project src/Cli -c Release -- check --profile ci --out reports/reference</c> and commit it.
/// </summary>
public class GoldenReportTests(ITestOutputHelper output)
{
    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LocalSgdVerify.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("the test runs outside the repository: LocalSgdVerify.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_reference_report_is_regenerated_byte_for_byte()
    {
        string referencePath = Path.Combine(RepositoryRoot(), "reports", "reference", "report.json");
        Assert.True(File.Exists(referencePath), $"missing {referencePath}: generate it with `check --profile ci --out reports/reference`");
        var reference = ReportJson.ReadFile(referencePath);

        var claims = ClaimCatalog.All;
        var options = new CheckOptions(Profile.Ci, reference.Run.MasterSeed, reference.Run.Alpha);
        var run = ClaimRunner.Run(claims, options, TestContext.Current.CancellationToken);
        var regenerated = ReportDocumentBuilder.FromCheckRun(run, claims, DateTimeOffset.UtcNow, ReportDocumentBuilder.DescribeMachine());

        string? artifacts = Environment.GetEnvironmentVariable("LOCALSGD_ARTIFACTS");
        if (artifacts is not null)
        {
            string folder = Path.Combine(artifacts, "golden-report");
            ReportDirectoryWriter.Write(regenerated, folder);
            output.WriteLine($"regenerated report written to {folder}");
        }
        foreach (var (id, seconds) in run.WallSeconds) output.WriteLine($"{id}: {seconds:0.0} s");

        string? difference = ReportJson.FirstBodyDifference(reference, regenerated);
        Assert.True(difference is null,
            $"the regenerated ci report differs from reports/reference/report.json (master seed {reference.Run.MasterSeed}): {difference}. " +
            "If the change is intended, regenerate the reference and commit it.");
    }
}
