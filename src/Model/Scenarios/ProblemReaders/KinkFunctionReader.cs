using LocalSgdVerify.Model.Problems;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>
/// <c>kink</c>: f = μx² for x ≥ 0, (μ/2)x² for x &lt; 0, g = f'(x) + N(0, σ²), d = 1. Fields: <c>curvature</c>
/// (μ, default 1 as in Spiridonoff et al.'s code) and <c>noise</c> (σ, required).
/// </summary>
public sealed class KinkFunctionReader : IProblemReader
{
    /// <inheritdoc/>
    public string Family => "kink";

    /// <inheritdoc/>
    public string Summary => "1-D f = mu x^2 (x >= 0), (mu/2) x^2 (x < 0) with additive Gaussian gradient noise; f'' jumps at x*";

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields { get; } = ["curvature", "noise"];

    /// <inheritdoc/>
    public IProblem Read(ScenarioObject problem, ScenarioContext context)
        => new KinkFunction(problem.Number("curvature", NumberRule.Positive, 1.0), problem.Number("noise", NumberRule.NonNegative));
}
