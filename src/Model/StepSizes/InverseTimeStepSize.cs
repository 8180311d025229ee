namespace LocalSgdVerify.Model.StepSizes;

/// <summary>
/// η_t = α / (μ (t + β)), the classical strongly convex schedule; on the separable quadratic with
/// η_t = α/(t+β) (μ = 1), N·T·E F(x̄^T) → (α²σ²/2) Σ_k a_k/(2α a_k − 1) for every communication schedule
/// (claims.md §4, derived). Spiridonoff et al.'s experiment uses α = 3, β = 1, μ = 1.
/// </summary>
public sealed class InverseTimeStepSize : IStepSizeSchedule
{
    /// <summary>Builds the schedule; α, μ, β must be positive.</summary>
    public InverseTimeStepSize(double alpha, double beta, double mu = 1.0)
    {
        ProblemParameterException.RequirePositive("step_size.alpha", alpha);
        ProblemParameterException.RequirePositive("step_size.beta", beta);
        ProblemParameterException.RequirePositive("step_size.mu", mu);
        Alpha = alpha; Beta = beta; Mu = mu;
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>β (shift; β = 1 gives α/(μ(t+1))).</summary>
    public double Beta { get; }

    /// <summary>μ.</summary>
    public double Mu { get; }

    /// <inheritdoc/>
    public string Kind => "inverse-time";

    /// <inheritdoc/>
    public double At(int step) => Alpha / (Mu * (step + Beta));

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["alpha"] = Alpha, ["beta"] = Beta, ["mu"] = Mu };
}
