using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.PatelDieuleveut;

/// <summary>
/// A configuration of Patel and Dieuleveut's scalar quadratic F(w) = μw²/2 (w* = 0) with additive noise σ: P workers,
/// the start w0, a step size given by its product with μ (constant ημ for P1; γ0μ and the decay exponent a of
/// γ_t = γ0(t + 1)^(−a) for P2), a static schedule and T.
/// </summary>
/// <param name="Curvature">μ.</param>
/// <param name="Noise">σ.</param>
/// <param name="Start">w0.</param>
/// <param name="StepProduct">ημ (P1) or γ0μ (P2).</param>
/// <param name="DecayExponent">a in γ_t = γ0(t + 1)^(−a) (P2); 0 for a constant step (P1).</param>
/// <param name="Workers">P.</param>
/// <param name="Steps">T.</param>
/// <param name="Schedule">The static schedule.</param>
public sealed record ScalarQuadraticConfiguration(double Curvature, double Noise, double Start, double StepProduct, double DecayExponent, int Workers, int Steps, ScheduleChoice Schedule)
{
    /// <summary>μ drawn.</summary>
    public static IReadOnlyList<double> CurvatureGrid { get; } = [0.25, 0.5, 1, 2, 4];

    /// <summary>σ drawn.</summary>
    public static IReadOnlyList<double> NoiseGrid { get; } = [0.5, 1, 2];

    /// <summary>w0 drawn.</summary>
    public static IReadOnlyList<double> StartGrid { get; } = [-2, 0, 1, 2];

    /// <summary>The problem.</summary>
    public SeparableQuadratic Problem => new([Curvature], 0, Noise);

    /// <summary>η (P1) or γ0 (P2).</summary>
    public double StepScale => StepProduct / Curvature;

    /// <summary>The step size: constant η = ημ/μ, or γ_t = γ0(t + 1)^(−a).</summary>
    public IStepSizeSchedule StepSize => DecayExponent == 0 ? new ConstantStepSize(StepScale) : new PolynomialDecayStepSize(StepScale, DecayExponent);

    /// <summary>The Local SGD configuration with the given output and checkpoints.</summary>
    public LocalSgdConfiguration Configuration(OutputIterate? output = null, int[]? checkpoints = null) =>
        new(Problem, Workers, Steps, [Start], StepSize, Schedule.Build(), output, checkpoints);

    /// <summary>The common fields drawn, with the step product, decay exponent and horizon from the claim's own generators.</summary>
    public static Gen<ScalarQuadraticConfiguration> Generator(Gen<double> stepProduct, Gen<double> decayExponent, Gen<int> steps, Gen<int> workers) =>
        from curvature in Gen.Elements<double>(CurvatureGrid)
        from noise in Gen.Elements<double>(NoiseGrid)
        from start in Gen.Elements<double>(StartGrid)
        from product in stepProduct
        from exponent in decayExponent
        from p in workers
        from t in steps
        from schedule in ScheduleChoice.Any(50)
        select new ScalarQuadraticConfiguration(curvature, noise, start, product, exponent, p, t, schedule);

    /// <summary>Smaller configurations: the schedule, P toward 1, T toward <paramref name="minimumSteps"/>, then μ, σ, w0 toward 1, 1, 1.</summary>
    public IEnumerable<ScalarQuadraticConfiguration> Shrink(int minimumSteps)
    {
        foreach (var schedule in Schedule.Shrink()) yield return this with { Schedule = schedule };
        foreach (int p in SpaceParts.Toward(Workers, 1)) yield return this with { Workers = p };
        foreach (int t in SpaceParts.Toward(Steps, minimumSteps)) yield return this with { Steps = t };
        foreach (double m in SpaceParts.Toward(Curvature, 1, CurvatureGrid)) yield return this with { Curvature = m };
        foreach (double s in SpaceParts.Toward(Noise, 1, NoiseGrid)) yield return this with { Noise = s };
        foreach (double w in SpaceParts.Toward(Start, 1, StartGrid)) yield return this with { Start = w };
    }

    /// <summary>"μ = 1, σ = 1, w0 = 2, ημ = 0.1, P = 4, T = 200, constant period H = 7".</summary>
    public override string ToString() =>
        $"μ = {Compact(Curvature)}, σ = {Compact(Noise)}, w0 = {Compact(Start)}, {(DecayExponent == 0 ? $"ημ = {Compact(StepProduct)}" : $"γ0μ = {Compact(StepProduct)}, a = {Compact(DecayExponent)}")}, P = {Integer(Workers)}, T = {Integer(Steps)}, {Schedule}";
}
