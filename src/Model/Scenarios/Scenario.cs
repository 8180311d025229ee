using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Simulation;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// One Local SGD run as a scenario file describes it: the configuration (problem, N, T, x0, η_t, I, output,
/// checkpoints, divergence bound) and how to simulate it (R replicates, master seed, interval level).
/// </summary>
public sealed record Scenario
{
    /// <summary>Short identifier, e.g. <c>spiridonoff-multiplicative</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Free text (may be empty).</summary>
    public string Description { get; init; } = "";

    /// <summary>The run itself.</summary>
    public required LocalSgdConfiguration Configuration { get; init; }

    /// <summary>R, the number of Monte Carlo replicates.</summary>
    public int Replicates { get; init; } = ScenarioDefaults.Replicates;

    /// <summary>The master seed of the noise.</summary>
    public ulong Seed { get; init; } = ScenarioDefaults.Seed;

    /// <summary>Level of the reported confidence intervals.</summary>
    public double ConfidenceLevel { get; init; } = ScenarioDefaults.ConfidenceLevel;

    /// <summary>Where the scenario was read from (a file path), or null.</summary>
    public string? Source { get; init; }

    /// <summary>Options for <see cref="MonteCarloSimulator.Run"/>; threads change the speed, never the result.</summary>
    public SimulationOptions ToSimulationOptions(int threads = 0) => new(Replicates, Seed, threads, ConfidenceLevel);
}

/// <summary>Values used when a scenario leaves an optional top-level field out.</summary>
public static class ScenarioDefaults
{
    /// <summary>R when <c>replicates</c> is absent.</summary>
    public const int Replicates = 200;

    /// <summary>The master seed when <c>seed</c> is absent.</summary>
    public const ulong Seed = 1;

    /// <summary>The interval level when <c>confidence_level</c> is absent.</summary>
    public const double ConfidenceLevel = 0.95;

    /// <summary>The divergence bound when <c>divergence_bound</c> is absent (the model's default).</summary>
    public const double DivergenceBound = 1e100;
}

/// <summary>
/// What a reader of one part may depend on: the fields read before it. Problems see N and T (heterogeneous
/// problems give every worker its own data); step sizes and outputs also see the problem and the schedule.
/// </summary>
public sealed record ScenarioContext(int Workers, int Steps);
