namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// Spiridonoff et al.'s increasing intervals (NeurIPS 2021, experiment code): a = 2T/(R(R+1)),
/// τ_r = ⌊a·r(r+1)/2⌋ for r = 1..R, T appended if τ_R ≠ T. Intervals grow about linearly, H_r ≈ a(r+1);
/// with R = N the paper claims error ∝ 1/(NT) with R independent of T. When a &lt; 1 the first τ_r can
/// round to 0 or repeat; those are dropped, so the round count can fall short of R by such floor effects.
/// </summary>
public sealed class IncreasingIntervals(RoundCount rounds) : FixedSyncSchedule
{
    /// <summary>R, possibly as a function of N.</summary>
    public RoundCount Rounds { get; } = rounds;

    /// <inheritdoc/>
    public override string Kind => "increasing-intervals";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => Rounds.Parameters;

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        long rounds = Rounds.For(context);
        // ⌊a·r(r+1)/2⌋ with a = 2T/(R(R+1)) is ⌊T·r(r+1)/(R(R+1))⌋: integer arithmetic keeps τ_R = T exact.
        for (long r = 1; r <= rounds; r++)
            yield return (int)(context.TotalSteps * r * (r + 1) / (rounds * (rounds + 1)));
        yield return context.TotalSteps;
    }
}
