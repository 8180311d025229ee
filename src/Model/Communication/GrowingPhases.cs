namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// Patel and Dieuleveut's phases (2019): phase t has N^t = ⌈N0·(t+1)^g⌉ local steps (g = 0 is a constant
/// period), the last phase truncated to the steps that remain.
/// </summary>
public sealed class GrowingPhases : FixedSyncSchedule
{
    /// <summary>Builds the schedule; N0 ≥ 1, g ∈ [0, 3].</summary>
    public GrowingPhases(int initialLength, double growthExponent)
    {
        ProblemParameterException.RequireAtLeast("communication.initial_length", initialLength, 1);
        if (!double.IsFinite(growthExponent) || growthExponent < 0 || growthExponent > 3)
            throw new ProblemParameterException("communication.growth_exponent", NumberText.RoundTrip(growthExponent), "a number in [0, 3]");
        InitialLength = initialLength; GrowthExponent = growthExponent;
    }

    /// <summary>N0.</summary>
    public int InitialLength { get; }

    /// <summary>g.</summary>
    public double GrowthExponent { get; }

    /// <inheritdoc/>
    public override string Kind => "growing-phases";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>
    {
        ["initial_length"] = InitialLength, ["growth_exponent"] = GrowthExponent,
    };

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        int step = 0;
        for (int phase = 0; step < context.TotalSteps; phase++)
        {
            long length = (long)Math.Min(Math.Ceiling(InitialLength * Math.Pow(phase + 1, GrowthExponent)), context.TotalSteps);
            step = SyncSteps.Truncate(step, length, context.TotalSteps);
            yield return step;
        }
    }
}
