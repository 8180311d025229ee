using LocalSgdVerify.Cli;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Tests.Cli;
using Xunit;

namespace LocalSgdVerify.Tests.Reports;

/// <summary><c>compare OLD.json NEW.json</c>: exit 1 on a new failure, 0 otherwise, 2 on bad input.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Store(ReportDocument document) => folder.Write(Guid.NewGuid().ToString("N") + ".json", ReportJson.Write(document));

    [Fact]
    public void SameReportExits0AndSaysNothingChanged()
    {
        string path = Store(SyntheticReports.Mixed());
        CliRun run = CliRun.Of("compare", path, path);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("No changes: same claims, same verdicts, every measured value within its interval.", run.Output);
        Assert.EndsWith("Result: no new failure.\n", run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ANewFailureExits1AndIsNamed()
    {
        ReportDocument old = SyntheticReports.Mixed();
        ReportDocument current = old with { Claims = old.Claims.Select(c => c.Id == "spiridonoff.S1" ? c with { Verdict = "fail" } : c).ToList() };
        CliRun run = CliRun.Of("compare", Store(old), Store(current));
        Assert.Equal(ExitCodes.Finding, run.ExitCode);
        Assert.Contains("Verdict changes (1):\n  spiridonoff.S1: pass → fail   [NEW FAILURE]\n", run.Output.ReplaceLineEndings("\n"));
        Assert.Contains("Result: 1 new failure (spiridonoff.S1).", run.Output);
    }

    [Fact]
    public void AFixedClaimAndAMovedValueExit0()
    {
        ReportDocument old = SyntheticReports.Mixed();
        ReportDocument current = old with
        {
            Claims = old.Claims.Select(c => c.Id == "spiridonoff.S2" ? c with { Verdict = "pass", Measured = new Quantity("slope", -0.5, "", -0.52, -0.48, 0.95) } : c).ToList(),
        };
        CliRun run = CliRun.Of("compare", Store(old), Store(current));
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("spiridonoff.S2: fail → pass", run.Output);
        Assert.Contains("spiridonoff.S2 / measured slope: -0.98 [-1.02, -0.94] at level 1 − 2.5e-6 → -0.5 [-0.52, -0.48] at level 95% (the new interval lies above the old one)", run.Output);
    }

    [Fact]
    public void ThresholdFlagChangesWhatCountsAsMoved()
    {
        ReportDocument old = SyntheticReports.Document([SyntheticReports.Claim("a.b", "pass", []) with { Measured = new Quantity("x", 1) }]);
        ReportDocument current = old with { Claims = [old.Claims[0] with { Measured = new Quantity("x", 1.05) }] };
        string oldPath = Store(old), newPath = Store(current);
        Assert.DoesNotContain("moved beyond", CliRun.Of("compare", oldPath, newPath).Output);
        Assert.Contains("relative change 0.04762 > threshold 0.01", CliRun.Of("compare", oldPath, newPath, "--threshold", "0.01").Output);
        CliRun bad = CliRun.Of("compare", oldPath, newPath, "--threshold", "-1");
        Assert.Equal(ExitCodes.BadInput, bad.ExitCode);
        Assert.Equal("--threshold = -1 is not allowed: expected a number >= 0 (a relative change, e.g. 0.1).", bad.Error.Trim());
    }

    [Fact]
    public void BadInputExits2WithOneMessageAndNoOutput()
    {
        string good = Store(SyntheticReports.Mixed());
        string scenario = folder.Write("scenario.json", "{\"name\": \"x\"}");
        CliRun run = CliRun.Of("compare", good, scenario);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"{scenario} is not a LocalSgdVerify report: it has no schema_version field", run.Error.Trim());
        Assert.Equal("", run.Output);
        Assert.Equal(ExitCodes.BadInput, CliRun.Of("compare", good).ExitCode);
    }
}
