using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Checks.Claims.Identities;

/// <summary>
/// A problem an identity is checked on, with its start and step sizes: the separable quadratic with multiplicative noise
/// and the non-quadratic kink and smooth functions, set up as in Spiridonoff et al.'s experiments. <see cref="Key"/>
/// names the problem in assertion ids, <see cref="Name"/> in their text.
/// </summary>
internal sealed record IdentityProblem(string Key, string Name, IProblem Problem, double[] Start, IStepSizeSchedule StepSize)
{
    /// <summary>a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1, η_t = 3/(t+1).</summary>
    public static IdentityProblem Quadratic() => new("quadratic", "separable quadratic, c = 1", SpiridonoffExperiments.Quadratic(),
        SpiridonoffExperiments.QuadraticStart(), SpiridonoffExperiments.QuadraticStepSize());

    /// <summary>The kink function, σ = 8, x0 = 2, η_t = min(2/(t+1), 1/L).</summary>
    public static IdentityProblem Kink() => Scalar("kink", SpiridonoffExperiments.Kink());

    /// <summary>The smooth function, σ = 8, x0 = 2, η_t = min(2/(t+1), 1/L).</summary>
    public static IdentityProblem Smooth() => Scalar("smooth", SpiridonoffExperiments.Smooth());

    private static IdentityProblem Scalar(string name, IProblem problem) =>
        new(name, name, problem, [SpiridonoffExperiments.ScalarStart], SpiridonoffExperiments.ScalarStepSize(problem));
}
