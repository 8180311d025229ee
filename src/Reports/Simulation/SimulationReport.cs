using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Simulation;

namespace LocalSgdVerify.Reports.Simulation;

/// <summary>Everything one <c>simulate</c> run reports: the scenario as run, the Monte Carlo result, the exact values if asked for, and timing.</summary>
/// <param name="Scenario">The scenario after command-line overrides.</param>
/// <param name="Result">The Monte Carlo outcome.</param>
/// <param name="Exact">The exact section when <c>--exact</c> was given, otherwise null.</param>
/// <param name="Timing">Wall time and threads: the only part that may differ between identical runs.</param>
public sealed record SimulationReport(Scenario Scenario, SimulationResult Result, ExactSection? Exact, RunTiming Timing);

/// <summary>The outcome of asking for exact values: the errors, or why there are none.</summary>
/// <param name="Errors">E[F(output)] − F* per checkpoint, or null.</param>
/// <param name="Reason">Why no exact values exist (no engine, configuration not covered), or null.</param>
public sealed record ExactSection(ExactErrors? Errors, string? Reason)
{
    /// <summary>True when exact values were computed.</summary>
    public bool Available => Errors is not null;
}

/// <summary>How long the simulation took and on how many threads; reported apart from the deterministic result.</summary>
public sealed record RunTiming(double WallTimeSeconds, int Threads);
