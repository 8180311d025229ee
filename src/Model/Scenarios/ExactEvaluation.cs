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
/// The seam through which <c>simulate --exact</c> reaches the exact engine: <see cref="Model.Exact.ExactEngine"/>
/// (moment recursions of claims.md §5) by default; tests may construct commands with another engine or none.
/// </summary>
public static class ExactEvaluation
{
    /// <summary>The suite's exact engine: the output iterate's expected error at every checkpoint.</summary>
    public static IExactErrorEngine Engine { get; } = From(configuration =>
        Model.Exact.ExactEngine.TryCompute(configuration) is { } exact ? new ExactErrors(exact.OutputErrors, exact.Method) : null);

    /// <summary>Wraps a function as an engine, e.g. <c>ExactEvaluation.Engine = ExactEvaluation.From(c => ...)</c>.</summary>
    public static IExactErrorEngine From(Func<LocalSgdConfiguration, ExactErrors?> compute) => new FunctionEngine(compute);

    private sealed class FunctionEngine(Func<LocalSgdConfiguration, ExactErrors?> compute) : IExactErrorEngine
    {
        public ExactErrors? TryCompute(LocalSgdConfiguration configuration) => compute(configuration);
    }
}
