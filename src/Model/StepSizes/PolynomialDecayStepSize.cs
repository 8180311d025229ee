namespace LocalSgdVerify.Model.StepSizes;

/// <summary>
/// η_t = γ0 (t + 1)^(−a) with a ∈ (1/2, 1): the Polyak–Ruppert regime in which Patel and Dieuleveut show
/// P·T·E|w̄_T − w*|² → σ²/μ² for the averaged iterate (claims.md §4, P2). Exponents in [0, 1] are accepted
/// (a = 0 is constant), the claim's range is the caller's concern.
/// </summary>
public sealed class PolynomialDecayStepSize : IStepSizeSchedule
{
    /// <summary>Builds the schedule; γ0 &gt; 0, a ∈ [0, 1].</summary>
    public PolynomialDecayStepSize(double initial, double exponent)
    {
        ProblemParameterException.RequirePositive("step_size.initial", initial);
        if (!double.IsFinite(exponent) || exponent < 0 || exponent > 1)
            throw new ProblemParameterException("step_size.exponent", NumberText.RoundTrip(exponent), "a number in [0, 1]");
        Initial = initial; Exponent = exponent;
    }

    /// <summary>γ0.</summary>
    public double Initial { get; }

    /// <summary>a.</summary>
    public double Exponent { get; }

    /// <inheritdoc/>
    public string Kind => "polynomial-decay";

    /// <inheritdoc/>
    public double At(int step) => Initial * Math.Pow(step + 1.0, -Exponent);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["initial"] = Initial, ["exponent"] = Exponent };
}
