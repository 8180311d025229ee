namespace LocalSgdVerify.Model.Algorithm;

/// <summary>
/// A run whose iterate became NaN, ±∞ or larger than the divergence bound. Never returned as a number: the
/// simulator reports the first step and the lowest replicate where it happened.
/// </summary>
public sealed class DivergenceException(int step, int replicate, int worker, double value)
    : Exception($"diverged at step {step} in replicate {replicate} (worker {worker}: x = {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})")
{
    /// <summary>The step t (1..T) after which the iterate left the bound.</summary>
    public int Step { get; } = step;

    /// <summary>The replicate.</summary>
    public int Replicate { get; } = replicate;

    /// <summary>The first worker found out of bounds.</summary>
    public int Worker { get; } = worker;

    /// <summary>The offending coordinate value.</summary>
    public double Value { get; } = value;
}
