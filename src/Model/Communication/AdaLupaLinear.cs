namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// ADA-LUPA, the experiment rule of Haddadpour et al. (NeurIPS 2019): round i (i = 0, 1, ...) has
/// τ_i = round((1 + iα)τ0) local steps with α = 2T/((E+1)·E·τ0) for a target of E rounds; the last round is
/// truncated to the steps that remain. Periods grow linearly, so Σ τ_i(τ_i − 1) = O(T²) holds.
/// </summary>
public sealed class AdaLupaLinear : FixedSyncSchedule
{
    /// <summary>Builds the rule from τ0 ≥ 1 and E ≥ 1.</summary>
    public AdaLupaLinear(int initialPeriod, int rounds)
    {
        ProblemParameterException.RequireAtLeast("communication.initial_period", initialPeriod, 1);
        ProblemParameterException.RequireAtLeast("communication.rounds", rounds, 1);
        InitialPeriod = initialPeriod; Rounds = rounds;
    }

    /// <summary>τ0.</summary>
    public int InitialPeriod { get; }

    /// <summary>E, the target number of rounds.</summary>
    public int Rounds { get; }

    /// <summary>α = 2T/((E+1)·E·τ0).</summary>
    public double GrowthFor(int totalSteps) => 2.0 * totalSteps / ((Rounds + 1.0) * Rounds * InitialPeriod);

    /// <inheritdoc/>
    public override string Kind => "ada-lupa-linear";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>
    {
        ["initial_period"] = InitialPeriod, ["rounds"] = Rounds,
    };

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        double alpha = GrowthFor(context.TotalSteps);
        int step = 0;
        for (int i = 0; step < context.TotalSteps; i++)
        {
            long length = (long)Math.Round((1 + i * alpha) * InitialPeriod);
            step = SyncSteps.Truncate(step, length, context.TotalSteps);
            yield return step;
        }
    }
}
