using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Checks.Claims.Common;

/// <summary>
/// The experiment settings of Spiridonoff, Olshevsky and Paschalidis (NeurIPS 2021) as claims.md §2 records them
/// [code], and the small pieces of plumbing their claims share: running one configuration under a derived seed,
/// turning a statistical decision into an <see cref="AssertionResult"/>, and the detectable-discrepancy figures
/// claims.md §6 asks every statistical check to state.
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

    /// <summary>
    /// A sub-experiment's seed: the claim's seed mixed with a label (e.g. "workers=16"), so that sub-experiments
    /// that must be independent (points of a rate fit) are, while schedules compared in pairs share one seed.
    /// </summary>
    public static ulong SubSeed(ulong claimSeed, string label) => ClaimSeeds.For(claimSeed, label);

    /// <summary>
    /// Per-replicate errors F(output) − F* at T for one configuration: R replicates from <paramref name="seed"/>, so two
    /// calls with one seed see common random numbers (worker i at step t draws the same noise).
    /// </summary>
    public static double[] FinalErrors(IProblem problem, IReadOnlyList<double> start, IStepSizeSchedule stepSize, int workers, int steps,
        ICommunicationSchedule schedule, int replicates, ulong seed, int threads, OutputIterate? output = null)
    {
        var configuration = new LocalSgdConfiguration(problem, workers, steps, start, stepSize, schedule, output);
        return MonteCarloSimulator.Run(configuration, new SimulationOptions(replicates, seed, threads)).FinalErrors;
    }

    /// <summary>Errors of the 1-D experiments (x0 = 2, η_t = min(2/(t+1), 1/L)).</summary>
    public static double[] ScalarFinalErrors(IProblem problem, int workers, int steps, ICommunicationSchedule schedule, int replicates, ulong seed, int threads) =>
        FinalErrors(problem, [ScalarStart], ScalarStepSize(problem), workers, steps, schedule, replicates, seed, threads);

    /// <summary>
    /// The smallest relative change of a paired ratio of means that a two-sided test at level α detects with power 0.8
    /// (claims.md §6), from the per-pair log-ratio spread; NaN when a mean is not positive.
    /// </summary>
    public static double DetectableRatioChange(double[] numerator, double[] denominator, double alpha)
    {
        if (!(numerator.Average() > 0) || !(denominator.Average() > 0)) return double.NaN;
        return ExperimentDesign.MinimumDetectableRatioChange(PairedComparison.LogRatioStandardDeviation(numerator, denominator), numerator.Length, alpha);
    }

    /// <summary>The smallest slope discrepancy a two-sided test at level α detects with power 0.8: (z_{1−α/2} + z_{0.8})·se(slope).</summary>
    public static double DetectableSlopeChange(LinearFit fit, double alpha) => ExperimentDesign.Multiplier(alpha) * fit.SlopeStandardError;

    /// <summary>
    /// Power-law fit of y_i = mean of <paramref name="samples"/>[i] (times <paramref name="scale"/>[i]) against x_i on log–log axes,
    /// weighted with the known standard errors of the means (delta method, se(ln ȳ) = se(ȳ)/ȳ; z interval at
    /// <paramref name="level"/>). The points must come from independent seeds so that the errors are independent.
    /// </summary>
    public static (LinearFit Fit, double[] Means, double[] StandardErrors) FitScaledMeans(double[] x, IReadOnlyList<double[]> samples, double[] scale, double level)
    {
        var means = new double[x.Length];
        var errors = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            var summary = SampleSummary.Of(samples[i]);
            means[i] = scale[i] * summary.Mean;
            errors[i] = scale[i] * summary.StandardError;
        }
        return (Statistics.LeastSquares.FitPowerLawWeighted(x, means, errors, level, WeightScale.KnownStandardErrors), means, errors);
    }

    /// <summary>
    /// "A is larger than B" from two independent intervals each at level 1 − α/2: Pass when Low(A) &gt; High(B), Fail when
    /// High(A) &lt; Low(B), otherwise Inconclusive. If both cover (probability ≥ 1 − α) a Fail means the true order is
    /// reversed, so the false-fail rate is at most α. Margin = Low(A) − High(B).
    /// </summary>
    public static Decision Exceeds(Interval larger, Interval smaller)
    {
        var verdict = larger.Low > smaller.High ? Verdict.Pass : larger.High < smaller.Low ? Verdict.Fail : Verdict.Inconclusive;
        return new Decision(verdict, larger.Low - smaller.High);
    }

    /// <summary>An assertion from a decision on an interval.</summary>
    public static AssertionResult FromDecision(string name, Decision decision, Interval estimate, string quantityName, Prediction prediction, double alpha, double detectable, string? note = null) =>
        new(name, decision.Verdict, new Quantity(quantityName, estimate.Estimate, "", estimate.Low, estimate.High, estimate.Level), prediction, decision.Margin,
            $"{estimate.Method}; assumes {estimate.Assumption}", alpha, detectable, note);

    /// <summary>"value [low, high]" with 4 significant digits.</summary>
    public static string Show(Interval interval) =>
        $"{Assertions.Format(interval.Estimate)} [{Assertions.Format(interval.Low)}, {Assertions.Format(interval.High)}]";

    /// <summary>Invariant integer formatting.</summary>
    public static string Show(int value) => value.ToString(CultureInfo.InvariantCulture);
}
