namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// ADA-LUPA, the paper rule of Haddadpour et al. (NeurIPS 2019): at the start of each round,
/// τ_i = ⌈(F(x̄^0)/F(x̄^{t_i}))^{1/3}⌉·τ0, where t_i is the round's first step; the suite uses the error
/// F − F* for F (the paper's F* = 0) and truncates the last round to the steps that remain. The period grows
/// as the loss falls, so the sync steps depend on the run.
/// </summary>
public sealed class AdaLupaLoss : ICommunicationSchedule
{
    /// <summary>Builds the rule from τ0 ≥ 1.</summary>
    public AdaLupaLoss(int initialPeriod)
    {
        ProblemParameterException.RequireAtLeast("communication.initial_period", initialPeriod, 1);
        InitialPeriod = initialPeriod;
    }

    /// <summary>τ0.</summary>
    public int InitialPeriod { get; }

    /// <inheritdoc/>
    public string Kind => "ada-lupa-loss";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["initial_period"] = InitialPeriod };

    /// <inheritdoc/>
    public bool DependsOnRun => true;

    /// <inheritdoc/>
    public ISyncPlanner Start(ScheduleContext context) => new Planner(this, context.TotalSteps);

    private sealed class Planner(AdaLupaLoss rule, int totalSteps) : ISyncPlanner
    {
        private double initialError = double.NaN;

        public int NextSync(int roundStart, double errorAtRoundStart)
        {
            if (roundStart == 0) initialError = errorAtRoundStart;
            double ratio = initialError / errorAtRoundStart;
            // A zero, negative or undefined error (at the optimum, or before the first loss) keeps the base period.
            double multiplier = double.IsFinite(ratio) && ratio > 1 ? Math.Ceiling(Math.Cbrt(ratio)) : 1;
            return SyncSteps.Truncate(roundStart, (long)Math.Min(multiplier * rule.InitialPeriod, totalSteps), totalSteps);
        }
    }
}
