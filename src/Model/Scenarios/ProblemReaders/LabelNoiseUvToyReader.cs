using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>
/// <c>label-noise-uv</c>: Gu et al.'s toy ℓ(u, v; ε) = ½(uv − 1 − ε)², ε ~ N(0, s²), d = 2 with x = (u, v)
/// (claims.md §2, §4 G1). Fields: <c>label_noise</c> (s ≥ 0, required) and <c>local_batch</c> (B_loc ≥ 1,
/// default 1); the gradient of a local batch sees the mean noise ε̄ ~ N(0, s²/B_loc).
/// </summary>
public sealed class LabelNoiseUvToyReader : IProblemReader
{
    /// <inheritdoc/>
    public string Family => "label-noise-uv";

    /// <inheritdoc/>
    public string Summary => "2-D label-noise toy l(u, v; eps) = (1/2)(uv - 1 - eps)^2 (Gu et al.): minima on uv = 1 with sharpness u^2 + v^2";

    /// <inheritdoc/>
    public IReadOnlyList<ScenarioField> FieldTable { get; } =
    [
        ScenarioField.Needed("label_noise", SchemaShape.Number(NumberRule.NonNegative), "s >= 0."),
        ScenarioField.Optional("local_batch", SchemaShape.Integer(1).WithDefault(1), "B_loc >= 1, examples per local batch (default 1)."),
    ];

    /// <inheritdoc/>
    public IProblem Read(ScenarioObject problem, ScenarioContext context)
        => new LabelNoiseUvToy(problem.Number("label_noise", NumberRule.NonNegative), problem.Integer("local_batch", IntegerRule.AtLeast(1), 1));
}
