using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Gu;

/// <summary>
/// A configuration of the label-noise uv toy (claims.md §2 and §4a, G1/G2/Q1): label noise s, K workers with local batch
/// B_loc = 1, the start on the manifold uv = 1 at D0 = u² − v², a peak learning rate η, Local SGD's period H and the
/// horizon T. Each Gu claim reads the fields it needs (G1: constant η and H; G2: constant η, H against SGD; Q1: η as the
/// peak of a cosine with warm-up W and QSR's α).
/// </summary>
/// <param name="LabelNoise">s.</param>
/// <param name="Workers">K.</param>
/// <param name="InitialDifference">D0.</param>
/// <param name="StepSize">η (the peak for Q1).</param>
/// <param name="Period">H (Q1: unused, the period follows QSR).</param>
/// <param name="Steps">T.</param>
/// <param name="Warmup">W, the linear warm-up of Q1's cosine (0 for G1, G2).</param>
/// <param name="GrowthCoefficient">QSR's α (0 for G1, G2).</param>
public sealed record GuSetting(double LabelNoise, int Workers, double InitialDifference, double StepSize, int Period, int Steps, int Warmup = 0, double GrowthCoefficient = 0)
{
    /// <summary>The paper-scale setting of G1 and G2: s = 1, K = 4, D0 = 3, η = 0.03.</summary>
    public static GuSetting Paper(int period, int steps) => new(GuExperiments.LabelNoise, GuExperiments.Workers, GuExperiments.InitialDifference, DriftClaim.StepSize, period, steps);

    /// <summary>Label noises drawn.</summary>
    public static IReadOnlyList<double> NoiseGrid { get; } = [0.5, 1, 2];

    /// <summary>Starts D0 drawn (sharpness √(D0² + 4) from 2.8 to 4.5).</summary>
    public static IReadOnlyList<double> DifferenceGrid { get; } = [2, 3, 4];

    /// <summary>Learning rates drawn.</summary>
    public static IReadOnlyList<double> StepSizeGrid { get; } = [0.01, 0.02, 0.03];

    /// <summary>s, K, D0 and η from their grids, with the given periods and horizons.</summary>
    public static Gen<GuSetting> Generator(int[] periods, int[] horizons) =>
        from noise in Gen.Elements<double>(NoiseGrid)
        from workers in Gen.Elements(2, 4, 8)
        from difference in Gen.Elements<double>(DifferenceGrid)
        from eta in Gen.Elements<double>(StepSizeGrid)
        from period in Gen.Elements(periods)
        from steps in Gen.Elements(horizons)
        select new GuSetting(noise, workers, difference, eta, period, steps);

    /// <summary>η·λ at the start, λ = √(D0² + 4): the learning rate relative to the sharpness (small means well below 2).</summary>
    public double StartStepSharpness => StepSize * GuTheory.Sharpness(InitialDifference);

    /// <summary>The toy (B_loc = 1).</summary>
    public LabelNoiseUvToy Problem => new(LabelNoise, GuExperiments.LocalBatch);

    /// <summary>The Local SGD configuration from the manifold point at D0.</summary>
    public LocalSgdConfiguration Configuration(IStepSizeSchedule stepSize, ICommunicationSchedule schedule, IReadOnlyList<int> checkpoints) =>
        new(Problem, Workers, Steps, GuTheory.StartOnManifold(InitialDifference), stepSize, schedule, checkpoints: checkpoints);

    /// <summary>The toy dynamics' E D at T under a constant η and the round lengths <paramref name="roundLength"/>.</summary>
    public double PredictedDifference(Func<int, double> stepSize, Func<int, int> roundLength) =>
        GuTheory.PredictDifference(InitialDifference, [Steps], stepSize, roundLength, LabelNoise, GuExperiments.LocalBatch, Workers)[0];

    /// <summary>The toy dynamics' decay exponent ln(D0/E D_T) with constant η and period H.</summary>
    public double PredictedExponent => Math.Log(InitialDifference / PredictedDifference(_ => StepSize, _ => Math.Min(Period, Steps)));

    /// <summary>Smaller configurations: K toward 2, T toward the smallest horizon, then s, D0, η toward the paper's 1, 3, 0.03, H toward 10.</summary>
    public IEnumerable<GuSetting> Shrink(int smallestHorizon)
    {
        if (Workers > 2) yield return this with { Workers = Workers / 2 };
        if (Steps > smallestHorizon) yield return this with { Steps = Math.Max(smallestHorizon, Steps / 2) };
        foreach (double s in SpaceParts.Toward(LabelNoise, 1, NoiseGrid)) yield return this with { LabelNoise = s };
        foreach (double d in SpaceParts.Toward(InitialDifference, 3, DifferenceGrid)) yield return this with { InitialDifference = d };
        foreach (double eta in SpaceParts.Toward(StepSize, 0.03, StepSizeGrid)) yield return this with { StepSize = eta };
        if (Period > 10) yield return this with { Period = Period / 10 };
    }

    /// <summary>"uv toy s = 1, K = 4, D0 = 3, η = 0.03, H = 100, T = 4000".</summary>
    public override string ToString() =>
        $"uv toy s = {Compact(LabelNoise)}, K = {Integer(Workers)}, D0 = {Compact(InitialDifference)}, η = {Compact(StepSize)}"
        + (GrowthCoefficient > 0 ? $" (cosine peak, warm-up {Integer(Warmup)}), QSR α = {Compact(GrowthCoefficient)}" : $", H = {Integer(Period)}")
        + $", T = {Integer(Steps)}";
}
