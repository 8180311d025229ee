namespace LocalSgdVerify.Model.StepSizes;

/// <summary>
/// η_t = min(α/(t + β), cap). Spiridonoff et al.'s 1-D experiments use α = 2, β = 1 and cap = 1/2 (kink)
/// or 1/L (smooth function) so early steps stay stable.
/// </summary>
public sealed class CappedInverseTimeStepSize : IStepSizeSchedule
{
    /// <summary>Builds the schedule; α, β and cap must be positive.</summary>
    public CappedInverseTimeStepSize(double alpha, double beta, double cap)
    {
        ProblemParameterException.RequirePositive("step_size.alpha", alpha);
        ProblemParameterException.RequirePositive("step_size.beta", beta);
        ProblemParameterException.RequirePositive("step_size.cap", cap);
        Alpha = alpha; Beta = beta; Cap = cap;
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>Largest step size allowed.</summary>
    public double Cap { get; }

    /// <inheritdoc/>
    public string Kind => "capped-inverse-time";

    /// <inheritdoc/>
    public double At(int step) => Math.Min(Alpha / (step + Beta), Cap);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["alpha"] = Alpha, ["beta"] = Beta, ["cap"] = Cap };
}
