using LocalSgdVerify.Model.Scenarios;

namespace LocalSgdVerify.Validation.Scenarios;

/// <summary>The two ways the harness can drive an implementation.</summary>
public enum ValidationMode
{
    /// <summary>The harness serves every gradient and compares every queried point with the reference (exact, differential).</summary>
    Oracle,
    /// <summary>The implementation draws its own noise; the harness compares the distribution of its outputs over many seeds.</summary>
    Blackbox,
}

/// <summary>
/// "Linear speed-up in N" measured on the implementation itself (blackbox mode): the mean error at T is measured
/// for every N in <see cref="Workers"/>; the slope of ln(mean error) against ln N must equal <see cref="Slope"/>
/// within <see cref="Tolerance"/>.
/// </summary>
/// <param name="Workers">The worker counts, at least three distinct values, e.g. 1, 2, 4, 8.</param>
/// <param name="Slope">The predicted exponent, −1 for linear speed-up.</param>
/// <param name="Tolerance">Absolute tolerance on the slope.</param>
public sealed record SpeedupCheck(IReadOnlyList<int> Workers, double Slope, double Tolerance);

/// <summary>
/// A scenario to validate an implementation on: the model's scenario (problem, N, T, x0, η_t, I, output, seed,
/// replicates) plus the validation settings of the file's optional <c>validation</c> object.
/// </summary>
/// <param name="Scenario">The run.</param>
/// <param name="Modes">The modes this scenario takes part in (the default set is filtered by <c>--mode</c>).</param>
/// <param name="Replicate">The noise replicate of the oracle run.</param>
/// <param name="Speedup">An optional speed-up check in blackbox mode.</param>
public sealed record ValidationScenario(Scenario Scenario, IReadOnlyList<ValidationMode> Modes, int Replicate, SpeedupCheck? Speedup)
{
    /// <summary>The scenario's name.</summary>
    public string Name => Scenario.Name;
}
