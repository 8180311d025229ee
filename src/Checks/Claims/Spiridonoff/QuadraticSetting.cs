using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Spiridonoff;

/// <summary>
/// A point of the separable-quadratic family (claims.md §2) with the step size η_t = α/(t + β): curvatures a_k (d of
/// them), multiplicative noise c, additive noise σ, the start x0 (the same in every coordinate), α and β. The part of
/// an assumption space that the quadratic claims share; each claim adds its own hypotheses (on 2α a_k, say).
/// </summary>
/// <param name="Curvatures">a_1..a_d.</param>
/// <param name="MultiplicativeNoise">c.</param>
/// <param name="AdditiveNoise">σ.</param>
/// <param name="Start">x0 in every coordinate.</param>
/// <param name="Alpha">α.</param>
/// <param name="Beta">β.</param>
public sealed record QuadraticSetting(IReadOnlyList<double> Curvatures, double MultiplicativeNoise, double AdditiveNoise, double Start, double Alpha, double Beta)
{
    /// <summary>Curvatures drawn: 0.5 to 3 in steps of 0.5 (condition numbers up to 6).</summary>
    public static IReadOnlyList<double> CurvatureGrid { get; } = [0.5, 1, 1.5, 2, 2.5, 3];

    /// <summary>Multiplicative noise drawn: 0 (additive only) to 1.5.</summary>
    public static IReadOnlyList<double> MultiplicativeGrid { get; } = [0, 0.25, 0.5, 1, 1.5];

    /// <summary>Additive noise drawn.</summary>
    public static IReadOnlyList<double> AdditiveGrid { get; } = [0.25, 0.5, 1, 2];

    /// <summary>Starts drawn.</summary>
    public static IReadOnlyList<double> StartGrid { get; } = [-2, -1, 0.5, 1, 2];

    /// <summary>α drawn: 0.25 to 6 in steps of 0.25 (a claim keeps those its hypotheses allow).</summary>
    public static IReadOnlyList<double> AlphaGrid { get; } = Enumerable.Range(1, 24).Select(i => 0.25 * i).ToArray();

    /// <summary>β drawn.</summary>
    public static IReadOnlyList<double> BetaGrid { get; } = [1, 2, 5, 10];

    /// <summary>The §4.1 setting of Spiridonoff et al. [code]: a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1, α = 3, β = 1.</summary>
    public static QuadraticSetting Paper { get; } = new([1, 2, 3], 1, 0.5, 1, SpiridonoffExperiments.QuadraticStepScale, 1);

    /// <summary>d ∈ {1, 2, 3} and every field from its grid.</summary>
    public static Gen<QuadraticSetting> Generator { get; } =
        from dimension in Gen.Choose(1, 3)
        from curvatures in Gen.ArrayOf(Gen.Elements<double>(CurvatureGrid), dimension)
        from multiplicative in Gen.Elements<double>(MultiplicativeGrid)
        from additive in Gen.Elements<double>(AdditiveGrid)
        from start in Gen.Elements<double>(StartGrid)
        from alpha in Gen.Elements<double>(AlphaGrid)
        from beta in Gen.Elements<double>(BetaGrid)
        select new QuadraticSetting(curvatures, multiplicative, additive, start, alpha, beta);

    /// <summary>μ = min a_k.</summary>
    public double StrongConvexity => Curvatures.Min();

    /// <summary>L = max a_k.</summary>
    public double Smoothness => Curvatures.Max();

    /// <summary>The problem.</summary>
    public SeparableQuadratic Problem => new(Curvatures, MultiplicativeNoise, AdditiveNoise);

    /// <summary>x0 = (Start, ..., Start).</summary>
    public double[] StartPoint => Enumerable.Repeat(Start, Curvatures.Count).ToArray();

    /// <summary>η_t = α/(t + β).</summary>
    public InverseTimeStepSize StepSize => new(Alpha, Beta);

    /// <summary>Smaller settings: fewer coordinates, then each field toward the paper's round values (a = 1, c = 0, σ = 0.5, x0 = 1, β = 1, α = 3).</summary>
    public IEnumerable<QuadraticSetting> Shrink()
    {
        for (int k = 0; k < Curvatures.Count && Curvatures.Count > 1; k++)
            yield return this with { Curvatures = Curvatures.Where((_, i) => i != k).ToArray() };
        for (int k = 0; k < Curvatures.Count; k++)
            foreach (double a in SpaceParts.Toward(Curvatures[k], 1, CurvatureGrid))
                yield return this with { Curvatures = Curvatures.Select((value, i) => i == k ? a : value).ToArray() };
        foreach (double c in SpaceParts.Toward(MultiplicativeNoise, 0, MultiplicativeGrid)) yield return this with { MultiplicativeNoise = c };
        foreach (double s in SpaceParts.Toward(AdditiveNoise, 0.5, AdditiveGrid)) yield return this with { AdditiveNoise = s };
        foreach (double x in SpaceParts.Toward(Start, 1, StartGrid)) yield return this with { Start = x };
        foreach (double b in SpaceParts.Toward(Beta, 1, BetaGrid)) yield return this with { Beta = b };
        foreach (double a in SpaceParts.Toward(Alpha, 3, AlphaGrid)) yield return this with { Alpha = a };
    }

    /// <summary>"a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1, η_t = 3/(t + 1)".</summary>
    public override string ToString() =>
        $"a = ({string.Join(", ", Curvatures.Select(Compact))}), c = {Compact(MultiplicativeNoise)}, σ = {Compact(AdditiveNoise)}, x0 = {Compact(Start)}, η_t = {Compact(Alpha)}/(t + {Compact(Beta)})";
}
