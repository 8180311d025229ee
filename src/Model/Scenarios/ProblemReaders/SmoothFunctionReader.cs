using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary><c>smooth</c>: f = x²/2 + ln(1 + eˣ) (μ = 1, L = 1.25), g = f'(x) + N(0, σ²), d = 1. Field: <c>noise</c> (σ).</summary>
public sealed class SmoothFunctionReader : IProblemReader
{
    /// <inheritdoc/>
    public string Family => "smooth";

    /// <inheritdoc/>
    public string Summary => "1-D f = x^2/2 + ln(1 + e^x) with additive Gaussian gradient noise; twice differentiable";

    /// <inheritdoc/>
    public IReadOnlyList<ScenarioField> FieldTable { get; } = [ScenarioField.Needed("noise", SchemaShape.Number(NumberRule.NonNegative), "sigma >= 0.")];

    /// <inheritdoc/>
    public IProblem Read(ScenarioObject problem, ScenarioContext context)
        => new SmoothFunction(problem.Number("noise", NumberRule.NonNegative));
}
