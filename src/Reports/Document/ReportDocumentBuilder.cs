using System.Globalization;
using System.Reflection;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Reports.Document;

/// <summary>Builds a <see cref="ReportDocument"/> from a check run and the catalog's descriptions.</summary>
public static class ReportDocumentBuilder
{
    /// <summary>The suite's version (the assembly's informational version, without build metadata).</summary>
    public static string SuiteVersion
    {
        get
        {
            string version = typeof(ReportDocumentBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            int plus = version.IndexOf('+');
            return plus >= 0 ? version[..plus] : version;
        }
    }

    /// <summary>Describes a finished (or stopped) check run.</summary>
    public static ReportDocument FromCheckRun(CheckRun run, IReadOnlyList<IClaim> claims, DateTimeOffset date, string machine)
    {
        var byId = claims.ToDictionary(c => c.Id);
        var reports = run.Results.Select(result =>
        {
            var claim = byId[result.Id];
            return new ClaimReport(claim.Id, claim.Title, claim.Source, claim.Statement, claim.Assumptions, KindName(claim.Kind),
                claim.Design(run.Options.Profile), VerdictText.Name(result.Verdict), result.Measured, result.Predicted, result.Margin,
                run.AlphaPerAssertion, result.Assertions, result.Evidence, result.Figures, result.SamplesUsed,
                result.ReplicatesUsed, result.ReplicatesMaximum, result.Exploration, result.CannotDiscriminate);
        }).ToList();
        var counts = new VerdictCounts(
            run.Results.Count(r => r.Verdict == Verdict.Pass),
            run.Results.Count(r => r.Verdict == Verdict.Fail),
            run.Results.Count(r => r.Verdict == Verdict.Inconclusive));
        var info = new RunInfo("check", ProfileName(run.Options.Profile), run.Options.MasterSeed, run.Options.Alpha,
            run.TotalAssertions, run.AlphaPerAssertion, !run.Incomplete, run.NotFinished);
        var environment = new RunEnvironment(FormatDate(date), machine,
            run.Options.Threads > 0 ? run.Options.Threads : System.Environment.ProcessorCount, run.WallSeconds);
        return new ReportDocument(ReportDocument.CurrentSchemaVersion, new SuiteInfo(SuiteInfo.ToolName, SuiteVersion), info, environment, counts, reports);
    }

    /// <summary>The date in every report header (check and validate): UTC to the second, ISO 8601 ("2026-11-21T09:30:00Z").</summary>
    public static string FormatDate(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A one-line description of this machine for the header.</summary>
    public static string DescribeMachine()
        => $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Environment.ProcessorCount} cores, .NET {System.Environment.Version}";

    /// <summary>exact, statistical or scaling.</summary>
    public static string KindName(ClaimKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>quick, ci or full.</summary>
    public static string ProfileName(Profile profile) => profile.ToString().ToLowerInvariant();
}
