namespace LocalSgdVerify.Model.StepSizes;

/// <summary>
/// η_t = min(α/(t + β), cap): the <see cref="InverseTimeStepSize"/> with μ = 1, capped. Spiridonoff et al.'s 1-D
/// experiments use α = 2, β = 1 and cap = 1/2 (kink) or 1/L (smooth function) so early steps stay stable.
/// </summary>
public sealed class CappedInverseTimeStepSize : IStepSizeSchedule
{
    private readonly InverseTimeStepSize uncapped;

    /// <summary>Builds the schedule; α, β and cap must be positive.</summary>
    public CappedInverseTimeStepSize(double alpha, double beta, double cap)
    {
        uncapped = new InverseTimeStepSize(alpha, beta);
        ProblemParameterException.RequirePositive("step_size.cap", cap);
        Cap = cap;
    }

    /// <summary>α.</summary>
    public double Alpha => uncapped.Alpha;

    /// <summary>β.</summary>
    public double Beta => uncapped.Beta;

    /// <summary>Largest step size allowed.</summary>
    public double Cap { get; }

    /// <inheritdoc/>
    public string Kind => "capped-inverse-time";

    /// <inheritdoc/>
    public double At(int step) => Math.Min(uncapped.At(step), Cap);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["alpha"] = Alpha, ["beta"] = Beta, ["cap"] = Cap };
}
