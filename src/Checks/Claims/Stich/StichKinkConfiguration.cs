using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Stich;

/// <summary>
/// A kink-family configuration of <see cref="LinearSpeedupClaim"/> (claims.md §2: f = μx² for x ≥ 0, μx²/2 for x &lt; 0,
/// so L = 2μ and κ = 2; g = f'(x) + N(0, σ²)): μ, σ, x0, N and T, run with Stich's step sizes η_t = 4/(μ(a + t)),
/// a = max(16κ, H), H = ⌊√(T/N)⌋, and his (a + t)²-weighted output. Not quadratic, so the schedule matters.
/// </summary>
/// <param name="Curvature">μ.</param>
/// <param name="Noise">σ.</param>
/// <param name="Start">x0.</param>
/// <param name="Workers">N.</param>
/// <param name="Steps">T.</param>
public sealed record StichKinkConfiguration(double Curvature, double Noise, double Start, int Workers, int Steps)
{
    /// <summary>κ = L/μ of the kink function.</summary>
    public const double ConditionNumber = 2;

    /// <summary>μ ∈ {0.5, 1, 2}, σ ∈ {2, 4, 8, 16}, x0 ∈ {1, 2, 4}, N ∈ {8, 16, 32}, T ∈ {1000, 4000}.</summary>
    public static Gen<StichKinkConfiguration> Generator { get; } =
        from curvature in Gen.Elements(0.5, 1.0, 2.0)
        from noise in Gen.Elements(2.0, 4.0, 8.0, 16.0)
        from start in Gen.Elements(1.0, 2.0, 4.0)
        from workers in Gen.Elements(8, 16, 32)
        from steps in Gen.Elements(1000, 4000)
        select new StichKinkConfiguration(curvature, noise, start, workers, steps);

    /// <summary>Stich's step size for this configuration (its period H = ⌊√(T/N)⌋ enters the shift a).</summary>
    public StichStepSize StepSize => new(Curvature, ConditionNumber, StichPeriod.PeriodFor(Steps, Workers));

    /// <summary>The Local SGD configuration under a schedule, with Stich's step sizes and weighted output.</summary>
    public LocalSgdConfiguration Configuration(ICommunicationSchedule schedule)
    {
        var stepSize = StepSize;
        return new(new KinkFunction(Curvature, Noise), Workers, Steps, [Start], stepSize, schedule, OutputIterate.StichWeighted(stepSize.Shift));
    }

    /// <summary>Smaller configurations: N toward 8, T toward 1000, then σ, x0, μ toward the paper's kink 8, 2, 1.</summary>
    public IEnumerable<StichKinkConfiguration> Shrink()
    {
        if (Workers > 8) yield return this with { Workers = Workers / 2 };
        if (Steps > 1000) yield return this with { Steps = Steps / 4 };
        foreach (double s in SpaceParts.Toward(Noise, 8, [2.0, 4, 8, 16])) yield return this with { Noise = s };
        foreach (double x in SpaceParts.Toward(Start, 2, [1.0, 2, 4])) yield return this with { Start = x };
        foreach (double m in SpaceParts.Toward(Curvature, 1, [0.5, 1, 2])) yield return this with { Curvature = m };
    }

    /// <summary>"kink μ = 1, σ = 8, x0 = 2, N = 16, T = 4000".</summary>
    public override string ToString() => $"kink μ = {Compact(Curvature)}, σ = {Compact(Noise)}, x0 = {Compact(Start)}, N = {Integer(Workers)}, T = {Integer(Steps)}";
}
