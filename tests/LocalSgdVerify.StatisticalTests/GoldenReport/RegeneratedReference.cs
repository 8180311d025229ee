using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.GoldenReport;

/// <summary>The committed reference report and the ci run regenerated from its master seed and α, computed once for the golden tests.</summary>
public sealed class RegeneratedReference
{
    /// <summary>Reads the reference and runs every claim of the catalog at the ci profile.</summary>
    public RegeneratedReference()
    {
        string path = RepositoryPaths.Of("reports", "reference", "report.json");
        Assert.True(File.Exists(path), $"missing {path}: generate it with `check --profile ci --out reports/reference`");
        Reference = ReportJson.ReadFile(path);
        var claims = ClaimCatalog.All;
        var run = ClaimRunner.Run(claims, new CheckOptions(Profile.Ci, Reference.Run.MasterSeed, Reference.Run.Alpha), TestContext.Current.CancellationToken);
        Regenerated = ReportDocumentBuilder.FromCheckRun(run, claims, DateTimeOffset.UtcNow, ReportDocumentBuilder.DescribeMachine());
    }

    /// <summary>reports/reference/report.json as read.</summary>
    public ReportDocument Reference { get; }

    /// <summary>The regenerated run's document, as check builds it before writing.</summary>
    public ReportDocument Regenerated { get; }
}
