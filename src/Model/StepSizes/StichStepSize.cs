namespace LocalSgdVerify.Model.StepSizes;

/// <summary>
/// Stich's step size η_t = 4 / (μ (a + t)) with a = max(16κ, H), κ = L/μ, used together with the weighted
/// average of weights (a + t)² (Stich, "Local SGD converges fast and communicates little", ICLR 2019, Thm 2.2).
/// </summary>
public sealed class StichStepSize : IStepSizeSchedule
{
    /// <summary>Builds the schedule from μ, κ and the period H.</summary>
    public StichStepSize(double mu, double conditionNumber, int period)
    {
        ProblemParameterException.RequirePositive("step_size.mu", mu);
        ProblemParameterException.RequirePositive("step_size.condition_number", conditionNumber);
        ProblemParameterException.RequireAtLeast("step_size.period", period, 1);
        Mu = mu; ConditionNumber = conditionNumber; Period = period;
        Shift = Math.Max(16 * conditionNumber, period);
    }

    /// <summary>μ.</summary>
    public double Mu { get; }

    /// <summary>κ = L/μ.</summary>
    public double ConditionNumber { get; }

    /// <summary>The communication period H the shift is matched to.</summary>
    public int Period { get; }

    /// <summary>a = max(16κ, H); also the shift of the output weights (a + t)².</summary>
    public double Shift { get; }

    /// <inheritdoc/>
    public string Kind => "stich";

    /// <inheritdoc/>
    public double At(int step) => 4 / (Mu * (Shift + step));

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>
    {
        ["mu"] = Mu, ["condition_number"] = ConditionNumber, ["period"] = Period, ["shift"] = Shift,
    };
}
