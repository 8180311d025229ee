namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// Stich's constant period H = ⌊√(T/N)⌋ (at least 1) with a final sync at T (Stich, ICLR 2019, Thm 2.2):
/// with η_t = 4/(μ(a+t)) and the (a+t)²-weighted average it gives linear speed-up.
/// </summary>
public sealed class StichPeriod : FixedSyncSchedule
{
    /// <summary>H = max(1, ⌊√(T/N)⌋).</summary>
    public static int PeriodFor(int totalSteps, int workers) => Math.Max(1, (int)Math.Floor(Math.Sqrt((double)totalSteps / workers)));

    /// <inheritdoc/>
    public override string Kind => "stich";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>();

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        int period = PeriodFor(context.TotalSteps, context.Workers);
        for (long s = period; s < context.TotalSteps; s += period) yield return (int)s;
        yield return context.TotalSteps;
    }
}
