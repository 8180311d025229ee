using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// An objective <c>F(x) = E f(x, ζ)</c> on <c>R^d</c> together with its stochastic first-order oracle
/// (claims.md §1–§2). A problem is an immutable description; the per-thread, stateful part that draws
/// gradients is an <see cref="IGradientOracle"/> made by <see cref="CreateOracle"/>.
/// </summary>
public interface IProblem
{
    /// <summary>The family name used in scenario files, e.g. <c>separable-quadratic</c>.</summary>
    string Family { get; }

    /// <summary>Dimension d of the iterate.</summary>
    int Dimension { get; }

    /// <summary>F(x), the population objective (the mean over workers for heterogeneous problems).</summary>
    double Value(ReadOnlySpan<double> x);

    /// <summary>∇F(x), written into <paramref name="gradient"/>.</summary>
    void Gradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>F* = inf F.</summary>
    double OptimalValue { get; }

    /// <summary>A minimiser x*, or null when the minimisers form a manifold (the uv toy).</summary>
    IReadOnlyList<double>? Optimum { get; }

    /// <summary>Strong-convexity (or PL) constant μ where it exists.</summary>
    double? StrongConvexity { get; }

    /// <summary>Smoothness constant L where it exists.</summary>
    double? Smoothness { get; }

    /// <summary>Extra quantities reported like the error (e.g. the uv toy's <c>u² − v²</c> and sharpness).</summary>
    IReadOnlyList<Observable> Observables { get; }

    /// <summary>
    /// A stochastic-gradient oracle whose noise is a pure function of (seed, replicate, worker, step), so two
    /// runs with one seed see common random numbers whatever their schedule.
    /// </summary>
    IGradientOracle CreateOracle(ulong seed);

    /// <summary>The parameters the problem was built from, for reports and the validation protocol.</summary>
    IReadOnlyDictionary<string, object> Parameters { get; }

    /// <summary>Error of a point: F(x) − F*.</summary>
    double Error(ReadOnlySpan<double> x) => Value(x) - OptimalValue;
}

/// <summary>Draws <c>g = ∇f(x, ζ)</c> for the worker and step named by the address; owns its scratch space.</summary>
public interface IGradientOracle
{
    /// <summary>Writes an unbiased stochastic gradient at <paramref name="x"/> into <paramref name="gradient"/>.</summary>
    void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient);
}

/// <summary>A scalar function of the iterate that a problem reports beside the error.</summary>
public delegate double ObservableFunction(ReadOnlySpan<double> x);

/// <summary>A named observable, e.g. <c>u² − v²</c> on the uv toy.</summary>
public sealed record Observable(string Name, string Description, ObservableFunction Evaluate);
