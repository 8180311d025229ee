namespace LocalSgdVerify.Model.Communication;

/// <summary>Constant period H: I = {H, 2H, ...} ∪ {T} (the final sync at T is always made).</summary>
public sealed class ConstantPeriod : FixedSyncSchedule
{
    /// <summary>Builds the schedule; H ≥ 1.</summary>
    public ConstantPeriod(int period)
    {
        ProblemParameterException.RequireAtLeast("communication.period", period, 1);
        Period = period;
    }

    /// <summary>H.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public override string Kind => "constant-period";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["period"] = Period };

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        for (long s = Period; s < context.TotalSteps; s += Period) yield return (int)s;
        yield return context.TotalSteps;
    }
}
