using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>The static schedule families of claims.md §3 an assumption space draws from.</summary>
public enum ScheduleFamily
{
    /// <summary>I = {1..T}.</summary>
    EveryStep,

    /// <summary>I = {T}.</summary>
    OneShot,

    /// <summary>I = {H, 2H, ...} ∪ {T}.</summary>
    ConstantPeriod,

    /// <summary>R = ⌈N^p⌉ rounds of equal length.</summary>
    ConstantRounds,

    /// <summary>Spiridonoff's increasing intervals with R = ⌈N^p⌉ rounds.</summary>
    IncreasingIntervals,
}

/// <summary>
/// A static communication schedule as a configuration field: its family and parameter (the period H, or the exponent p
/// of R = ⌈N^p⌉). Shrinks toward every-step, then toward smaller periods and R = N.
/// </summary>
/// <param name="Family">The family.</param>
/// <param name="Period">H for a constant period (else 0).</param>
/// <param name="RoundsExponent">p in R = ⌈N^p⌉ for constant rounds and increasing intervals (else 0).</param>
public sealed record ScheduleChoice(ScheduleFamily Family, int Period = 0, double RoundsExponent = 0)
{
    /// <summary>Exponents p of R = ⌈N^p⌉ drawn: √N, N^¾, N, N^{3/2} (claims.md §3).</summary>
    public static IReadOnlyList<double> Exponents { get; } = [0.5, 0.75, 1, 1.5];

    /// <summary>Every-step.</summary>
    public static ScheduleChoice EveryStep { get; } = new(ScheduleFamily.EveryStep);

    /// <summary>Any static schedule with periods up to <paramref name="maximumPeriod"/>.</summary>
    public static Gen<ScheduleChoice> Any(int maximumPeriod) => Gen.OneOf(
        Gen.Constant(EveryStep),
        Gen.Constant(new ScheduleChoice(ScheduleFamily.OneShot)),
        Gen.Choose(2, maximumPeriod).Select(h => new ScheduleChoice(ScheduleFamily.ConstantPeriod, h)),
        Gen.Elements<double>(Exponents).Select(p => new ScheduleChoice(ScheduleFamily.ConstantRounds, RoundsExponent: p)),
        Gen.Elements<double>(Exponents).Select(p => new ScheduleChoice(ScheduleFamily.IncreasingIntervals, RoundsExponent: p)));

    /// <summary>The schedule.</summary>
    public ICommunicationSchedule Build() => Family switch
    {
        ScheduleFamily.EveryStep => new EveryStep(),
        ScheduleFamily.OneShot => new OneShot(),
        ScheduleFamily.ConstantPeriod => new ConstantPeriod(Period),
        ScheduleFamily.ConstantRounds => new ConstantRounds(RoundCount.PowerOfWorkers(RoundsExponent)),
        _ => new IncreasingIntervals(RoundCount.PowerOfWorkers(RoundsExponent)),
    };

    /// <summary>Simpler schedules: every-step, then a smaller period or an exponent nearer 1 (R = N).</summary>
    public IEnumerable<ScheduleChoice> Shrink()
    {
        if (Family == ScheduleFamily.EveryStep) yield break;
        yield return EveryStep;
        if (Family == ScheduleFamily.ConstantPeriod)
            foreach (int h in SpaceParts.Toward(Period, 2)) yield return this with { Period = h };
        if (Family is ScheduleFamily.ConstantRounds or ScheduleFamily.IncreasingIntervals)
            foreach (double p in SpaceParts.Toward(RoundsExponent, 1, Exponents)) yield return this with { RoundsExponent = p };
    }

    /// <summary>"every-step", "constant period H = 10", "increasing intervals, R = ⌈N^0.5⌉".</summary>
    public override string ToString() => Family switch
    {
        ScheduleFamily.EveryStep => "every-step",
        ScheduleFamily.OneShot => "one-shot",
        ScheduleFamily.ConstantPeriod => $"constant period H = {NumberText.Integer(Period)}",
        ScheduleFamily.ConstantRounds => $"constant rounds, R = {Rounds(RoundsExponent)}",
        _ => $"increasing intervals, R = {Rounds(RoundsExponent)}",
    };

    private static string Rounds(double exponent) => exponent == 1 ? "N" : $"⌈N^{NumberText.Compact(exponent)}⌉";
}
