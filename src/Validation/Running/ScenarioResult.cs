using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Protocol;
using LocalSgdVerify.Validation.Scenarios;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Running;

/// <summary>The verdict on one scenario.</summary>
public enum ScenarioVerdict
{
    /// <summary>The implementation does what the theory assumes (oracle: every point within tolerance; blackbox: no detectable discrepancy).</summary>
    Conforms,
    /// <summary>It does not; the diagnosis says what is wrong.</summary>
    NonConforming,
    /// <summary>Blackbox mode could not decide at this number of runs.</summary>
    Inconclusive,
    /// <summary>The implementation could not be run through the scenario; the taxonomy error says why.</summary>
    CouldNotRun,
}

/// <summary>
/// The outcome of one scenario: its verdict, a one-line summary for the table, the diagnosis or error, the first
/// divergence (oracle mode), the statistical assertions (blackbox mode), the evidence in words and the design.
/// </summary>
public sealed record ScenarioResult(
    string Name,
    string Description,
    string? Source,
    ValidationMode Mode,
    ScenarioVerdict Verdict,
    string Summary,
    Diagnosis? Diagnosis,
    Divergence? Divergence,
    ProtocolError? Error,
    IReadOnlyList<AssertionResult> Assertions,
    IReadOnlyList<string> Evidence,
    ClaimDesign Design,
    double? MaximumDeviation,
    double WallSeconds)
{
    /// <summary>
    /// True when the implementation could not be driven through the scenario by its own fault (it crashed, hung,
    /// broke the protocol), as opposed to the user's setup (a command that cannot be started, a mode not offered).
    /// </summary>
    public bool IsImplementationFault => Verdict == ScenarioVerdict.CouldNotRun && !Skipped && Error is { } error && !ProtocolFindings.IsUserSetup(error);

    /// <summary>True when the scenario was not attempted because an earlier one showed the implementation cannot be run.</summary>
    public bool Skipped { get; init; }

    /// <summary>What the scenario found, in one word: the diagnosis's bug class (all candidates when undecided), the error code of a fault, or the verdict.</summary>
    public string Finding => Skipped ? "not run" : Diagnosis is { } diagnosis
        ? (diagnosis.Undecided ? string.Join(" or ", diagnosis.Candidates) : diagnosis.BugClass)
        : Error?.Code ?? Verdict switch
        {
            ScenarioVerdict.NonConforming => "statistical discrepancy",
            ScenarioVerdict.Inconclusive => "inconclusive",
            ScenarioVerdict.Conforms => "conforms",
            _ => "not run",
        };
}

/// <summary>A whole validation: the implementation's hello, every scenario's result, and the error budget spent in blackbox mode.</summary>
/// <param name="Target">What was validated.</param>
/// <param name="Implementation">The implementation's hello, if a handshake succeeded.</param>
/// <param name="Options">The options in force.</param>
/// <param name="Results">One result per scenario, in order.</param>
/// <param name="TotalAssertions">Statistical assertions registered in the error budget (0 in oracle mode).</param>
public sealed record ValidationRun(string Target, ImplementationHello? Implementation, ValidationOptions Options, IReadOnlyList<ScenarioResult> Results, int TotalAssertions)
{
    /// <summary>
    /// 0 when every scenario conforms (or is inconclusive); 1 when one does not conform or the implementation could
    /// not be driven through one (it crashed, hung, broke the protocol: a finding about the implementation); else 2
    /// when the user's setup kept it from running (the command cannot be started, the mode is not offered).
    /// </summary>
    public int ExitCode => Results.Any(r => r.Verdict == ScenarioVerdict.NonConforming || r.IsImplementationFault) ? 1
        : Results.Any(r => r.Verdict == ScenarioVerdict.CouldNotRun) ? 2
        : 0;

    /// <summary>
    /// The overall verdict in one line: "conforms: all 14 scenarios match the reference", or "does not conform:
    /// sync_one_step_late in 13 of 14 scenarios", naming each finding (a bug class, or the error code of a fault)
    /// with the number of scenarios that show it, most frequent first.
    /// </summary>
    public string OverallVerdict()
    {
        int total = Results.Count;
        string Integer(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var findings = Results.Where(r => r.Verdict == ScenarioVerdict.NonConforming || r.IsImplementationFault)
            .GroupBy(r => r.Finding).OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Key} in {Integer(group.Count())} of {Integer(total)} scenario{(total == 1 ? "" : "s")}").ToList();
        int notRun = Results.Count(r => r.Verdict == ScenarioVerdict.CouldNotRun && !r.IsImplementationFault);
        int inconclusive = Results.Count(r => r.Verdict == ScenarioVerdict.Inconclusive);
        int conforming = Results.Count(r => r.Verdict == ScenarioVerdict.Conforms);
        var rest = new List<string>();
        if (conforming > 0 && findings.Count > 0) rest.Add($"{Integer(conforming)} conform{(conforming == 1 ? "s" : "")}");
        if (inconclusive > 0) rest.Add($"{Integer(inconclusive)} inconclusive");
        if (notRun > 0) rest.Add($"{Integer(notRun)} could not run");
        string tail = rest.Count == 0 ? "" : $" ({string.Join(", ", rest)})";
        if (findings.Count > 0) return $"does not conform: {string.Join("; ", findings)}{tail}";
        if (notRun > 0 && conforming == 0) return $"not validated: the implementation could not be run{tail}";
        return $"conforms: {(total == 1 ? "the scenario matches" : $"all {Integer(conforming)} scenarios{(conforming < total ? $" that could be decided" : "")} match")} the reference{tail}";
    }
}
