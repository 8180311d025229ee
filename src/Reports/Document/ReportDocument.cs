using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;

namespace LocalSgdVerify.Reports.Document;

/// <summary>
/// The machine-readable bound-check report (report.json, schema in docs/report.schema.json). Markdown, HTML and
/// JUnit are rendered from it alone. Everything but <see cref="Environment"/> is a pure function of
/// (suite version, profile, seed, claims): two runs with one seed give byte-identical bodies.
/// </summary>
public sealed record ReportDocument(
    string SchemaVersion,
    SuiteInfo Suite,
    RunInfo Run,
    RunEnvironment Environment,
    VerdictCounts Summary,
    IReadOnlyList<ClaimReport> Claims)
{
    /// <summary>The version of the report format; bumped on any incompatible change.</summary>
    public const string CurrentSchemaVersion = "1";

    /// <summary>
    /// The same report marked incomplete (run.complete = false) with <paramref name="notFinished"/> added to
    /// run.not_finished (ids of claims that already have a result are left out, duplicates dropped, order kept).
    /// </summary>
    public ReportDocument MarkIncomplete(IEnumerable<string> notFinished)
    {
        ArgumentNullException.ThrowIfNull(notFinished);
        var finished = Claims.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var list = Run.NotFinished.Concat(notFinished).Where(id => !finished.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        return this with { Run = Run with { Complete = false, NotFinished = list } };
    }
}

/// <summary>The suite that wrote the report.</summary>
public sealed record SuiteInfo(string Name, string Version)
{
    /// <summary>The name every report of this tool carries in suite.name.</summary>
    public const string ToolName = "LocalSgdVerify";
}

/// <summary>What was run: the command (check or validate), profile, master seed and error budget, and whether it finished.</summary>
public sealed record RunInfo(
    string Kind,
    string Profile,
    ulong MasterSeed,
    double Alpha,
    int TotalAssertions,
    double AlphaPerAssertion,
    bool Complete,
    IReadOnlyList<string> NotFinished);

/// <summary>
/// The non-deterministic header: when, where, how many threads, how long each claim took and, when the writer knew
/// them, the whole command's wall time up to the report's assembly and the profile's wall-time budget
/// (<see cref="WallTimeBudget"/>). The last two are optional: reports written before they existed read as null.
/// </summary>
public sealed record RunEnvironment(string Date, string Machine, int Threads, IReadOnlyDictionary<string, double> WallSeconds,
    double? TotalWallSeconds = null, double? WallBudgetSeconds = null);

/// <summary>How many claims passed, failed and were inconclusive.</summary>
public sealed record VerdictCounts(int Pass, int Fail, int Inconclusive);

/// <summary>
/// One claim: its description (from the catalog), its design at the run's profile and its result, with the replicates
/// per experiment its verdict rests on beside the profile's maximum (a staged run stops at the first look that decides)
/// what the search over its assumption space found (null for a claim checked at fixed configurations, and in
/// reports written before exploration existed), and why its assertions cannot discriminate when the claim declares
/// that (<see cref="ClaimResult.CannotDiscriminate"/>; null otherwise).
/// </summary>
public sealed record ClaimReport(
    string Id,
    string Title,
    string Source,
    string Statement,
    IReadOnlyList<string> Assumptions,
    string Kind,
    ClaimDesign Design,
    string Verdict,
    Quantity Measured,
    Prediction Predicted,
    double Margin,
    double AlphaPerAssertion,
    IReadOnlyList<AssertionResult> Assertions,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<Figure> Figures,
    long SamplesUsed,
    int? ReplicatesUsed = null,
    int? ReplicatesMaximum = null,
    ExplorationReport? Exploration = null,
    string? CannotDiscriminate = null)
{
    /// <summary>
    /// The share of the replicates used at which the claim's verdict would first have been reached, with the implied
    /// replicate and sample counts (see <see cref="ClaimReplicatesNeeded"/>); derived from the fields above. Reports
    /// written before replicates used were recorded read them as null and count the design's replicates.
    /// </summary>
    public ClaimReplicatesNeeded ReplicatesNeeded => ClaimReplicatesNeeded.For(Assertions, ReplicatesUsed ?? Design.Replicates, SamplesUsed);
}
