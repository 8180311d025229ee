using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>
/// <c>separable-quadratic</c>: F = Σ_k (a_k/2) x_k², g_k = a_k x_k (1 + z_k) + s_k with z ~ N(0, c²),
/// s ~ N(0, σ²) (claims.md §2). Fields: <c>curvatures</c> (a, its length is d), <c>multiplicative_noise</c> (c),
/// <c>additive_noise</c> (σ); both noise levels are required so that c = 0 is always a deliberate choice.
/// </summary>
public sealed class SeparableQuadraticReader : IProblemReader
{
    /// <inheritdoc/>
    public string Family => "separable-quadratic";

    /// <inheritdoc/>
    public string Summary => "F = sum_k (a_k/2) x_k^2 with multiplicative noise c and additive noise sigma (Spiridonoff et al. section 4.1)";

    /// <inheritdoc/>
    public IReadOnlyList<ScenarioField> FieldTable { get; } =
    [
        ScenarioField.Needed("curvatures", SchemaShape.List(SchemaShape.Number(NumberRule.Positive)), "a_k > 0; the length is d."),
        ScenarioField.Needed("multiplicative_noise", SchemaShape.Number(NumberRule.NonNegative), "c >= 0."),
        ScenarioField.Needed("additive_noise", SchemaShape.Number(NumberRule.NonNegative), "sigma >= 0."),
    ];

    /// <inheritdoc/>
    public IProblem Read(ScenarioObject problem, ScenarioContext context)
        => new SeparableQuadratic(
            problem.NumberList("curvatures", NumberRule.Positive),
            problem.Number("multiplicative_noise", NumberRule.NonNegative),
            problem.Number("additive_noise", NumberRule.NonNegative));
}
