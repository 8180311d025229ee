using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// E[F(output at t)] − F* at every checkpoint of a configuration, computed without sampling (claims.md §5).
/// </summary>
/// <param name="MeanErrors">One value per checkpoint, aligned with <see cref="LocalSgdConfiguration.Checkpoints"/>.</param>
/// <param name="Method">How it was computed, e.g. "separable second-moment recursion".</param>
public sealed record ExactErrors(IReadOnlyList<double> MeanErrors, string Method);

/// <summary>Computes <see cref="ExactErrors"/> for the configurations it supports; null for the others.</summary>
public interface IExactErrorEngine
{
    /// <summary>The exact errors, or null when the configuration is outside the engine's reach.</summary>
    ExactErrors? TryCompute(LocalSgdConfiguration configuration);
}

/// <summary>
/// The seam through which <c>simulate --exact</c> reaches the exact engine. The model's engine registers itself
/// here once (one line at start-up); until then <see cref="Engine"/> is null and the command reports that no exact
/// engine is available.
/// </summary>
public static class ExactEvaluation
{
    /// <summary>The registered engine, or null.</summary>
    public static IExactErrorEngine? Engine { get; set; }

    /// <summary>Wraps a function as an engine, e.g. <c>ExactEvaluation.Engine = ExactEvaluation.From(c => ...)</c>.</summary>
    public static IExactErrorEngine From(Func<LocalSgdConfiguration, ExactErrors?> compute) => new FunctionEngine(compute);

    private sealed class FunctionEngine(Func<LocalSgdConfiguration, ExactErrors?> compute) : IExactErrorEngine
    {
        public ExactErrors? TryCompute(LocalSgdConfiguration configuration) => compute(configuration);
    }
}
