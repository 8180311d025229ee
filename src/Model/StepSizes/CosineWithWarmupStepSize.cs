namespace LocalSgdVerify.Model.StepSizes;

/// <summary>
/// Linear warm-up to a peak, then cosine decay to a final value over the remaining steps:
/// η_t = peak·(t + 1)/W for t &lt; W, then <c>final + ½(peak − final)(1 + cos(π (t − W)/(T − W)))</c>.
/// The schedule of Gu et al.'s QSR experiments (ICLR 2024), under which QSR lengthens rounds as η decays.
/// </summary>
public sealed class CosineWithWarmupStepSize : IStepSizeSchedule
{
    /// <summary>Builds the schedule; 0 ≤ W &lt; T, peak &gt; 0, 0 ≤ final ≤ peak.</summary>
    public CosineWithWarmupStepSize(double peak, int warmupSteps, int totalSteps, double final = 0)
    {
        ProblemParameterException.RequirePositive("step_size.peak", peak);
        ProblemParameterException.RequireAtLeast("step_size.total_steps", totalSteps, 1);
        if (warmupSteps < 0 || warmupSteps >= totalSteps)
            throw new ProblemParameterException("step_size.warmup_steps", warmupSteps.ToString(System.Globalization.CultureInfo.InvariantCulture), $"an integer in [0, {totalSteps - 1}]");
        if (!double.IsFinite(final) || final < 0 || final > peak)
            throw new ProblemParameterException("step_size.final", NumberText.RoundTrip(final), $"a number in [0, peak = {NumberText.RoundTrip(peak)}]");
        Peak = peak; WarmupSteps = warmupSteps; TotalSteps = totalSteps; Final = final;
    }

    /// <summary>Largest step size, reached at the end of warm-up.</summary>
    public double Peak { get; }

    /// <summary>W, the number of warm-up steps.</summary>
    public int WarmupSteps { get; }

    /// <summary>T, the horizon of the cosine.</summary>
    public int TotalSteps { get; }

    /// <summary>Step size at the horizon.</summary>
    public double Final { get; }

    /// <inheritdoc/>
    public string Kind => "cosine";

    /// <inheritdoc/>
    public double At(int step)
    {
        if (step < WarmupSteps) return Peak * (step + 1) / WarmupSteps;
        double progress = Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        // Never exactly 0: a zero step size would make QSR's (α/η)² rule divide by zero on the last step.
        return Math.Max(Final + 0.5 * (Peak - Final) * (1 + Math.Cos(Math.PI * progress)), Peak * 1e-12);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>
    {
        ["peak"] = Peak, ["warmup_steps"] = WarmupSteps, ["total_steps"] = TotalSteps, ["final"] = Final,
    };
}
