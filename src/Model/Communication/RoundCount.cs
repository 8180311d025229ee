namespace LocalSgdVerify.Model.Communication;

/// <summary>
/// A number of communication rounds R, either fixed or a power of the number of workers N:
/// R = ⌈N^p⌉ (p = 1 for "R = N", ½ for √N, ¾ for N^{3/4}), never more than T.
/// </summary>
public sealed record RoundCount
{
    private RoundCount(int? fixedRounds, double workerExponent) { FixedRounds = fixedRounds; WorkerExponent = workerExponent; }

    /// <summary>The fixed R, or null when R = ⌈N^p⌉.</summary>
    public int? FixedRounds { get; }

    /// <summary>p in R = ⌈N^p⌉ (unused when fixed).</summary>
    public double WorkerExponent { get; }

    /// <summary>R rounds whatever N.</summary>
    public static RoundCount Fixed(int rounds)
    {
        ProblemParameterException.RequireAtLeast("communication.rounds", rounds, 1);
        return new RoundCount(rounds, 0);
    }

    /// <summary>R = ⌈N^p⌉.</summary>
    public static RoundCount PowerOfWorkers(double exponent)
    {
        if (!double.IsFinite(exponent) || exponent < 0 || exponent > 2)
            throw new ProblemParameterException("communication.rounds_exponent", NumberText.RoundTrip(exponent), "a number in [0, 2]");
        return new RoundCount(null, exponent);
    }

    /// <summary>The round count for this context, clamped to [1, T].</summary>
    public int For(ScheduleContext context)
    {
        // Round N^p to 12 digits first so that e.g. 16^0.5 = 4 exactly never becomes ⌈4.000000000000001⌉ = 5.
        double raw = FixedRounds ?? Math.Ceiling(Math.Round(Math.Pow(context.Workers, WorkerExponent), 12));
        return (int)Math.Clamp(raw, 1, context.TotalSteps);
    }

    /// <summary>Parameters for reports.</summary>
    public IReadOnlyDictionary<string, double> Parameters => FixedRounds is int r
        ? new Dictionary<string, double> { ["rounds"] = r }
        : new Dictionary<string, double> { ["rounds_exponent"] = WorkerExponent };
}
