namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// Haddadpour et al.'s LUPA period (NeurIPS 2019): τ = max(1, ⌊c·(T²/p)^{1/3}⌋), i.e. τ ∝ T^{2/3}/p^{1/3}
/// and O((pT)^{1/3}) rounds; c = 1 is their code's H = ⌊(T²/N)^{1/3}⌋. A final sync at T is always made.
/// </summary>
public sealed class HaddadpourPeriod : FixedSyncSchedule
{
    /// <summary>Builds the schedule with scale c &gt; 0.</summary>
    public HaddadpourPeriod(double scale = 1.0)
    {
        ProblemParameterException.RequirePositive("communication.scale", scale);
        Scale = scale;
    }

    /// <summary>c.</summary>
    public double Scale { get; }

    /// <summary>τ for a horizon and worker count.</summary>
    public int PeriodFor(int totalSteps, int workers)
        => (int)Math.Clamp(Math.Floor(Scale * Math.Cbrt((double)totalSteps * totalSteps / workers)), 1, totalSteps);

    /// <inheritdoc/>
    public override string Kind => "haddadpour";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["scale"] = Scale };

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        int period = PeriodFor(context.TotalSteps, context.Workers);
        for (long s = period; s < context.TotalSteps; s += period) yield return (int)s;
        yield return context.TotalSteps;
    }
}
