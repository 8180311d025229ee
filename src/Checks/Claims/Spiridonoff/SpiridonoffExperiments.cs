using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Checks.Claims.Spiridonoff;

/// <summary>
/// The experiment settings of Spiridonoff, Olshevsky and Paschalidis (NeurIPS 2021) as claims.md §2 records them
/// [code]: the 1-D kink and smooth functions of the speed-up experiments and the §4.1 separable quadratic, with their
/// starts, step sizes and worker count. The identity claims and Stich's claim reuse these problems.
/// </summary>
public static class SpiridonoffExperiments
{
    /// <summary>x0 = 2 for the 1-D speed-up experiments [code].</summary>
    public const double ScalarStart = 2;

    /// <summary>σ = 8, the gradient noise of the 1-D speed-up experiments [code].</summary>
    public const double ScalarNoise = 8;

    /// <summary>N = 20 workers of the §4.1 quadratic experiment [code].</summary>
    public const int QuadraticWorkers = 20;

    /// <summary>α = 3 in η_t = α/(t + 1) of the §4.1 quadratic experiment [code].</summary>
    public const double QuadraticStepScale = 3;

    /// <summary>The §4.1 quadratic experiment in the words of a claim's design.</summary>
    public const string QuadraticSetting = "§4.1 separable quadratic: a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1, η_t = 3/(t+1)";

    /// <summary>The kink speed-up experiment in the words of a claim's design.</summary>
    public const string KinkSetting = "kink function, μ = 1, σ = 8, x0 = 2, η_t = min(2/(t+1), 1/2)";

    /// <summary>The label of increasing intervals with R = N rounds.</summary>
    public const string IncreasingLabel = "increasing intervals, R = N";

    /// <summary>The kink function f = x² (x ≥ 0), x²/2 (x &lt; 0), μ = 1, L = 2, σ = 8 [code].</summary>
    public static KinkFunction Kink() => new(1, ScalarNoise);

    /// <summary>The smooth function f = x²/2 + ln(1 + eˣ), μ = 1, L = 1.25, σ = 8 [code].</summary>
    public static SmoothFunction Smooth() => new(ScalarNoise);

    /// <summary>η_t = min(2/(t + 1), 1/L): ½ on the kink, 0.8 on the smooth function [code].</summary>
    public static IStepSizeSchedule ScalarStepSize(IProblem problem) =>
        new CappedInverseTimeStepSize(2, 1, 1 / (problem.Smoothness ?? throw new ArgumentException($"problem '{problem.Family}' has no smoothness constant L, which the step-size cap 1/L needs", nameof(problem))));

    /// <summary>The §4.1 separable quadratic: d = 3, a = (1, 2, 3), multiplicative noise c = 1, additive σ = 0.5 [code].</summary>
    public static SeparableQuadratic Quadratic() => new([1.0, 2.0, 3.0], 1, 0.5);

    /// <summary>x0 = (1, 1, 1) of the §4.1 quadratic experiment [code].</summary>
    public static double[] QuadraticStart() => [1.0, 1.0, 1.0];

    /// <summary>η_t = 3/(t + 1) of the §4.1 quadratic experiment [code].</summary>
    public static InverseTimeStepSize QuadraticStepSize() => new(QuadraticStepScale, 1);

    /// <summary>Increasing intervals with R = ⌈N^p⌉ rounds (p = 1 is the paper's R = N).</summary>
    public static IncreasingIntervals IncreasingWithRoundsPower(double exponent) => new(RoundCount.PowerOfWorkers(exponent));

    /// <summary>Per-replicate errors of the 1-D experiments (x0 = 2, η_t = min(2/(t+1), 1/L)) under <paramref name="seed"/>.</summary>
    public static double[] ScalarFinalErrors(ClaimContext context, IProblem problem, int workers, int steps, ICommunicationSchedule schedule, int replicates, ulong seed) =>
        FinalErrors.Sampled(context, problem, [ScalarStart], ScalarStepSize(problem), workers, steps, schedule, replicates, seed);
}
