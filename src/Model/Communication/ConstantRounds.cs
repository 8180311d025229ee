namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// R rounds of (nearly) equal length: H = T/R, τ_r = ⌈H·r⌉ for r = 1..R (claims.md §3). Exactly R rounds
/// when R ≤ T. The "fails" comparison of Spiridonoff et al. uses R = ⌈√N⌉ and ⌈N^{3/4}⌉.
/// </summary>
public sealed class ConstantRounds : FixedSyncSchedule
{
    /// <summary>Builds the schedule with a fixed round count R ≥ 1.</summary>
    public ConstantRounds(int rounds)
    {
        ProblemParameterException.RequireAtLeast("communication.rounds", rounds, 1);
        Rounds = RoundCount.Fixed(rounds);
    }

    /// <summary>Builds the schedule with R a function of N (e.g. ⌈√N⌉).</summary>
    public ConstantRounds(RoundCount rounds) { Rounds = rounds; }

    /// <summary>R, possibly as a function of N.</summary>
    public RoundCount Rounds { get; }

    /// <inheritdoc/>
    public override string Kind => "constant-rounds";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => Rounds.Parameters;

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        int rounds = Rounds.For(context);
        double period = (double)context.TotalSteps / rounds;
        for (int r = 1; r < rounds; r++) yield return (int)Math.Ceiling(period * r);
        yield return context.TotalSteps;
    }
}
