using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.Schema;

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
    public IReadOnlyList<ScenarioField> FieldTable { get; } =
    [
        ScenarioField.Optional("curvature", SchemaShape.Number(NumberRule.Positive).WithDefault(1), "mu > 0 (default 1)."),
        ScenarioField.Needed("noise", SchemaShape.Number(NumberRule.NonNegative), "sigma >= 0."),
    ];

    /// <inheritdoc/>
    public IProblem Read(ScenarioObject problem, ScenarioContext context)
        => new KinkFunction(problem.Number("curvature", NumberRule.Positive, 1.0), problem.Number("noise", NumberRule.NonNegative));
}
