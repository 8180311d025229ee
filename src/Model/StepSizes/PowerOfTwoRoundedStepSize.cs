namespace LocalSgdVerify.Model.StepSizes;

/// <summary>
/// Wraps a schedule and rounds each η_t down to a power of two (2^⌊log2 η_t⌋), the optional rounding of
/// claims.md §3; piecewise-constant step sizes make local steps exactly representable in binary.
/// </summary>
public sealed class PowerOfTwoRoundedStepSize(IStepSizeSchedule inner) : IStepSizeSchedule
{
    /// <summary>The schedule being rounded.</summary>
    public IStepSizeSchedule Inner { get; } = inner;

    /// <inheritdoc/>
    public string Kind => Inner.Kind;

    /// <inheritdoc/>
    public double At(int step)
    {
        double value = Inner.At(step);
        return Math.ScaleB(1.0, Math.ILogB(value));
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Parameters
    {
        get
        {
            var parameters = new Dictionary<string, double>(Inner.Parameters) { ["round_to_power_of_two"] = 1 };
            return parameters;
        }
    }
}
