using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Protocol;
using LocalSgdVerify.Validation.Scenarios;

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
    double WallSeconds);

/// <summary>A whole validation: the implementation's hello, every scenario's result, and the error budget spent in blackbox mode.</summary>
/// <param name="Target">What was validated.</param>
/// <param name="Implementation">The implementation's hello, if a handshake succeeded.</param>
/// <param name="Options">The options in force.</param>
/// <param name="Results">One result per scenario, in order.</param>
/// <param name="TotalAssertions">Statistical assertions registered in the error budget (0 in oracle mode).</param>
public sealed record ValidationRun(string Target, ImplementationHello? Implementation, ValidationOptions Options, IReadOnlyList<ScenarioResult> Results, int TotalAssertions)
{
    /// <summary>0 when every scenario conforms (or is inconclusive), 1 when one does not conform, else 2 when one could not run.</summary>
    public int ExitCode => Results.Any(r => r.Verdict == ScenarioVerdict.NonConforming) ? 1
        : Results.Any(r => r.Verdict == ScenarioVerdict.CouldNotRun) ? 2
        : 0;
}
