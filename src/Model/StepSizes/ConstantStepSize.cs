namespace LocalSgdVerify.Model.StepSizes;

/// <summary>η_t = η.</summary>
public sealed class ConstantStepSize : IStepSizeSchedule
{
    /// <summary>Builds the schedule; η must be finite and positive.</summary>
    public ConstantStepSize(double stepSize)
    {
        ProblemParameterException.RequirePositive("step_size.value", stepSize);
        StepSize = stepSize;
    }

    /// <summary>η.</summary>
    public double StepSize { get; }

    /// <inheritdoc/>
    public string Kind => "constant";

    /// <inheritdoc/>
    public double At(int step) => StepSize;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["value"] = StepSize };
}
