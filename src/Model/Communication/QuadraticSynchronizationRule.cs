namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// The Quadratic Synchronization Rule (QSR) of Gu, Lyu, Arora, Zhang, Huang (ICLR 2024): at the start of each
/// round, H = max(H_base, ⌊(α/η_t)²⌋) with η_t the step size at the round's first step, truncated to the steps
/// that remain; H = H_base during warm-up. As η decays, rounds lengthen quadratically. Deterministic given η.
/// </summary>
public sealed class QuadraticSynchronizationRule : FixedSyncSchedule
{
    /// <summary>Builds the rule; H_base ≥ 1, α &gt; 0, warm-up ≥ 0 steps.</summary>
    public QuadraticSynchronizationRule(int basePeriod, double growthCoefficient, int warmupSteps = 0)
    {
        ProblemParameterException.RequireAtLeast("communication.base_period", basePeriod, 1);
        ProblemParameterException.RequirePositive("communication.alpha", growthCoefficient);
        ProblemParameterException.RequireAtLeast("communication.warmup_steps", warmupSteps, 0);
        BasePeriod = basePeriod; GrowthCoefficient = growthCoefficient; WarmupSteps = warmupSteps;
    }

    /// <summary>H_base.</summary>
    public int BasePeriod { get; }

    /// <summary>α in (α/η)².</summary>
    public double GrowthCoefficient { get; }

    /// <summary>Steps during which H = H_base.</summary>
    public int WarmupSteps { get; }

    /// <inheritdoc/>
    public override string Kind => "qsr";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>
    {
        ["base_period"] = BasePeriod, ["alpha"] = GrowthCoefficient, ["warmup_steps"] = WarmupSteps,
    };

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        int step = 0;
        while (step < context.TotalSteps)
        {
            long length = BasePeriod;
            if (step >= WarmupSteps)
            {
                double ratio = GrowthCoefficient / context.StepSize.At(step);
                length = Math.Max(BasePeriod, (long)Math.Min(Math.Floor(ratio * ratio), context.TotalSteps));
            }
            step = SyncSteps.Truncate(step, length, context.TotalSteps);
            yield return step;
        }
    }
}
