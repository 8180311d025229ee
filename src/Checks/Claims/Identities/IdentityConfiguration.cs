using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Identities;

/// <summary>
/// A configuration an identity is checked at: a problem of claims.md §2 (the separable quadratic of any d, a, c, σ, or
/// the non-quadratic kink and smooth functions with their noise and start), N, T, a static schedule and the replicate
/// whose noise is used. The identities hold for every such configuration; the claims explore them.
/// </summary>
/// <param name="Family">"separable-quadratic", "kink" or "smooth".</param>
/// <param name="Quadratic">The quadratic's setting (problem, start, step size) when the family is the quadratic.</param>
/// <param name="Noise">σ of the kink and smooth functions.</param>
/// <param name="Start">x0 of the kink and smooth functions.</param>
/// <param name="Alpha">α in η_t = min(α/(t + 1), 1/L) of the kink and smooth functions.</param>
/// <param name="Workers">N.</param>
/// <param name="Steps">T.</param>
/// <param name="Schedule">The schedule.</param>
/// <param name="Replicate">The replicate whose noise the paths use.</param>
public sealed record IdentityConfiguration(string Family, QuadraticSetting? Quadratic, double Noise, double Start, double Alpha, int Workers, int Steps,
    ScheduleChoice Schedule, int Replicate)
{
    /// <summary>The families drawn.</summary>
    public static IReadOnlyList<string> Families { get; } = ["separable-quadratic", "kink", "smooth"];

    /// <summary>Horizons drawn.</summary>
    public static IReadOnlyList<int> StepsGrid { get; } = [20, 50, 100, 200, 400];

    /// <summary>
    /// Every family, N from <paramref name="workers"/>, T ≤ 400, the schedules <paramref name="schedules"/> draws, a replicate
    /// 0..999; the quadratic's noise passed through <paramref name="quadratic"/> (c = 0 for schedule invariance).
    /// </summary>
    public static Gen<IdentityConfiguration> Generator(Gen<int> workers, Gen<ScheduleChoice> schedules, Func<QuadraticSetting, QuadraticSetting>? quadratic = null, IReadOnlyList<string>? families = null) =>
        from family in Gen.Elements<string>(families ?? Families)
        from setting in QuadraticSetting.Generator
        from noise in Gen.Elements(2.0, 4.0, 8.0, 16.0)
        from start in Gen.Elements(-2.0, 1.0, 2.0, 4.0)
        from alpha in Gen.Elements(1.0, 2.0, 3.0)
        from n in workers
        from steps in Gen.Elements<int>(StepsGrid)
        from schedule in schedules
        from replicate in Gen.Choose(0, 999)
        select new IdentityConfiguration(family, family == "separable-quadratic" ? (quadratic ?? (s => s))(setting) : null, noise, start, alpha, n, steps, schedule, replicate);

    /// <summary>The problem.</summary>
    public IProblem Problem => Family switch
    {
        "separable-quadratic" => Quadratic!.Problem,
        "kink" => new KinkFunction(1, Noise),
        _ => new SmoothFunction(Noise),
    };

    /// <summary>x0.</summary>
    public double[] StartPoint => Quadratic?.StartPoint ?? [Start];

    /// <summary>η_t: the quadratic's α/(t + β), else min(α/(t + 1), 1/L).</summary>
    public IStepSizeSchedule StepSize => Quadratic?.StepSize ?? (IStepSizeSchedule)new CappedInverseTimeStepSize(Alpha, 1, 1 / Problem.Smoothness!.Value);

    /// <summary>The Local SGD configuration.</summary>
    public LocalSgdConfiguration Configuration => new(Problem, Workers, Steps, StartPoint, StepSize, Schedule.Build());

    /// <summary>Smaller configurations: the schedule, N toward <paramref name="minimumWorkers"/>, T toward 20, replicate 0, then the quadratic's setting.</summary>
    public IEnumerable<IdentityConfiguration> Shrink(int minimumWorkers)
    {
        foreach (var schedule in Schedule.Shrink()) yield return this with { Schedule = schedule };
        foreach (int n in SpaceParts.Toward(Workers, minimumWorkers)) yield return this with { Workers = n };
        foreach (double t in SpaceParts.Toward(Steps, 20, StepsGrid.Select(s => (double)s).ToArray())) yield return this with { Steps = (int)t };
        if (Replicate != 0) yield return this with { Replicate = 0 };
        if (Quadratic is not null) foreach (var setting in Quadratic.Shrink()) yield return this with { Quadratic = setting };
    }

    /// <summary>"kink σ = 8, x0 = 2, α = 2, N = 16, T = 200, every-step, replicate 3".</summary>
    public override string ToString() =>
        $"{(Quadratic is null ? $"{Family} σ = {Compact(Noise)}, x0 = {Compact(Start)}, η_t = min({Compact(Alpha)}/(t+1), 1/L)" : $"separable quadratic {Quadratic}")}, N = {Integer(Workers)}, T = {Integer(Steps)}, {Schedule}, replicate {Integer(Replicate)}";
}
